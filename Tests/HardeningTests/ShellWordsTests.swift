import Foundation
import GameDayConsole
import GameDayEngine
import Testing

/// Quote removal on Unicode scalars, as POSIX does on bytes, and the journal's round trip.
@Suite struct ShellWordsTests {
    @Test(arguments: [
        ("ack\r\nalert", ["ack", "alert"]),
        ("a\r\n\r\nb", ["a", "b"]),
        ("'\u{05C5}x' y", ["\u{05C5}x", "y"]),
        ("\"\u{0301}\"", ["\u{0301}"]),
        ("a \u{0301}b", ["a", "\u{0301}b"]),
        ("a\\ \u{0301}", ["a \u{0301}"]),
        ("x\\\u{0301}", ["x\u{0301}"]),
        ("'it'\\''\u{0301}s'", ["it'\u{0301}s"]),
        ("note \u{1F469}\u{200D}\u{1F4BB} ok", ["note", "\u{1F469}\u{200D}\u{1F4BB}", "ok"]),
        ("e\u{0301} \"\\\u{0301}\"", ["e\u{0301}", "\\\u{0301}"]),
    ])
    func splitsOnScalars(_ line: String, _ words: [String]) throws {
        let got = try ShellWords.split(line)
        #expect(got.map { Array($0.unicodeScalars) } == words.map { Array($0.unicodeScalars) })
    }

    /// The offset of an unterminated quote counts scalars, so that the error points at the quote.
    @Test func anUnterminatedQuoteIsFoundAfterACombiningMark() {
        #expect(throws: ShellWords.Failure.unterminatedQuote("'", offset: 4)) { try ShellWords.split("e\u{301} \u{301}'abc") }
        #expect(throws: ShellWords.Failure.unterminatedQuote("\"", offset: 2)) { try ShellWords.split("\u{301} \"\u{301}") }
    }

    /// Words that begin with, hold or end in combining marks, quotes, CR and LF are quoted so that they split back.
    @Test(arguments: ["\u{05C5}abc", "'\u{301}", "a'b", "\r\n", "x\u{301}", "", " ", "\\", "\"", "é", "漢字", "a\u{301}'\u{301}"])
    func quoteRoundTrips(_ word: String) throws {
        let back = try ShellWords.split(ShellWords.quote(word))
        #expect(back.map { Array($0.unicodeScalars) } == [Array(word.unicodeScalars)])
    }

    static let drillText = drillHeader("journal") + "roles: [on-call]\n"

    /// What the journal writer writes, the loader reads back as the same action: time, role, line and words.
    @Test(arguments: [
        "note '\u{05C5}abc'",
        "note \u{05C5}abc",
        "note it'\u{301}s'",
        "note 'a'\u{301}'b'",
        "note \"tab\there\"",
        "note 'line\nbreak'",
        "note \u{FEFF}bom \u{2028} \u{85}",
        "note \u{1b}[31m red",
        "note '\u{7F}' \"\\\"\"",
        "note 漢字 😀 e\u{301}",
        "note \r\n crlf",
    ])
    func theJournalRoundTrips(_ line: String) throws {
        let scratch = try Scratch("journal")
        try scratch.write("scenarios/wc.yaml", smallScenario)
        let drillPath = try scratch.write("drills/journal.yaml", Self.drillText)
        let drill = try #require(DrillLoader().loadDrill(path: drillPath).value)
        var journal = JournalDocument(drill: "journal", team: "blue 'team'\u{301}", started: "2026-11-29T14:00:00Z")
        journal.actions = [.init(at: 61, by: "on-call", line: line), .init(at: 62, by: nil, line: line)]
        let logPath = try scratch.write("journal.responses.yaml", journal.text)
        let loaded = DrillLoader().loadResponseLog(path: logPath, drill: drill)
        let log = try #require(loaded.value, "\(loaded.diagnostics) in\n\(journal.text)")
        #expect(log.team.map { Array($0.unicodeScalars) } == Array("blue 'team'\u{301}".unicodeScalars))
        #expect(log.actions.count == 2)
        let words = try ShellWords.split(line)
        for (action, written) in zip(log.actions, journal.actions) {
            #expect(action.at == written.at)
            #expect(action.by == written.by)
            #expect(Array(action.line.unicodeScalars) == Array(line.unicodeScalars))
            #expect(action.words.map { Array($0.unicodeScalars) } == words.map { Array($0.unicodeScalars) })
        }
    }
}
