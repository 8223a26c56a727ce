import GameDayConsole
import GameDayEngine

extension FuzzTarget {
    /// An expression through the lexer, the parser and the checker, with the example drill's inject ids in scope;
    /// one that checks is put in a drill as an outcome's check and an inject's `if` and `until`, compiled, and
    /// evaluated by replaying the example's good log.
    static let expression = FuzzTarget("expression", "ExpressionParser and ExpressionChecker; a valid one evaluated in a replay") { bytes in
        let text = FuzzFixtures.text(bytes)
        let scalars = text.unicodeScalars.count
        let scope = ExpressionScope(allowsNow: true, injectIDs: FuzzFixtures.drill.injects.map(\.id))
        let tree: ExprNode
        do throws(ExpressionError) {
            tree = try ExpressionParser.parse(text)
        } catch {
            return error.offset >= 0 && error.offset <= scalars ? nil : "a syntax error at offset \(error.offset) of \(scalars)"
        }
        let (_, errors) = ExpressionChecker.checkCondition(tree, in: scope)
        if let bad = errors.first(where: { $0.offset < 0 || $0.offset > scalars }) { return "a type error at offset \(bad.offset) of \(scalars)" }
        guard errors.isEmpty else { return nil }
        let quoted = YAMLScalar.quoted(text)
        let yaml = """
        drill: fuzz
        title: Fuzzed expression
        severity: P2
        owner: security-lead
        scenario: acme
        duration: 2h
        injects:
          - {id: probe, at: 1m, channel: silent, if: \(quoted), until: \(quoted), repeat: 7m}
          - {id: alert-key-use, at: 2m, channel: alert, message: an alert}

        """
        // A check may not use `now`; try the expression as a check only where the checker allows it.
        let checkScope = ExpressionScope(allowsNow: false, injectIDs: ["probe", "alert-key-use"])
        let asCheck = ExpressionChecker.checkCondition(tree, in: checkScope).1.isEmpty
            ? "expect:\n  - {id: fuzzed, phase: contain, check: \(quoted), within: 30m}\n" : ""
        let path = "fuzz/drills/fuzz.yaml"
        let result = FuzzFixtures.loader.loadDrill(path: path, document: YAMLLoader.load(bytes: Array((yaml + asCheck).utf8), file: path))
        guard let drill = result.value else {
            // An expression that checks in one scope checks in the drill too, unless it names an inject the example has
            // and this drill lacks.
            if result.diagnostics.contains(where: { $0.message.contains("is not an inject of this drill") }) { return nil }
            return "an expression that checks was refused in a drill: \(result.diagnostics.first.map(\.description) ?? "")"
        }
        var replayLog = ResponseLog(drillID: drill.id)
        replayLog.actions = FuzzFixtures.goodLog.actions
        return Invariants.deterministic(drill, replayLog)
    }
}
