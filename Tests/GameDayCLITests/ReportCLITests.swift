import Foundation
import Testing

/// End-to-end tests of `gameday run`'s report folders: --out, the default reports/ folder, --templates,
/// --no-reports, and a hostile drill whose text never reaches the terminal raw.
@Suite struct ReportCLITests {
    static let examples = CLITests.root.appendingPathComponent("Tests/GameDayEngineTests/Fixtures/examples")
    static let injection = CLITests.root.appendingPathComponent("Tests/GameDayReportsTests/Fixtures/injection")
    static let drill = examples.appendingPathComponent("drills/signing-key-compromised.yaml").path
    static let slow = examples.appendingPathComponent("responses/signing-key-compromised.slow.yaml").path

    static func files(in dir: URL) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        return (e.allObjects as? [String] ?? []).filter { !$0.hasSuffix("stories") }.sorted()
    }

    @Test func outWritesEveryFormatAndKeepsStdout() throws {
        let dir = try CLITests.scratchFolder("cli-out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report")
        let plain = try CLITests.run(CLITests.binary, ["run", "--no-record", Self.drill, "--responses", Self.slow, "--no-reports"], in: dir)
        let result = try CLITests.run(CLITests.binary, ["run", "--no-record", Self.drill, "--responses", Self.slow, "--out", out.path], in: dir)
        #expect(result.status == 1)
        #expect(result.stdout == plain.stdout, "the summary on stdout is the same with reports")
        #expect(result.stderr == "gameday: reports written to report/\n")
        let written = Self.files(in: out)
        for name in ["report.md", "report.html", "report.json", "junit.xml", "stories.csv", "stories.json", "stories/02-key-revoked.md"] {
            #expect(written.contains(name), "\(name) missing from \(written)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report"], "nothing else written, nothing left over")

        let json = try CLITests.run(CLITests.binary, ["run", "--no-record", Self.drill, "--responses", Self.slow, "--json", "--out", out.path], in: dir)
        #expect(json.stdout == (try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)),
                "--json prints exactly report.json")
    }

    @Test func withoutOutEachRunGetsItsOwnFolder() throws {
        let dir = try CLITests.scratchFolder("cli-default")
        defer { try? FileManager.default.removeItem(at: dir) }
        for _ in 0..<2 {
            let result = try CLITests.run(CLITests.binary, ["run", "--no-record", Self.drill, "--responses", Self.slow, "--json"], in: dir)
            #expect(result.status == 1)
        }
        let reports = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("reports").path).sorted()
        #expect(reports == ["signing-key-compromised-2026-11-29-platform-security", "signing-key-compromised-2026-11-29-platform-security-2"])
        let noTeam = try CLITests.run(CLITests.binary, ["run", "--no-record", Self.drill, "--date", "2026-12-24", "--json"], in: dir)
        #expect(noTeam.stderr == "gameday: reports written to reports/signing-key-compromised-2026-12-24/\n")
    }

    @Test func noReportsWritesNothing() throws {
        let dir = try CLITests.scratchFolder("cli-none")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLITests.run(CLITests.binary, ["run", "--no-record", Self.drill, "--responses", Self.slow, "--no-reports"], in: dir)
        #expect(result.status == 1 && result.stderr.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        let both = try CLITests.run(CLITests.binary, ["run", "--no-record", Self.drill, "--no-reports", "--out", "x"], in: dir)
        #expect(both.status == 2 && both.stdout.isEmpty)
    }

    @Test func refusingToOverwriteExitsTwoWithNothingOnStdout() throws {
        let dir = try CLITests.scratchFolder("cli-refuse")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "mine".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let result = try CLITests.run(CLITests.binary, ["run", "--no-record", Self.drill, "--responses", Self.slow, "--out", "."], in: dir)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("is not an earlier gameday report folder: refusing to replace it"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes.txt"])
    }

    @Test func templatesOverrideByFileName() throws {
        let dir = try CLITests.scratchFolder("cli-templates")
        defer { try? FileManager.default.removeItem(at: dir) }
        let templates = dir.appendingPathComponent("tpl")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "# {{title}}: {{score}}\n".write(to: templates.appendingPathComponent("report.md.mustache"), atomically: true, encoding: .utf8)
        let result = try CLITests.run(CLITests.binary, ["run", "--no-record", Self.drill, "--responses", Self.slow, "--out", "r", "--templates", "tpl"], in: dir)
        #expect(result.status == 1)
        #expect(try String(contentsOf: dir.appendingPathComponent("r/report.md"), encoding: .utf8) == "# Signing key compromised: 17.3\n")
        try "{{#broken}}".write(to: templates.appendingPathComponent("report.md.mustache"), atomically: true, encoding: .utf8)
        let bad = try CLITests.run(CLITests.binary, ["run", "--no-record", Self.drill, "--responses", Self.slow, "--out", "r2", "--templates", "tpl"], in: dir)
        #expect(bad.status == 2 && bad.stdout.isEmpty && bad.stderr.contains("report.md.mustache: not a valid Mustache template"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r2").path))
    }

    /// The terminal rule, end to end: nothing the hostile drill says reaches the TTY as a control character,
    /// and its report folder's name is safe.
    @Test func hostileDrillTextNeverReachesTheTerminal() throws {
        let dir = try CLITests.scratchFolder("cli-injection")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLITests.run(CLITests.binary, ["run", "--no-record", Self.injection.appendingPathComponent("drills/injection.yaml").path,
                                                        "--responses", Self.injection.appendingPathComponent("responses/injection.yaml").path], in: dir)
        #expect(result.status == 1)
        for (name, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            let bad = text.unicodeScalars.filter { s in
                (s.value < 0x20 && s != "\n") || s.value == 0x7F || (0x80...0x9F).contains(s.value)
            }
            #expect(bad.isEmpty, "\(name) holds control characters: \(bad.map { String($0.value, radix: 16) })")
        }
        #expect(result.stdout.contains("\\u{1b}[31mRED"), "the escape is shown, not dropped")
        #expect(result.stderr == "gameday: reports written to reports/injection-2026-11-29-sum-1-1-cmd-c-calc-a0-x/\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["reports"])
    }
}
