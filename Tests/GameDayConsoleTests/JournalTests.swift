import Foundation
import Testing
@testable import GameDayConsole
import GameDayEngine

/// The journal's text, its quoting, and the file: created once, appended and flushed, rewritten atomically, recovered.
@Suite struct JournalTests {
    static let awkward = [
        "note it\\'s \"quoted\" and has a # hash, a: colon, {braces} and [brackets]",
        "note tab\there and a bell \u{07} and DEL \u{7F}",
        "note ünïcödé — 東京 🚨",
        "note trailing backslash \\\\",
        "file-story 'Move signing to KMS' --owner platform-lead --due 14d",
        "note - leading dash, ~ tilde, null true false",
        "note \u{2028}line separator and \u{FEFF}BOM",
    ]

    @Test(arguments: awkward) func actionLinesLoadBackUnchanged(_ line: String) throws {
        let drill = try ConsoleFixture.drill()
        var document = JournalDocument(drill: drill.id, team: "team: 'red' #1", started: ConsoleFixture.started)
        document.actions = [.init(at: 61, by: "on-call", line: line), .init(at: 3600, by: nil, line: line)]
        let log = try ConsoleFixture.load(document.text, drill: drill)
        #expect(log.team == "team: 'red' #1")
        #expect(log.started == ConsoleFixture.started)
        #expect(log.actions.map(\.line) == [line, line])
        #expect(log.actions.map(\.at) == [61, 3600])
        #expect(log.actions.map(\.by) == ["on-call", nil])
        // Rendering the loaded log again gives the same text.
        #expect(JournalDocument(log: log, checkpoint: nil).text == document.text)
    }

    @Test func scalarsArePlainOnlyWhenThatIsSafe() {
        #expect(YAMLScalar.plainOrQuoted("on-call") == "on-call")
        #expect(YAMLScalar.plainOrQuoted("null") == "'null'")
        #expect(YAMLScalar.plainOrQuoted("1234") == "'1234'")
        #expect(YAMLScalar.plainOrQuoted("a: b") == "'a: b'")
        #expect(YAMLScalar.quoted("it's") == "'it''s'")
        #expect(YAMLScalar.quoted("a\u{07}b") == "\"a\\x07b\"")
        #expect(YAMLScalar.quoted("\u{2028}") == "\"\\u2028\"")
    }

    @Test func theLayoutStaysValidAfterEveryAppend() throws {
        let drill = try ConsoleFixture.drill()
        var document = JournalDocument(drill: drill.id, team: nil, started: ConsoleFixture.started, drillPath: "drills/x.yaml")
        var text = document.text
        #expect(try ConsoleFixture.load(text, drill: drill).actions.isEmpty)
        for (i, line) in ["ack vendor-notice", "page incident-commander"].enumerated() {
            let action = JournalDocument.Action(at: 60 * (i + 1), by: "security-lead", line: line)
            document.actions.append(action)
            text += JournalDocument.line(for: action) + JournalDocument.checkpointLine(60 * (i + 1) + 30)
            #expect(try ConsoleFixture.load(text, drill: drill).actions.count == i + 1)
        }
        #expect(JournalDocument.checkpoint(in: text) == 150)
        document.injected = [.init(at: 300, inject: "staging-blocked")]
        document.endedAt = 900
        let log = try ConsoleFixture.load(document.text, drill: drill)
        #expect(log.injected.map(\.inject) == ["staging-blocked"])
        #expect(log.endedAt == 900)
    }

    @Test func aTornLastLineIsDropped() {
        func drop(_ s: String) -> (String, String) {
            let (kept, dropped) = JournalDocument.dropTornLine(Array(s.utf8))
            return (String(decoding: kept, as: UTF8.self), String(decoding: dropped, as: UTF8.self))
        }
        #expect(drop("a\nb\n") == ("a\nb\n", ""))
        #expect(drop("a\nb") == ("a\n", "b"))
        #expect(drop("abc") == ("", "abc"))
        #expect(drop("") == ("", ""))
    }

    @Test func theFileIsCreatedOnceAppendedRewrittenAndRecovered() throws {
        let path = try ConsoleFixture.folder() + "/j.yaml"
        let file = try JournalFile.create(path: path, text: "drill: x\nactions:\n")
        #expect(throws: JournalError.self) { try JournalFile.create(path: path, text: "other") }
        try file.append("  - {at: 1s, do: 'ack a'}\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "drill: x\nactions:\n  - {at: 1s, do: 'ack a'}\n")
        try file.rewrite("drill: x\nended_at: 5s\nactions:\n  - {at: 1s, do: 'ack a'}\n")
        try file.append("  - {at: 2s, do: 'ack b'}\n  - {at: 3s, do: 'ac")
        let (kept, dropped) = try JournalFile.recover(path: path)
        #expect(String(decoding: dropped, as: UTF8.self) == "  - {at: 3s, do: 'ac")
        let expected = "drill: x\nended_at: 5s\nactions:\n  - {at: 1s, do: 'ack a'}\n  - {at: 2s, do: 'ack b'}\n"
        #expect(String(decoding: kept, as: UTF8.self) == expected)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["j.yaml"])
    }
}
