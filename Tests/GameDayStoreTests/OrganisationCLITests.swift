import Foundation
import GameDayStore
import Testing

/// The organisation's commands through the built binary, against both backends: `GAMEDAY_DB`, `history push`,
/// `history --teams`, `stories list --all-teams --overdue` and `drills due`.
@Suite struct OrganisationCLITests {
    static let drill = "drills/signing-key-compromised.yaml"

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    /// Runs `gameday` with `arguments` from the repository, with `GAMEDAY_DB` set to `db` when given.
    static func gameday(_ arguments: [String], db: String? = nil) throws -> Output {
        let folder = URL(fileURLWithPath: Support.temporaryDatabase()).deletingLastPathComponent()
        let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Support.binary)
        process.arguments = arguments
        process.currentDirectoryURL = Support.root
        var environment = ProcessInfo.processInfo.environment
        environment["GAMEDAY_HOME"] = folder.appendingPathComponent("home").path
        environment["GAMEDAY_DB"] = db
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// A log of the library with its team and start changed.
    static func log(_ name: String, team: String, started: String) throws -> String {
        let text = try String(contentsOf: Support.root.appendingPathComponent("drills/responses/signing-key-compromised.\(name).yaml"), encoding: .utf8)
        let path = URL(fileURLWithPath: Support.temporaryDatabase()).deletingLastPathComponent().appendingPathComponent("\(team)-\(name).yaml").path
        try text.replacingOccurrences(of: "team: platform-security", with: "team: \(team)")
            .replacingOccurrences(of: "started: 2026-11-29T14:00:00Z", with: "started: \(started)")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: Backend.all) func gamedayDBNamesTheHistoryOfEveryCommand(_ backend: Backend) throws {
        let db = try backend.newLocation()
        let run = try Self.gameday(["run", "--no-reports", Self.drill, "--responses", try Self.log("slow", team: "blue", started: "2026-09-01T10:00:00Z")], db: db)
        #expect(run.status == 1)
        #expect(run.stdout.contains("recorded as run #1 in \(try HistoryStore(location: db).path)\n"))
        #expect(try Self.gameday(["stories", "ship", "signing-key-compromised/key-revoked"], db: db).status == 0)
        let json = try Self.gameday(["history", "--json"], db: db)
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any])?.count == 1)
        #expect(try Self.gameday(["search", "revocation"], db: db).stdout.hasPrefix("story #3: "))
        // --db wins over GAMEDAY_DB.
        let other = try backend.newLocation()
        #expect(try Self.gameday(["history", "--db", other], db: db).stdout == "No runs recorded.\n")
    }

    @Test(arguments: Backend.all) func theOrganisationsViews(_ backend: Backend) throws {
        let db = try backend.newLocation()
        for (team, log, started) in [("blue", "slow", "2026-06-01T10:00:00Z"), ("blue", "exemplary", "2026-09-01T10:00:00Z"),
                                     ("red", "slow", "2026-10-15T10:00:00Z")] {
            _ = try Self.gameday(["run", "--no-reports", Self.drill, "--responses", try Self.log(log, team: team, started: started)], db: db)
        }
        _ = try Self.gameday(["run", "--no-reports", "drills/runner-compromise.yaml", "--responses", "drills/responses/runner-compromise.slow.yaml"], db: db)

        let trends = try Self.gameday(["history", "--teams"], db: db)
        let lines = trends.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("TEAM") == true)
        let blue = try #require(lines.first { $0.hasPrefix("blue ") })
        #expect(blue.contains("signing-key-compromised") && blue.contains(" 2 ") && blue.contains("100.0") && blue.contains("+100.0"))
        #expect(blue.hasSuffix("▁█"), "the last scores as bars: 0.0 then 100.0")
        let red = try #require(lines.first { $0.hasPrefix("red ") })
        #expect(red.contains(" 0.0 ") && red.contains("NOT PASSED"))

        // Every team's overdue stories: the slow runs' P1 stories were due a week after their game day.
        let overdue = try Self.gameday(["stories", "list", "--all-teams", "--overdue", "--today", "2026-11-01"], db: db)
        #expect(overdue.status == 0)
        let headings = overdue.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map(String.init)
        #expect(headings.map { $0.split(separator: ":")[0] } == ["blue", "red"], "\(overdue.stdout)")
        #expect(headings.allSatisfy { $0.contains(" overdue") })
        let grouped = try #require(try JSONSerialization.jsonObject(with: Data(try Self.gameday(
            ["stories", "list", "--all-teams", "--overdue", "--today", "2026-11-01", "--json"], db: db).stdout.utf8)) as? [[String: Any]])
        #expect(grouped.map { $0["team"] as? String } == ["blue", "red"])
        #expect(grouped.allSatisfy { ($0["overdue"] as? Int) == ($0["stories"] as? Int) && (($0["items"] as? [Any])?.count ?? 0) > 0 })
        #expect(try Self.gameday(["stories", "list", "--all-teams", "--team", "red"], db: db).status == 2)

        // Drills due every 90 days as of 2026-12-15: blue ran signing-key on 2026-09-01 (due 2026-11-30, 15 days ago)
        // and never ran runner-compromise; red ran signing-key on 2026-10-15 (due 2027-01-13: not yet).
        let due = try Self.gameday(["drills", "due", "--every", "90d", "--today", "2026-12-15", "--json"], db: db)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(due.stdout.utf8)) as? [[String: Any]])
        let pairs = rows.map { "\($0["team"] as? String ?? "?") \($0["drill"] as? String ?? "?") \($0["due_since"] as? String ?? "never") \($0["days_overdue"] as? Int ?? -1)" }
        #expect(pairs == ["blue runner-compromise never -1", "blue signing-key-compromised 2026-11-30 15",
                          "platform-security signing-key-compromised never -1", "red runner-compromise never -1"])
        let quarterly = try Self.gameday(["drills", "due", "--today", "2026-12-15", "--team", "red"], db: db)
        #expect(quarterly.stdout.contains("red   runner-compromise  never") || quarterly.stdout.contains("never run"))
        #expect(try Self.gameday(["drills", "due", "--every", "soon"], db: db).status == 2)
    }

    @Test(arguments: Backend.all) func historyPushTwiceIsPushOnce(_ backend: Backend) throws {
        let laptop = Support.temporaryDatabase()
        _ = try Self.gameday(["run", "--no-reports", Self.drill, "--responses", "drills/responses/signing-key-compromised.slow.yaml", "--db", laptop])
        _ = try Self.gameday(["stories", "ship", "signing-key-compromised/key-revoked", "--db", laptop])
        _ = try Self.gameday(["run", "--no-reports", Self.drill, "--responses", "drills/responses/signing-key-compromised.exemplary.yaml", "--db", laptop])
        _ = try Self.gameday(["postmortem", "import", "postmortems/TEMPLATE.md", "--db", laptop])
        let server = try backend.newLocation()
        let first = try Self.gameday(["history", "push", "--from", laptop, "--db", server])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("  2 runs added, 0 already there\n"))
        // The slow log's 15 gap stories, and the two the team filed in the exemplary log.
        #expect(first.stdout.contains("  17 stories added, 0 merged, "))
        #expect(first.stdout.contains("  1 postmortem added, 0 replaced by a later import\n"))
        let second = try Self.gameday(["history", "push", "--from", laptop, "--db", server])
        #expect(second.stdout.contains("  0 runs added, 2 already there\n  0 stories added, 0 merged, 0 lifecycle events added\n"))
        let stories = try Self.gameday(["stories", "show", "signing-key-compromised/key-revoked", "--json", "--db", server])
        let story = try #require(try JSONSerialization.jsonObject(with: Data(stories.stdout.utf8)) as? [String: Any])
        #expect(story["status"] as? String == "verified")
        #expect((story["events"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["filed", "shipped", "verified"])

        let missing = try Self.gameday(["history", "push", "--from", "/no/such/history.sqlite", "--db", server])
        #expect(missing.status == 2 && missing.stderr.contains("no history at /no/such/history.sqlite"))
        #expect(try Self.gameday(["history", "push", "--from", laptop, "--db", laptop]).status == 2)
    }

    /// The help of the organisation's commands reads as prose: no line-continuation backslash shows.
    @Test(arguments: [["history", "push", "--help"], ["history", "list", "--help"], ["drills", "due", "--help"]])
    func helpHasNoStrayBackslashes(_ arguments: [String]) throws {
        let help = try Self.gameday(arguments)
        #expect(help.status == 0)
        #expect(!help.stdout.contains("\\"), "\(help.stdout)")
    }
}
