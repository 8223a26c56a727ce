import Foundation
import Testing
@testable import GameDayRunbook

private func names(_ folder: String, _ ext: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: Support.path(folder))) ?? []).filter { $0.hasSuffix(ext) }.sorted()
}

private func expected(_ folder: String, _ name: String, _ ext: String) throws -> [String] {
    try String(contentsOfFile: Support.path("\(folder)/\(name.dropLast(ext.count)).diagnostics.txt"), encoding: .utf8)
        .split(separator: "\n").map(String.init)
}

private func relative(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { $0.description.replacingOccurrences(of: Support.fixtures.path + "/", with: "") }
}

@Suite struct InvalidRunbookTests {
    @Test func thereAreEnoughInvalidFixtures() {
        #expect(names("invalid", ".md").count + names("invalid-aliases", ".yaml").count >= 25)
    }

    /// Each `invalid/NAME.md` gives exactly `invalid/NAME.diagnostics.txt` against the worked example's drill and aliases.
    @Test(arguments: names("invalid", ".md"))
    func runbookDiagnostics(_ name: String) throws {
        let result = RunbookLoader(aliases: Support.aliases).load(path: Support.path("invalid/\(name)"), drill: Support.drill)
        #expect(result.value == nil, "\(name) must be invalid")
        #expect(relative(result.diagnostics) == (try expected("invalid", name, ".md")))
    }

    /// Each `invalid-aliases/NAME.yaml` gives exactly its diagnostics.
    @Test(arguments: names("invalid-aliases", ".yaml"))
    func aliasDiagnostics(_ name: String) throws {
        let result = AliasFileLoader().load(path: Support.path("invalid-aliases/\(name)"))
        #expect(result.value == nil, "\(name) must be invalid")
        #expect(relative(result.diagnostics) == (try expected("invalid-aliases", name, ".yaml")))
    }

    @Test func theCatalogLoadsWithoutDiagnostics() {
        #expect(AliasCatalog.loaded.diagnostics.map(\.description) == [])
        #expect(AliasCatalog.aliases.count >= 40)
    }
}

@Suite struct WorkedExampleTests {
    private func example() throws -> Runbook {
        try #require(RunbookLoader(aliases: Support.aliases).load(path: Support.path("signing-key-compromised.md"), drill: Support.drill).value)
    }

    /// runbook-examples/README.md: ten steps, starts at 0, the last done at 46m, score 100.0.
    @Test func scoresOneHundred() throws {
        let run = Support.play([try example()])
        #expect(run.play.starts == [0])
        #expect(run.play.steps[0].count == 10)
        #expect(run.play.steps[0].last?.done == 46 * 60)
        #expect(run.report.score == 100)
        #expect(run.report.passed)
    }

    /// The log has the expected log's times, roles and commands.
    @Test func logMatchesTheExpectedLog() throws {
        let log = Support.play([try example()]).log
        let mine = try Support.replay(log).actions.map { "\($0.at) \($0.by ?? "-") \($0.command)" }
        let theirs = try Support.replay(String(contentsOfFile: Support.path("signing-key-compromised.expected-log.yaml"), encoding: .utf8))
            .actions.map { "\($0.at) \($0.by ?? "-") \($0.command)" }
        #expect(mine == theirs)
        #expect(mine.count == 10)
    }

    /// `gameday run` of the log gives the same report, byte for byte.
    @Test func replayingTheLogGivesTheSameReport() throws {
        let run = Support.play([try example()])
        #expect(try Support.replay(run.log).json.rendered() == run.report.json.rendered())
    }

    /// The runbook-test JSON: the range step takes √(2·8) = 4m, aliases record what was written, the manual step has no commands.
    @Test func jsonShape() throws {
        let run = Support.play([try example()])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.json().rendered().utf8)) as? [String: Any])
        #expect(json["format"] as? String == "gameday.runbook-test/v1")
        #expect(json["start"] as? Int == 0)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.map { $0["section"] as! String } == ["triage", "triage", "triage", "containment", "containment",
                                                             "eradication", "eradication", "recovery", "recovery", "learn"])
        #expect(steps[4]["start"] as? Int == 420 && steps[4]["done"] as? Int == 660)
        let revoke = try #require((steps[3]["commands"] as? [[String: Any]])?.first)
        #expect(revoke["do"] as? String == "revoke-key prod-signing")
        #expect(revoke["alias_of"] as? String == "aws kms disable-key --key-id prod-signing --region eu-west-1")
        #expect(revoke["status"] as? String == "applied")
        #expect((steps[8]["commands"] as? [Any])?.isEmpty == true)
        #expect(steps[5]["by"] as? String == "security-lead")
        #expect(steps[7]["by"] as? String == "on-call")
    }
}
