import Foundation
import GameDayEngine
import Testing

/// End-to-end tests of what a new user meets on day one: reports before the record, --team, the help texts,
/// mistyped subcommands and paths, validate's deliberate gaps, the pace of a journal, the README as written.
@Suite struct DebriefCLITests {
    static let drill = "drills/signing-key-compromised.yaml"
    static let slow = "drills/responses/signing-key-compromised.slow.yaml"
    static let examplesV11 = "Tests/GameDayEngineTests/Fixtures/examples-v1.1"

    static func scratch(_ name: String) throws -> URL { try CLITests.scratchFolder(name) }

    static func runs(in db: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: db) else { return 0 }
        let history = try CLITests.gameday("history", "--json", "--db", db)
        return (try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [Any])?.count ?? -1
    }

    // MARK: Reports first, then the record

    /// Reports that cannot be written: exit 2, said on stderr, and the run is not recorded (a retry inflates nothing).
    @Test func aRunWhoseReportsFailIsNotRecorded() throws {
        let dir = try Self.scratch("cli-reports-fail")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("history.sqlite").path
        let project = dir.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try "keep me".write(to: project.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let result = try CLITests.gameday("run", Self.drill, "--responses", Self.slow, "--db", db, "--out", project.path)
            #expect(result.status == 2)
            #expect(result.stderr.contains("error: reports not written: ") && result.stderr.hasSuffix("; the run was not recorded\n"), "\(result.stderr)")
        }
        #expect(try Self.runs(in: db) == 0, "nothing recorded")
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path) == ["notes.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }.isEmpty, "no staged folder left")

        let ok = try CLITests.gameday("run", Self.drill, "--responses", Self.slow, "--db", db, "--out", dir.appendingPathComponent("report").path)
        #expect(ok.status == 1)
        #expect(try Self.runs(in: db) == 1)
        let md = try String(contentsOf: dir.appendingPathComponent("report/report.md"), encoding: .utf8)
        #expect(md.contains("| Backlog |") && md.contains("new: story #"), "the report carries the backlog status of the recorded run")
    }

    /// A history that cannot record the run: exit 2, and no report folder is left either.
    @Test func aRunThatCannotBeRecordedWritesNoReports() throws {
        let dir = try Self.scratch("cli-record-fail")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "a file, not a folder".write(to: dir.appendingPathComponent("blocker"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("report")
        let result = try CLITests.gameday("run", Self.drill, "--responses", Self.slow, "--db", dir.appendingPathComponent("blocker/history.sqlite").path,
                                          "--out", out.path)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: the run was not recorded: ") && result.stderr.hasSuffix("; no reports were written\n"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["blocker"], "no staged folder left")
    }

    /// Recording the same gaps again: the History section says "the same gap twice is a process failure" once.
    @Test func theSameGapTwiceIsSaidOnce() throws {
        let dir = try Self.scratch("cli-gap-twice")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("history.sqlite").path
        _ = try CLITests.gameday("run", Self.drill, "--responses", Self.slow, "--db", db, "--no-reports")
        let second = try CLITests.gameday("run", Self.drill, "--responses", Self.slow, "--db", db, "--out", dir.appendingPathComponent("r").path)
        #expect(second.status == 1)
        let md = try String(contentsOf: dir.appendingPathComponent("r/report.md"), encoding: .utf8)
        #expect(md.components(separatedBy: "Recurrence: ").count - 1 > 1)
        #expect(md.components(separatedBy: "process failure").count - 1 == 1, "once, not per story")
        #expect(md.contains("recurrence: story #") && md.contains("still open, seen 2 times"))
    }

    // MARK: --team

    @Test func runTeamCountsTheRunForThatTeam() throws {
        let dir = try Self.scratch("cli-team")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("history.sqlite").path
        let result = try CLITests.gameday("run", Self.drill, "--responses", Self.slow, "--team", "blue", "--json", "--db", db, "--no-reports")
        #expect(result.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(report?["team"] as? String == "blue")
        let stories = try CLITests.gameday("stories", "--team", "blue", "--json", "--db", db)
        #expect(((try JSONSerialization.jsonObject(with: Data(stories.stdout.utf8))) as? [Any])?.isEmpty == false)
        let empty = try CLITests.gameday("run", Self.drill, "--team", "", "--no-record", "--no-reports")
        #expect(empty.status == 2 && empty.stdout.isEmpty)
    }

    // MARK: Help texts and mistyped names

    /// `gameday commands` never cuts an option's name.
    @Test func commandsShowsEveryUsageWhole() throws {
        let result = try CLITests.gameday("commands")
        #expect(result.status == 0)
        for spec in CommandSpec.all {
            #expect(result.stdout.contains("  \(spec.usage) "), "cut: \(spec.usage)")
        }
        #expect(result.stdout.contains("create-runner-pool POOL [--ephemeral] [--egress EGRESS] "))
    }

    /// No help text ends a line with a stray backslash.
    @Test(arguments: [["--help"], ["run", "--help"], ["stories", "--help"], ["stories", "list", "--help"], ["history", "--help"],
                      ["postmortem", "import", "--help"], ["validate", "--help"], ["play", "--help"], ["facilitate", "--help"]])
    func helpHasNoStrayBackslashes(_ arguments: [String]) throws {
        let result = try CLITests.run(CLITests.binary, arguments)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\\\n") && !result.stdout.contains(" \\ "), "\(arguments): \(result.stdout)")
    }

    @Test(arguments: [
        (["runn"], "error: 'runn' is not a subcommand of 'gameday'; did you mean 'run'?\n"),
        (["stories", "lst"], "error: 'lst' is not a subcommand of 'gameday stories'; did you mean 'list'?\n"),
        (["postmortem", "imprt", "x.md"], "error: 'imprt' is not a subcommand of 'gameday postmortem'; did you mean 'import'?\n"),
    ])
    func aMisspeltSubcommandGetsDidYouMean(_ arguments: [String], _ expected: String) throws {
        let result = try CLITests.run(CLITests.binary, arguments)
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(result.stderr == expected)
    }

    @Test(arguments: [
        (["run", "drills"], "drills:1:1: error: drills is a folder, not a drill file: give one drill file, such as drills/dependency-confusion.yaml"),
        (["run", "drills/signing-key-compromise.yaml"], "drills/signing-key-compromise.yaml:1:1: error: no such file; did you mean 'drills/signing-key-compromised.yaml'?"),
        (["run", "drills/signing-key-compromised.yaml", "--responses", "drills/signing-key-compromised.yaml"],
         "drills/signing-key-compromised.yaml:2:1: error: this is a drill, not a response log (it has 'title'): give it as the DRILL argument, and the team's log with --responses"),
        (["run", "drills/responses/signing-key-compromised.slow.yaml"],
         "drills/responses/signing-key-compromised.slow.yaml:*: error: this is a response log, not a drill (it has 'team'): give it with --responses LOG, and its drill as the DRILL argument"),
    ])
    func aWrongPathGetsOneErrorWithAHint(_ arguments: [String], _ expected: String) throws {
        let result = try CLITests.run(CLITests.binary, arguments + ["--no-record", "--no-reports"])
        #expect(result.status == 2 && result.stdout.isEmpty)
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        // `*` stands for the line and column of the log's `team:` key, wherever the library's log has it.
        let parts = expected.components(separatedBy: ":*:")
        #expect(parts.count == 2 ? first.hasPrefix(parts[0] + ":") && first.hasSuffix(parts[1]) : first == expected, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: ": error: ").count == 2, "exactly one error")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }

    /// The drills' deliberate detection gaps are grouped and said to be deliberate.
    @Test func validateGroupsDeliberateDetectionGaps() throws {
        let dir = try Self.scratch("cli-validate-gaps")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("drills"), withIntermediateDirectories: true)
        try """
        drill: gaps
        title: Gaps
        severity: P3
        owner: security-lead
        scenario: northwind
        duration: 1h
        injects:
          - {id: planned, at: 1m, channel: alert, message: A, requires_detection: no-such-sensor, gap: {title: Add the sensor}}
          - {id: oops, at: 2m, channel: alert, message: B, requires_detection: typo-sensor}
        """.write(to: dir.appendingPathComponent("drills/gaps.yaml"), atomically: true, encoding: .utf8)
        let result = try CLITests.gameday("validate", dir.appendingPathComponent("drills/gaps.yaml").path, "--scenarios",
                                          CLITests.root.appendingPathComponent("scenarios").path, "--no-source")
        #expect(result.status == 0)
        #expect(result.stdout == "1 file checked: 0 errors, 1 warning, 1 deliberate detection gap\n")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.stderr)")
        #expect(lines[0].hasSuffix("gaps.yaml:9:72: warning: inject 'oops' needs detection 'typo-sensor', which the world lacks: it will be undetected"))
        #expect(lines[1] == "Deliberate detection gaps (1): these injects go unnoticed on purpose, each files an 'Add detection' story:")
        #expect(lines[2].hasSuffix("gaps.yaml:8:75: inject 'planned' needs detection 'no-such-sensor', which the world lacks: it will be undetected"))
    }

    // MARK: Movers and exposures on the terminal, pace

    @Test func theTerminalSummaryNamesMoversAndExposures() throws {
        let result = try CLITests.gameday("run", "\(Self.examplesV11)/drills/poisoned-package.yaml", "--responses",
                                          "\(Self.examplesV11)/responses/poisoned-package.hasty.yaml", "--no-record", "--no-reports")
        #expect(result.status == 1)
        #expect(result.stdout.contains("  T+10:00 (09:10:00Z)  [world] nightly-build\n"))
        #expect(result.stdout.contains("  T+10:00 (09:10:00Z)    world: deploy payments-api ghcr.io/acme/payments-api:1.4.3  — applied\n"))
        #expect(result.stdout.contains("  T+50:00 (09:50:00Z)    third-party: unpublish acme-utils@2.2.0  — applied\n"))
        #expect(result.stdout.contains("  T+00:00 (09:00:00Z)    attacker: publish-package acme-utils@2.2.0 --malicious  — applied\n"))
        #expect(result.stdout.contains("\nExposures\n  Production ran the poisoned build: 34m (budget 10m, −12.0) — T+10:00–T+44:00\n"))
        #expect(result.stdout.contains("\nForbidden moves\n  T+25:00  The team built another poisoned image (−10)\n"))
    }

    /// A journal of a --step session: the replay says so, and prints no wall-clock time after T0, on the terminal or in the reports.
    @Test func aSteppedJournalReportsDrillTimes() throws {
        let dir = try Self.scratch("cli-pace")
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("practice.responses.yaml")
        try """
        # gameday journal of drill signing-key-compromised, written as the session goes (a response log, spec section 4).
        # pace: step
        drill: signing-key-compromised
        team: "blue"
        started: 2026-11-29T14:00:00Z
        actions:
          - {at: 1m, by: on-call, do: 'ack vendor-notice'}
        """.write(to: journal, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("report")
        let result = try CLITests.gameday("run", Self.drill, "--responses", journal.path, "--no-record", "--out", out.path)
        #expect(result.status == 1)
        #expect(!result.stdout.contains("(14:0") && !result.stdout.contains("Z)"), "no made-up UTC time on the terminal")
        #expect(result.stdout.contains("of drill time (live, stepped (--step: the clock moved only when told); replayed from its journal): times are drill times"))
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.contains("| Pace | live, stepped (--step: the clock moved only when told); replayed from its journal |"))
        #expect(md.contains("| Drill time | T+ | Who | What | How it went |"))
        #expect(!md.contains("14:01:00"))
    }

    /// A live --step session's own reports: its pace, and drill times only; its journal records the pace, so that
    /// replaying it with `gameday run` reports the same.
    @Test func aSteppedSessionReportsItsPace() throws {
        let dir = try Self.scratch("cli-pace-live")
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("practice.responses.yaml").path
        let out = dir.appendingPathComponent("report").path
        let script = "printf 'ack vendor-notice\\nwait 10m\\nend\\n' | '\(CLITests.binary)' play '\(Self.drill)' --step --journal '\(journal)' --no-record --out '\(out)'"
        let result = try CLITests.run("/bin/sh", ["-c", script], in: CLITests.root)
        #expect(result.status == 0 || result.status == 1, "\(result.stdout)\(result.stderr)")
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(text.contains("\n# pace: step\n"))
        let md = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(md.contains("| Pace | live, stepped (--step: the clock moved only when told) |"))
        #expect(md.contains("| Drill time | T+ | Who | What | How it went |"))
        let replay = try CLITests.gameday("run", Self.drill, "--responses", journal, "--no-record", "--out", dir.appendingPathComponent("replay").path)
        #expect(replay.status == result.status)
        let replayed = try String(contentsOfFile: dir.appendingPathComponent("replay/report.md").path, encoding: .utf8)
        #expect(replayed.contains("| Pace | live, stepped (--step: the clock moved only when told); replayed from its journal |"))
    }

    // MARK: Installing, and the README as written

    /// scripts/install puts a working gameday on the PATH, and every command of the README's "Using it" runs as
    /// written with it, beside the repository's drills and scenarios (none exits 2 or fails to start).
    @Test func theReadmeWorksAsWrittenAfterInstalling() throws {
        let dir = try Self.scratch("cli-readme")
        defer { try? FileManager.default.removeItem(at: dir) }
        let prefix = dir.appendingPathComponent("prefix").path
        let built = (CLITests.binary as NSString).deletingLastPathComponent
        let install = try CLITests.run(CLITests.root.appendingPathComponent("scripts/install").path, ["--from", built],
                                       environment: ["PREFIX": prefix])
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        #expect(FileManager.default.isExecutableFile(atPath: prefix + "/bin/gameday"))

        let readme = try String(contentsOf: CLITests.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Using it").dropFirst().first?.components(separatedBy: "```").dropFirst().first)
        let commands = section.split(separator: "\n").map(String.init).filter { $0.hasPrefix("gameday ") }
        #expect(commands.count >= 8, "\(commands)")
        let path = prefix + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for (i, command) in commands.enumerated() {
            // Each in a folder of its own that sees the repository's drills and scenarios; what it writes stays there.
            let work = dir.appendingPathComponent("work-\(i)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            for folder in ["drills", "scenarios"] {
                try FileManager.default.createSymbolicLink(at: work.appendingPathComponent(folder), withDestinationURL: CLITests.root.appendingPathComponent(folder))
            }
            let bare = command.components(separatedBy: "  #").first!.trimmingCharacters(in: .whitespaces)
            let result = try CLITests.run("/bin/sh", ["-c", bare + " < /dev/null"], in: work, environment: ["PATH": path])
            #expect(result.status == 0 || result.status == 1, "\(command): exit \(result.status)\n\(result.stderr)")
        }
    }
}
