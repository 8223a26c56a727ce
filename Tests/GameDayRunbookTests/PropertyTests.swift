import Foundation
import Testing
@testable import GameDayRunbook

/// For the library's drills and seeded random runbooks over their vocabulary, a runbook test never crashes and its
/// report always equals `gameday run` of the log it produces (runbook-format.md 3).
@Suite struct RunbookPropertyTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
        mutating func chance(_ inN: UInt64) -> Bool { next() % inN == 0 }
    }

    static let drills: [String] = {
        let folder = Support.projectRoot.appendingPathComponent("drills").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { folder + "/" + $0 }
    }()

    /// A random but valid runbook for `drill`: steps in every section, every command source and annotation form.
    static func randomRunbook(for drill: Drill, _ g: inout Generator) -> String {
        let roles = drill.world.names(.roles)
        let names = Collection.allCases.flatMap { drill.world.names($0) } + drill.injects.map(\.id) + drill.findings.map(\.topic)
            + ["P1", "P2", "customers", "x@1"]
        let verbs = CommandSpec.all.filter { !$0.attackerOnly && !$0.freeText }.map(\.verb)
        func command() -> String {
            var words = [g.pick(verbs)]
            for _ in 0..<Int(g.next() % 3) { words.append(g.pick(names)) }
            if words[0] == "file-story" { words += ["--owner", g.pick(roles)] }
            if g.chance(4) { words.insert("gameday", at: 0) }
            return words.map(ShellWords.quote).joined(separator: " ")
        }
        func annotation() -> String {
            var parts: [String] = []
            switch g.next() % 4 {
            case 0: parts.append("\(1 + g.next() % 20)m")
            case 1: let a = 1 + g.next() % 10; parts.append("\(a)m..\(a + 1 + g.next() % 20)m")
            case 2: parts.append("\(30 + g.next() % 600)s")
            default: break
            }
            if g.chance(2) { parts.append(g.pick(roles)) }
            if g.chance(5) { parts.append("after \(g.pick(drill.injects).id)") }
            return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
        }
        var text = "# Runbook: Random\n\n## Summary\nRandom.\n\n## Severity\n\(drill.severity.rawValue)\n\n## Owner\n\(g.pick(roles))\n\n## Detection\n"
        for _ in 0..<(1 + Int(g.next() % 2)) { text += "- `\(g.pick(drill.injects).id)`: an alert\n" }
        for section in ["Triage", "Containment", "Eradication", "Recovery", "Learn"] where section == "Triage" || !g.chance(4) {
            text += "\n## \(section)\n"
            for k in 1...(1 + Int(g.next() % 4)) {
                switch g.next() % 5 {
                case 0:
                    text += "\(k). Run these:\n   ```sh\n   # a comment\n   \(command())\n   \(command())\n   ```\n   \(annotation().trimmingCharacters(in: .whitespaces))\n"
                case 1:
                    text += "\(k). Several things\(annotation())\n   - `\(command())`\n   - `\(command())`\n"
                case 2:
                    text += "\(k). Look around by hand\(annotation())\n"
                default:
                    text += "\(k). Do it: `\(command())`\(annotation())\n"
                }
            }
        }
        return text + "\n## Related\n- Drill: `\(drill.id)`\n"
    }

    @Test(arguments: drills)
    func testEqualsRunOfLog(_ file: String) throws {
        let drill = try #require(DrillLoader().loadDrill(path: file).value)
        var g = Generator(state: drill.id.unicodeScalars.reduce(0xC0FFEE) { $0 &* 31 &+ UInt64($1.value) })
        let compiled = CompiledDrill(drill)
        var played = 0
        for round in 0..<40 {
            let text = Self.randomRunbook(for: drill, &g)
            let result = Support.load(text, drill: drill, aliases: .withCatalog(before: []))
            let runbook = try #require(result.value, "round \(round): \(result.diagnostics)\n\(text)")
            let plan = RunbookPlan(drill: compiled, runbooks: [runbook])
            // Test durations, then random ones as a what-if run would draw them.
            for durations in [plan.testDurations, plan.testDurations.map { _ in 1 + Int(g.next() % 1200) }] {
                let run = RunbookRun(plan: plan, durations: durations, team: "blue", runDate: Date(timeIntervalSince1970: 0))
                let replayed = try Support.replay(run.log, drill: drill)
                #expect(replayed.json.rendered() == run.report.json.rendered(), "round \(round)\n\(text)\n\(run.log)")
                #expect(run.report.score >= 0 && run.report.score <= 100)
                played += 1
            }
        }
        #expect(played == 80)
    }
}
