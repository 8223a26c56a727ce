import FoundationEssentials
import GameDayRunbook

extension FuzzTarget {
    /// A runbook (Markdown through cmark-gfm) against the spec's example drill, with the worked example's aliases;
    /// a valid one is played, and its response log must load and replay to the same report.
    static let runbook = FuzzTarget("runbook", "RunbookLoader on Markdown, then RunbookRun and a replay of its log") { bytes in
        let path = "fuzz/runbook.md"
        let parsed = MarkdownParser.parse(bytes: bytes, file: path)
        if let problem = Invariants.places(parsed.diagnostics, files: [path]) { return problem }
        guard let document = parsed.document else {
            return parsed.diagnostics.contains { $0.severity == .error } ? nil : "no document and no error"
        }
        let result = RunbookLoader(aliases: FuzzFixtures.aliases).load(document: document, drill: FuzzFixtures.drill)
        if let problem = Invariants.places(result.diagnostics, files: [path]) ?? Invariants.valueIffValid(result) { return problem }
        guard let runbook = result.value else { return nil }
        let plan = RunbookPlan(drill: CompiledDrill(FuzzFixtures.drill), runbooks: [runbook])
        let date = Date(timeIntervalSince1970: 0)
        let run = RunbookRun(plan: plan, durations: plan.testDurations, team: nil, runDate: date)
        let logPath = "fuzz.runbook.responses.yaml"
        let loaded = FuzzFixtures.loader.loadResponseLog(path: logPath, drill: FuzzFixtures.drill,
                                                         document: YAMLLoader.load(bytes: Array(run.log.utf8), file: logPath))
        guard let log = loaded.value else { return "the runbook's log does not load: \(loaded.diagnostics.first.map(\.description) ?? "")" }
        let replayed = Replay(CompiledDrill(FuzzFixtures.drill), log: log).run(runDate: date)
        return replayed.json.rendered() == run.report.json.rendered() ? nil : "the runbook's log replays to another report"
    }

    /// An alias file; a valid one translates command lines made of its own words without breaking: every
    /// translation fits its verb's shape as the loader promised.
    static let aliases = FuzzTarget("aliases", "AliasFileLoader, then AliasSet.translate of lines built from the file") { bytes in
        let path = "fuzz/aliases.yaml"
        let result = AliasFileLoader().load(document: YAMLLoader.load(bytes: bytes, file: path))
        if let problem = Invariants.places(result.diagnostics, files: [path]) ?? Invariants.valueIffValid(result) { return problem }
        guard let aliases = result.value else { return nil }
        let set = AliasSet(aliases)
        var words = aliases.flatMap { alias in alias.match.compactMap { if case .literal(let w) = $0 { w } else { nil } } }
        words += ["x", "y@1", "--flag", "a==b", "deployment/web"]
        for alias in aliases.prefix(20) {
            // The alias's own literals with every other word filled in from the pool.
            var line: [String] = []
            for (k, pattern) in alias.match.enumerated() {
                switch pattern {
                case .literal(let w): line.append(w)
                case .bind, .template: line.append(words[(k * 7 + line.count) % words.count])
                case .rest: line.append(contentsOf: words.prefix(k % 3))
                }
            }
            guard let (_, translated) = set.translate(line), let verb = translated.first else { continue }
            if CommandSpec.named(verb) == nil { return "'\(line.joined(separator: " "))' became '\(verb)', not a command" }
        }
        return nil
    }
}
