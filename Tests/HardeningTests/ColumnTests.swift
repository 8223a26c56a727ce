import Foundation
import GameDayEngine
import Testing

/// Lines and columns are libyaml's marks plus one, in Unicode scalars (spec 9.29), after a byte-order mark, in CR LF
/// and CR files, with tabs and with wide characters; files in UTF-16 or UTF-32 are refused with a clear error.
@Suite struct ColumnTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A drill whose one error is the unknown field `stat` inside a check on line 10 (`keys["prod-signing"].stat`).
    static func drill(_ id: String, check: String = #"keys["prod-signing"].stat == "disabled""#, lineBreak: String = "\n") -> String {
        let text = drillHeader(id) + """
        expect:
          - id: revoked
            phase: contain
            check: \(check)

        """
        return text.replacingOccurrences(of: "\n", with: lineBreak)
    }

    /// 1-based column of `needle` in `line`, counted in Unicode scalars here, independently of the loader.
    static func column(of needle: String, in line: String) -> Int {
        let scalars = Array(line.unicodeScalars), wanted = Array(needle.unicodeScalars)
        for i in 0...(scalars.count - wanted.count) where Array(scalars[i..<(i + wanted.count)]) == wanted { return i + 1 }
        return -1
    }

    static func errors(_ id: String, _ bytes: [UInt8]) throws -> [Diagnostic] {
        let scratch = try Scratch(id)
        try scratch.write("scenarios/wc.yaml", smallScenario)
        let path = try scratch.write("drills/\(id).yaml", bytes)
        return Validator(loader: DrillLoader()).validate(file: path).1.filter { $0.severity == .error }
    }

    @Test(arguments: [
        ("plain", #"keys["prod-signing"].stat == "disabled""#),
        ("single", #"'keys["prod-signing"].stat == "disabled"'"#),
        ("double", #""keys[\"prod-signing\"].stat == \"disabled\"""#),
    ])
    func anExpressionErrorAfterAByteOrderMarkPointsAtItsToken(_ style: String, _ check: String) throws {
        let text = Self.drill("bom", check: check)
        let found = try Self.errors("bom", Self.bom + Array(text.utf8))
        let line = String(text.split(separator: "\n")[9])
        #expect(found.map(\.location.line) == [10])
        #expect(found.first?.location.column == Self.column(of: "stat", in: line), "\(found)")
        #expect(found.first?.message.contains("no field 'stat'") == true)
    }

    @Test(arguments: ["\r\n", "\r"])
    func anExpressionErrorInACRLFOrCRFileHasItsLineAndColumn(_ lineBreak: String) throws {
        let text = Self.drill("crlf", lineBreak: lineBreak)
        let found = try Self.errors("crlf", Array(text.utf8))
        let line = String(Self.drill("crlf").split(separator: "\n")[9])
        #expect(found.map(\.location.line) == [10])
        #expect(found.first?.location.column == Self.column(of: "stat", in: line), "\(found)")
    }

    /// libyaml refuses a control character while reading; its byte offset becomes a place as libyaml counts it.
    @Test(arguments: [
        ("lf", [UInt8](), "\n"), ("bom", bom, "\n"), ("crlf", [UInt8](), "\r\n"), ("cr", [UInt8](), "\r"),
        ("nel", [UInt8](), "\u{85}"), ("line-separator", [UInt8](), "\u{2028}"),
    ])
    func aReaderErrorHasTheLineAndColumnLibyamlCounts(_ name: String, _ prefix: [UInt8], _ lineBreak: String) throws {
        let text = "drill: x\(lineBreak)title: a\(lineBreak)summary: é漢\u{7}\(lineBreak)"
        let found = try Self.errors(name, prefix + Array(text.utf8))
        #expect(found.count == 1)
        #expect(found.first?.location.line == 3, "\(found)")
        #expect(found.first?.location.column == 12, "\(found)")
        #expect(found.first?.message.contains("U+0007") == true)
    }

    @Test func tabsAndWideCharactersAreOneColumnEach() throws {
        let check = "\t'\"漢字\u{301}😀\" == incident.sevrity'"
        let text = Self.drill("wide", check: check)
        let found = try Self.errors("wide", Array(text.utf8))
        let line = String(text.split(separator: "\n")[9])
        #expect(found.first?.location.line == 10)
        #expect(found.first?.location.column == Self.column(of: "sevrity", in: line), "\(found)")
        #expect(found.first?.message.contains("did you mean 'severity'") == true)
    }

    @Test func aValueAfterATabHasItsColumn() throws {
        let text = drillHeader("tabbed").replacingOccurrences(of: "owner: on-call", with: "owner:\tnobody")
        let found = try Self.errors("tabbed", Array(text.utf8))
        #expect(found.map(\.location.line) == [4])
        #expect(found.first?.location.column == 8)
    }

    /// A UTF-8 byte-order mark is fine; UTF-16 and UTF-32, with or without a mark, are refused at 1:1 with the encoding named.
    @Test(arguments: [
        ("utf-16le-bom", [0xFF, 0xFE] as [UInt8], String.Encoding.utf16LittleEndian, "UTF-16 (little-endian, with a byte-order mark)"),
        ("utf-16be-bom", [0xFE, 0xFF], .utf16BigEndian, "UTF-16 (big-endian, with a byte-order mark)"),
        ("utf-16le", [], .utf16LittleEndian, "UTF-16 (little-endian)"),
        ("utf-16be", [], .utf16BigEndian, "UTF-16 (big-endian)"),
        ("utf-32le", [], .utf32LittleEndian, "UTF-32 (little-endian)"),
        ("utf-32be-bom", [0x00, 0x00, 0xFE, 0xFF], .utf32BigEndian, "UTF-32 (big-endian, with a byte-order mark)"),
    ])
    func filesNotInUTF8AreRefused(_ name: String, _ mark: [UInt8], _ encoding: String.Encoding, _ described: String) throws {
        let text = Self.drill("enc")
        let bytes = mark + [UInt8](try #require(text.data(using: encoding)))
        let found = try Self.errors("enc", bytes)
        #expect(found.count == 1)
        #expect(found.first?.message == "the file is encoded in \(described); save it as UTF-8, the only encoding drills, scenarios and logs may use")
        #expect(found.first.map { ($0.location.line, $0.location.column) } ?? (0, 0) == (1, 1))
    }

    @Test func aUTF8ByteOrderMarkIsAccepted() throws {
        let text = Self.drill("ok", check: #"keys["prod-signing"].state == "disabled""#)
        #expect(try Self.errors("ok", Self.bom + Array(text.utf8)).isEmpty)
    }
}
