import Foundation
import Testing

/// End-to-end tests of the history: `run` recording, `stories`, `history`, `search` and `postmortem import`.
@Suite struct HistoryCLITests {
    static let drill = "drills/signing-key-compromised.yaml"
    static let slow = "drills/responses/signing-key-compromised.slow.yaml"
    static let exemplary = "drills/responses/signing-key-compromised.exemplary.yaml"

    /// A new database path in a new folder.
    static func database() -> String {
        let folder = Scratch.root + "gameday-cli-db-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/history.sqlite"
    }

    static func gameday(_ arguments: String...) throws -> CLITests.Output { try CLITests.run(CLITests.binary, arguments) }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// The debrief of a recorded run carries what the history made of it, and a trend chart once there are earlier runs.
    @Test func theDebriefShowsRecurrencesAndTheTrend() throws {
        let db = Self.database()
        let folder = (db as NSString).deletingLastPathComponent
        _ = try Self.gameday("run", Self.drill, "--responses", Self.slow, "--db", db, "--out", folder + "/first")
        let second = try Self.gameday("run", Self.drill, "--responses", Self.slow, "--db", db, "--out", folder + "/second")
        #expect(second.status == 1)
        let firstHTML = try String(contentsOfFile: folder + "/first/report.html", encoding: .utf8)
        let html = try String(contentsOfFile: folder + "/second/report.html", encoding: .utf8)
        let markdown = try String(contentsOfFile: folder + "/second/report.md", encoding: .utf8)
        // The first recorded run already has a History section: what it filed.
        #expect(firstHTML.contains("<section id=\"history\">"))
        #expect(firstHTML.contains("Filed: story #3 signing-key-compromised/key-revoked — One-command revocation runbook for every signing key."))
        #expect(firstHTML.components(separatedBy: "<svg").count == 2, "the timeline, and no trend chart of one run")
        #expect(html.contains("<section id=\"history\">"))
        #expect(!html.contains("Filed: story #3"), "the second run files nothing new")
        #expect(html.contains("Recurrence: signing-key-compromised/key-revoked"))
        #expect(html.components(separatedBy: "<svg").count == 3, "the timeline and the trend chart")
        #expect(markdown.contains("## History"))
        #expect(markdown.contains("Recurrence: signing\\-key\\-compromised/key\\-revoked") || markdown.contains("Recurrence: signing-key-compromised/key-revoked"))
    }

    @Test func recordingLeavesTheJSONReportAloneAndNotesGoToStderr() throws {
        let db = Self.database()
        let plain = try Self.gameday("run", "--no-reports", Self.drill, "--responses", Self.slow, "--json", "--no-record")
        #expect(plain.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: db))
        let first = try Self.gameday("run", "--no-reports", Self.drill, "--responses", Self.slow, "--json", "--db", db)
        #expect(first.status == 1)
        #expect(first.stdout == plain.stdout, "with --json, stdout is exactly the report")
        #expect(first.stderr == "gameday: recorded as run #1 in \(db)\ngameday: filed 15 new stories: #1, #2, #3, #4, #5, #6, #7, #8, #9, #10, #11, #12, #13, #14, #15\n")
        let second = try Self.gameday("run", "--no-reports", Self.drill, "--responses", Self.slow, "--json", "--db", db)
        #expect(second.stdout == plain.stdout)
        #expect(second.stderr.contains("gameday: recurrence: signing-key-compromised/key-revoked — seen 2 times; story #3 is still open\n"))
    }

    @Test func runRecordsIntoGamedayHomeByDefault() throws {
        let home = Scratch.root + "gameday-cli-home-\(UUID().uuidString)"
        let result = try CLITests.run(CLITests.binary, ["run", "--no-reports", Self.drill, "--responses", Self.exemplary], environment: ["GAMEDAY_HOME": home])
        #expect(result.status == 0)
        // The exemplary log's gap (a detection) and the two stories the team filed with file-story.
        #expect(result.stdout.contains("\nHistory\n  recorded as run #1 in \(home)/history.sqlite\n  filed 3 new stories: #1, #2, #3\n"))
        #expect(FileManager.default.fileExists(atPath: home + "/history.sqlite"))
        let history = try CLITests.run(CLITests.binary, ["history", "--json"], environment: ["GAMEDAY_HOME": home])
        #expect((try Self.json(history.stdout) as? [Any])?.count == 1)
    }

    @Test func invalidInputIsNeverRecorded() throws {
        let db = Self.database()
        let broken = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("broken.yaml")
        try "drill: broken\n".write(to: broken, atomically: true, encoding: .utf8)
        let result = try Self.gameday("run", "--no-reports", broken.path, "--db", db)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func anUnusableDatabaseExitsTwoWithNothingOnStdout() throws {
        let db = Self.database()
        try Data(String(repeating: "not a database ", count: 100).utf8).write(to: URL(fileURLWithPath: db))
        let result = try Self.gameday("run", "--no-reports", Self.drill, "--responses", Self.slow, "--db", db)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: the run was not recorded: \(db): "), "\(result.stderr)")
        let list = try Self.gameday("stories", "list", "--db", db)
        #expect(list.status == 2)
        #expect(list.stderr.hasPrefix("error: \(db): "))
    }

    @Test func theStoryLifecycleThroughTheCommands() throws {
        let db = Self.database()
        _ = try Self.gameday("run", "--no-reports", Self.drill, "--responses", Self.slow, "--db", db)
        let list = try Self.gameday("stories", "list", "--db", db, "--json")
        #expect((try Self.json(list.stdout) as? [[String: Any]])?.count == 15)
        let table = try Self.gameday("stories", "--db", db, "--severity", "P1")
        #expect(table.stdout.hasPrefix("#  STATUS  SEV  DUE"))
        #expect(table.stdout.split(separator: "\n").count == 3)

        let ship = try Self.gameday("stories", "ship", "signing-key-compromised/key-revoked", "--note", "runbook merged", "--db", db)
        #expect(ship.stdout == "story #3 signing-key-compromised/key-revoked is now shipped\n")
        #expect(try Self.gameday("stories", "ship", "4", "--db", db).status == 0)

        let good = try Self.gameday("run", "--no-reports", Self.drill, "--responses", Self.exemplary, "--db", db)
        #expect(good.stdout.contains("  verified: signing-key-compromised/key-revoked — the gap is gone; story #3 verified\n"))
        #expect(good.stdout.contains("  verified: signing-key-compromised/key-distrusted — the gap is gone; story #4 verified\n"))
        #expect(good.stdout.contains("  recurrence: signing-key-compromised/detection/signature-anomaly — seen 2 times; story #15 is still open\n"))

        let bad = try Self.gameday("run", "--no-reports", Self.drill, "--responses", Self.slow, "--db", db)
        #expect(bad.stdout.contains("  REGRESSION: signing-key-compromised/key-revoked — the shipped fix did not hold; story #3 reopened (seen 2 times)\n"))

        let show = try Self.gameday("stories", "show", "#3", "--json", "--db", db)
        let story = try #require(try Self.json(show.stdout) as? [String: Any])
        #expect(story["status"] as? String == "reopened")
        #expect((story["events"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["filed", "shipped", "verified", "regressed"])
        let text = try Self.gameday("stories", "show", "3", "--db", db)
        #expect(text.stdout.contains("shipped — runbook merged"))

        let verifyOpen = try Self.gameday("stories", "verify", "1", "--db", db)
        #expect(verifyOpen.status == 2)
        #expect(verifyOpen.stderr == "error: story #1 is open: it cannot be verified (ship it first)\n")
        let missing = try Self.gameday("stories", "reopen", "nope/missing", "--db", db)
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: no story 'nope/missing' in the backlog\n")
        #expect(try Self.gameday("stories", "reopen", "3", "--db", db).status == 2)

        let overdue = try Self.gameday("stories", "list", "--overdue", "--today", "2026-12-14", "--json", "--db", db)
        let overdueStories = try #require(try Self.json(overdue.stdout) as? [[String: Any]])
        #expect(!overdueStories.isEmpty && overdueStories.allSatisfy { ($0["due"] as? String ?? "") < "2026-12-14" })
        #expect(try Self.gameday("stories", "list", "--status", "done", "--db", db).status == 2)
    }

    @Test func historyShowsEachRunAndWritesTheChart() throws {
        let db = Self.database()
        for log in [Self.slow, Self.exemplary] { _ = try Self.gameday("run", "--no-reports", Self.drill, "--responses", log, "--db", db) }
        let svg = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("trend.svg").path
        let table = try Self.gameday("history", "--drill", "signing-key-compromised", "--svg", svg, "--db", db)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("RUN  WHEN"))
        #expect(lines[1].contains("0.0") && lines[1].contains("NOT PASSED") && lines[1].contains("T+09:00"))
        #expect(lines[2].contains("100.0") && lines[2].contains("+100.0") && lines[2].contains("passed"))
        #expect((try? String(contentsOfFile: svg, encoding: .utf8))?.hasPrefix("<svg") == true)
        let json = try #require(try Self.json(try Self.gameday("history", "--json", "--team", "platform-security", "--db", db).stdout) as? [[String: Any]])
        #expect(json.map { $0["score"] as? Double } == [0.0, 100.0])
        #expect(json.first?["time_to_acknowledge"] as? Int == 540)
        #expect(try Self.gameday("history", "--team", "nobody", "--db", db).stdout == "No runs recorded for team nobody.\n")
    }

    @Test func postmortemsAreImportedAndSearchedBesideGaps() throws {
        let db = Self.database()
        _ = try Self.gameday("run", "--no-reports", Self.drill, "--responses", Self.slow, "--db", db)
        let imported = try Self.gameday("postmortem", "import", "postmortems/TEMPLATE.md", "--db", db)
        #expect(imported.status == 0)
        #expect(imported.stdout == "imported postmortem #1: Build signing key leaked through a trojaned CI tool (2026-10-14)\n")
        let again = try Self.gameday("postmortem", "import", "postmortems/TEMPLATE.md", "--db", db)
        #expect(again.stdout.hasPrefix("updated postmortem #1"))

        let search = try Self.gameday("search", "trojaned", "linter", "--db", db)
        #expect(search.stdout.hasPrefix("postmortem #1: Build signing key leaked through a trojaned CI tool (2026-10-14)\n"), "the title once")
        #expect(search.stdout.contains("[trojaned] [linter]"))
        let json = try #require(try Self.json(try Self.gameday("search", "revocation", "--json", "--db", db).stdout) as? [[String: Any]])
        #expect(json.first?["kind"] as? String == "story")
        #expect(json.first?["ref"] as? String == "3")
        #expect(try Self.gameday("search", "zanzibar", "--db", db).stdout == "No matches.\n")
    }

    @Test func aMalformedPostmortemIsRefusedWithPlacedErrors() throws {
        let db = Self.database()
        let file = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("pm.md").path
        try "# Outage\n\nDate: yesterday\n\n## Summary\nIt broke.\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Self.gameday("postmortem", "import", file, "--db", db)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.first == "\(file):1:1: error: the postmortem has no '## Contributing factors' section")
        #expect(errors.contains("\(file):3:7: error: 'yesterday' is not a date: write YYYY-MM-DD"))
        #expect(result.stderr.contains("    Date: yesterday\n          ^\n"), "the source line and a caret")
        #expect(!FileManager.default.fileExists(atPath: db), "nothing is imported from a file with errors")
    }

    /// `history` lists runs in the order the drills happened, and Δ compares each run with the previous run of the same
    /// drill and team in that order: a game day recorded late takes its place.
    @Test func historyIsInTheDrillsOrderAndDeltaIsAgainstThePreviousRunOfTheSameTeam() throws {
        let db = Self.database()
        let folder = URL(fileURLWithPath: db).deletingLastPathComponent()
        // The slow game day of December is recorded first, the exemplary one of November second.
        let december = folder.appendingPathComponent("december.yaml")
        let slow = try String(contentsOf: CLITests.root.appendingPathComponent(Self.slow), encoding: .utf8)
        try slow.replacingOccurrences(of: "started: 2026-11-29T14:00:00Z", with: "started: 2026-12-10T09:00:00Z")
            .write(to: december, atomically: true, encoding: .utf8)
        _ = try Self.gameday("run", "--no-reports", Self.drill, "--responses", december.path, "--db", db)
        _ = try Self.gameday("run", "--no-reports", Self.drill, "--responses", Self.exemplary, "--db", db)
        // Another team's run in between does not count as the previous run.
        let red = folder.appendingPathComponent("red.yaml")
        try slow.replacingOccurrences(of: "team: platform-security", with: "team: red").write(to: red, atomically: true, encoding: .utf8)
        _ = try Self.gameday("run", "--no-reports", Self.drill, "--responses", red.path, "--db", db)
        let lines = try Self.gameday("history", "--db", db).stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("#2 ") && lines[1].contains("2026-11-29T14:00:00Z") && lines[1].contains("100.0"))
        #expect(lines[2].hasPrefix("#3 ") && lines[2].contains("red"))
        #expect(lines[3].hasPrefix("#1 ") && lines[3].contains("2026-12-10T09:00:00Z") && lines[3].contains("-100.0"))
        // RUN WHEN DRILL TEAM SCORE [Δ] VERDICT: the first run of each team has no Δ.
        let words = lines.map { $0.split(separator: " ").map(String.init) }
        #expect(words[1][5] == "passed" && words[2][5] == "NOT", "\(lines)")
        #expect(words[3][5] == "-100.0", "0.0 against the same team's 100.0 of November")
    }
}
