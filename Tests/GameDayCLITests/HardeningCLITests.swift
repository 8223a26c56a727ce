import Foundation
import Testing

/// `gameday validate` on hardened input: the source line and caret of CR LF, tab and wide-character files, and a
/// file that can be read only once (a pipe), which `validate` must not read twice.
@Suite struct HardeningCLITests {
    static let scenario = "scenario: wc\nroles:\n  on-call:\n"

    static func drill(owner: String = "on-call", check: String) -> String {
        """
        drill: d
        title: t
        severity: P2
        owner: \(owner)
        scenario: wc
        duration: 1h
        expect:
          - id: o
            phase: detect
            check: \(check)

        """
    }

    static func validate(_ drillText: String, lineBreak: String = "\n") throws -> CLITests.Output {
        let dir = try CLITests.scratchFolder("hardening")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("drills"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        try Self.scenario.write(to: dir.appendingPathComponent("scenarios/wc.yaml"), atomically: true, encoding: .utf8)
        try drillText.replacingOccurrences(of: "\n", with: lineBreak)
            .write(to: dir.appendingPathComponent("drills/d.yaml"), atomically: true, encoding: .utf8)
        return try CLITests.run(CLITests.binary, ["validate", "drills/d.yaml"], in: dir)
    }

    /// The lines after the diagnostic: the source line and the caret line, without their 4-space indent.
    static func sourceAndCaret(_ stderr: String) -> (String, String)? {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let i = lines.firstIndex(where: { $0.contains(": error: ") }), i + 2 < lines.count else { return nil }
        return (String(lines[i + 1].dropFirst(4)), String(lines[i + 2].dropFirst(4)))
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func theSourceLineAndCaretOfEveryLineBreak(_ lineBreak: String) throws {
        let result = try Self.validate(Self.drill(check: #"keys["k"].stat == "x""#), lineBreak: lineBreak)
        #expect(result.status == 2)
        #expect(result.stderr.contains("drills/d.yaml:10:22: error: a key has no field 'stat'"), "\(result.stderr)")
        let (source, caret) = try #require(Self.sourceAndCaret(result.stderr), "\(result.stderr)")
        #expect(source == #"    check: keys["k"].stat == "x""#)
        #expect(caret == String(repeating: " ", count: 21) + "^")
    }

    /// A tab is shown as one space; a wide character takes two cells and a combining mark none, so the caret sits
    /// under the token on a terminal while the column still counts scalars.
    @Test func theCaretLinesUpAfterTabsAndWideCharacters() throws {
        let check = "\t'\"漢字e\u{301}\" == incident.sevrity'"
        let result = try Self.validate(Self.drill(check: check))
        // Column in scalars: 4 spaces, "check:", space, tab, quote, then "漢字e" + U+0301 (4 scalars), quotes, " == incident."
        let line = "    check: " + check
        let column = line.unicodeScalars.count - "sevrity'".unicodeScalars.count + 1
        #expect(result.stderr.contains("drills/d.yaml:10:\(column): error: the incident has no field 'sevrity'"), "\(result.stderr)")
        let (source, caret) = try #require(Self.sourceAndCaret(result.stderr), "\(result.stderr)")
        #expect(source == "    check:  '\"漢字e\u{301}\" == incident.sevrity'")
        // Cells before the token: every scalar is one cell, but 漢 and 字 take two and U+0301 none.
        #expect(caret == String(repeating: " ", count: column - 1 + 2 - 1) + "^")
    }

    /// `gameday validate <(generate)`: a pipe can be read once. The log is classified and checked from one read.
    @Test func aLogInAPipeIsReadOnce() throws {
        let dir = try CLITests.scratchFolder("pipe")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("drills"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        try Self.scenario.write(to: dir.appendingPathComponent("scenarios/wc.yaml"), atomically: true, encoding: .utf8)
        try Self.drill(check: #"'"on-call" in paged'"#).write(to: dir.appendingPathComponent("drills/d.yaml"), atomically: true, encoding: .utf8)
        let script = #"exec "$0" validate --drills drills <(printf 'drill: d\nactions:\n  - {at: 1m, do: "page on-call"}\n')"#
        let result = try CLITests.run("/bin/bash", ["-c", script, CLITests.binary], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 file checked: 0 errors, 0 warnings"), "\(result.stdout) \(result.stderr)")
    }
}
