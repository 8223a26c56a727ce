import Foundation
import Testing

/// `gameday runbook lint | test | log`: exit codes, streams, and the log replaying to the same report.
@Suite struct RunbookCLITests {
    static let fixtures = CLITests.root.appendingPathComponent("Tests/GameDayRunbookTests/Fixtures")
    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static let drill = path("drills/signing-key-compromised.yaml")
    static let common = ["--drill", drill, "--aliases", path("aliases.yaml")]

    private func gameday(_ arguments: [String], in directory: URL = CLITests.root) throws -> CLITests.Output {
        try CLITests.run(CLITests.binary, arguments, in: directory)
    }

    @Test func lintExitsZeroWithWarningsAndTwoWithErrors() throws {
        let good = try gameday(["runbook", "lint", Self.path("signing-key-compromised.md")] + Self.common)
        #expect(good.status == 0)
        #expect(good.stdout.contains("1 runbook checked: 0 errors, 1 warning"))
        #expect(good.stderr.contains("warning: a manual step"))
        let bad = try gameday(["runbook", "lint", Self.path("invalid/unknown-role.md"), Self.path("signing-key-compromised.md")] + Self.common)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("invalid/unknown-role.md:33:68: error: 'secuirty-lead' is not a role of the world"))
        #expect(bad.stdout.isEmpty)
    }

    @Test func lintJSON() throws {
        let out = try gameday(["runbook", "lint", "--format", "json", Self.path("invalid/bad-range.md")] + Self.common)
        #expect(out.status == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(json["valid"] as? Bool == false)
        let first = try #require((json["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["line"] as? Int == 30 && first["column"] as? Int == 5 && first["severity"] as? String == "error")
    }

    @Test func testPassesWithZeroAndTheReportIsTheReplaysReport() throws {
        let test = try gameday(["runbook", "test", Self.path("signing-key-compromised.md"), "--json", "--no-record", "--no-reports",
                                "--date", "2026-12-01"] + Self.common)
        #expect(test.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(test.stdout.utf8)) as? [String: Any])
        #expect((object["report"] as? [String: Any])?["score"] as? Double == 100)
        let log = try gameday(["runbook", "log", Self.path("signing-key-compromised.md")] + Self.common)
        #expect(log.status == 0)
        let folder = try CLITests.scratchFolder("runbook-log")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logFile = folder.appendingPathComponent("log.yaml").path
        try log.stdout.write(toFile: logFile, atomically: true, encoding: .utf8)
        let run = try gameday(["run", Self.drill, "--responses", logFile, "--json", "--no-record", "--no-reports", "--date", "2026-12-01"])
        #expect(run.status == 0)
        // The report of `runbook test --json` is the object `gameday run --json` prints.
        let replayed = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? NSDictionary)
        #expect((object["report"] as? NSDictionary)?.isEqual(replayed) == true)
    }

    @Test func testExitsOneWhenTheRunbookFailsItsDrill() throws {
        let folder = try CLITests.scratchFolder("runbook-slow")
        defer { try? FileManager.default.removeItem(at: folder) }
        let slow = try String(contentsOfFile: Self.path("signing-key-compromised.md"), encoding: .utf8)
            .replacingOccurrences(of: "`ack laptop-lost` (1m)", with: "`ack laptop-lost` (25m)")
        let file = folder.appendingPathComponent("slow.md").path
        try slow.write(toFile: file, atomically: true, encoding: .utf8)
        let out = try gameday(["runbook", "test", file, "--no-record", "--no-reports"] + Self.common)
        #expect(out.status == 1)
        #expect(out.stdout.contains("NOT PASSED") || out.stdout.contains("FAILED"))
        #expect(out.stdout.contains("Triage"))
    }

    @Test func invalidInputExitsTwoWithPlacedErrorsAndNothingOnStdout() throws {
        for arguments in [["runbook", "test", Self.path("invalid/unknown-command.md")] + Self.common,
                          ["runbook", "log", Self.path("invalid/placeholder.md")] + Self.common,
                          ["runbook", "test", Self.path("signing-key-compromised.md"), "--drill", Self.drill,
                           "--aliases", Self.path("invalid-aliases/unknown-verb.yaml"), "--no-record", "--no-reports"]] {
            let out = try gameday(arguments)
            #expect(out.status == 2, "\(arguments)")
            #expect(out.stdout.isEmpty)
            #expect(out.stderr.range(of: #"\.(md|yaml):\d+:\d+: error: "#, options: .regularExpression) != nil, "\(out.stderr)")
        }
    }

    @Test func theDrillIsFoundFromTheRelatedSection() throws {
        let folder = try CLITests.scratchFolder("runbook-related")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("drills"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.fixtures.appendingPathComponent("scenarios").path, toPath: folder.appendingPathComponent("scenarios").path)
        try fm.copyItem(atPath: Self.drill, toPath: folder.appendingPathComponent("drills/signing-key-compromised.yaml").path)
        try fm.createDirectory(at: folder.appendingPathComponent("runbooks"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.path("signing-key-compromised.md"), toPath: folder.appendingPathComponent("runbooks/key.md").path)
        try fm.copyItem(atPath: Self.path("aliases.yaml"), toPath: folder.appendingPathComponent("runbooks/aliases.yaml").path)
        let out = try gameday(["runbook", "log", "runbooks/key.md"], in: folder)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("revoke-key prod-signing"))
        try "# Runbook: X\n\n## Summary\nx\n".write(toFile: folder.appendingPathComponent("runbooks/nodrill.md").path, atomically: true, encoding: .utf8)
        let none = try gameday(["runbook", "log", "runbooks/nodrill.md"], in: folder)
        #expect(none.status == 2)
        #expect(none.stderr.contains("runbooks/nodrill.md:1:1: error: the runbook names no drill"))
    }
}
