import Foundation
import Testing
@testable import GameDayModel
@testable import YAMLNode

/// The readers of typed scalars, which look at a node's text, style and tag straight in the tree, against what the
/// drill language says each value may be; and the small pieces they stand on.
@Suite struct ScalarReaderTests {
    /// The value of key `v` of a one-line YAML mapping.
    private static func value(_ yaml: String) -> Node {
        let result = YAMLLoader.load(bytes: Array("v: \(yaml)\n".utf8), file: "t.yaml")
        return result.root!.mapping![0].value
    }

    private static func text(_ yaml: String, nullable: Bool = false) -> (String??, [String]) {
        var reader = NodeReader()
        let value = reader.text(value(yaml), "f", nullable: nullable)
        return (value, reader.diagnostics.map(\.message))
    }

    @Test func textsNullsAndTags() {
        #expect(Self.text("plain").0 == .some("plain"))
        #expect(Self.text("'null'").0 == .some("null"), "a quoted null is text")
        #expect(Self.text("!!str 12").0 == .some("12"))
        #expect(Self.text("~", nullable: true).0 == .some(nil))
        #expect(Self.text("!!null x", nullable: true).0 == .some(nil), "a null tag makes null whatever the text")
        #expect(Self.text("null").1 == ["'f' must be a text, found null"])
        #expect(Self.text("!!int 12").1 == ["'f' must be a text, not tagged !!int"])
        #expect(Self.text("!!null x").1 == ["'f' must be a text, not tagged !!null"], "not nullable: the tag is named")
        #expect(Self.text("[a]").1 == ["'f' must be a text, found a list"])
    }

    @Test func boolsAndIntegers() {
        var reader = NodeReader()
        #expect(reader.bool(Self.value("true"), "b") == true && reader.bool(Self.value("!!bool false"), "b") == false)
        #expect(reader.int(Self.value("-42"), "n") == -42 && reader.int(Self.value("!!int 7"), "n") == 7)
        #expect(reader.diagnostics.isEmpty)
        #expect(reader.bool(Self.value("'true'"), "b") == nil)
        #expect(reader.bool(Self.value("!!str true"), "b") == nil)
        #expect(reader.int(Self.value("!!bool 7"), "n") == nil)
        #expect(reader.int(Self.value("1.5"), "n") == nil)
        #expect(reader.diagnostics.map(\.message) == [
            "'b' must be true or false, found the quoted text 'true' (remove the quotes)",
            "'b' must be true or false, found 'true'",
            "'n' must be a whole number, found '7'",
            "'n' must be a whole number, found '1.5'",
        ])
    }

    /// `isInteger` and `isNumber` against the patterns of the spec, matched by Foundation's regular expressions.
    @Test(arguments: ["0", "-0", "42", "-", "", "--1", "1-", "1.5", "-1.5", "1.", ".5", "1.-5", "1.2.3", "12a", " 1",
                      "\u{661}\u{662}", "\u{FF11}", "0.25", "-.5"])
    func numbersMatchTheirPatterns(_ text: String) throws {
        func matches(_ pattern: String) throws -> Bool {
            let regex = try NSRegularExpression(pattern: pattern)
            let whole = NSRange(text.startIndex..., in: text)
            return regex.firstMatch(in: text, range: whole).map { $0.range == whole } ?? false
        }
        #expect(NodeReader.isInteger(text) == (try matches("^-?[0-9]+$")))
        #expect(NodeReader.isNumber(text) == (try matches("^-?[0-9]+(\\.[0-9]+)?$")))
    }

    /// Tables and dictionaries go by a collection's ordinal: it must be its place in `allCases`, and equality and
    /// hashing must agree with it.
    @Test func collectionOrdinals() {
        for (offset, collection) in Collection.allCases.enumerated() {
            #expect(collection.ordinal == offset)
            #expect(Collection(rawValue: collection.rawValue) == collection)
            #expect(collection.fields.first?.name == "name")
        }
        #expect(Set(Collection.allCases).count == Collection.allCases.count)
        let byCollection = Dictionary(uniqueKeysWithValues: Collection.allCases.map { ($0, $0.noun) })
        #expect(byCollection[.runnerPools] == "runner pool" && byCollection[.detections] == "detection")
        #expect(Collection.images.fields.map(\.name) == ["name", "registry", "repo", "commit", "signed_by", "deps", "malicious",
                                                         "quarantined", "deleted"])
    }

    /// Duplicates in a short list (searched item by item) and a long one (kept in a set) are reported at each repeat,
    /// the first writing kept; a canonically equivalent spelling is another item.
    @Test(arguments: [4, NodeReader.listScanLimit, NodeReader.listScanLimit + 1, 40])
    func listsReportEachRepeat(_ count: Int) {
        let words = (0..<count).map { i in i % 3 == 2 ? "w\(i - 1)" : "w\(i)" } + ["caf\u{E9}", "cafe\u{301}"]
        let yaml = "[" + words.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        var reader = NodeReader()
        let items = reader.list(Self.value(yaml), "f") { reader, node in reader.string(node, "f") }
        var firsts: [String] = [], repeats: [String] = []
        for word in words { if firsts.contains(where: { $0.unicodeScalars.elementsEqual(word.unicodeScalars) }) { repeats.append(word) } else { firsts.append(word) } }
        #expect(items?.map(\.0) == firsts)
        #expect(reader.diagnostics.map(\.message) == repeats.map { "'\($0)' is listed twice in 'f'" })
        #expect(!repeats.isEmpty || count < 3)
    }

    @Test func namesAreTheSameByCodePoints() {
        let long = String(repeating: "runner-pool-", count: 3)
        let built = (0..<3).map { _ in "runner-pool-" }.joined()
        #expect(NameOrder.same(long, built), "equal text in separate storage")
        #expect(NameOrder.same("state", "stat" + "e") && NameOrder.same("", ""))
        #expect(!NameOrder.same("state", "stat") && !NameOrder.same(long, long + "x") && !NameOrder.same("a", ""))
        #expect(!NameOrder.same("caf\u{E9}", "cafe\u{301}"), "canonically equivalent is not the same name (spec 9.21)")
        #expect(NameOrder.same("caf\u{E9}", "caf" + "\u{E9}"))
    }

    @Test func wordsAndTextsKeepEveryScalar() throws {
        #expect(try ShellWords.split("note 'h\u{E9}llo w\u{F6}rld' \"a\\\"\u{2713}\" \u{1F600}x") == ["note", "h\u{E9}llo w\u{F6}rld", "a\"\u{2713}", "\u{1F600}x"])
        let tokens = try ExpressionLexer.tokenize("keys[\"k\u{E9}y\\n\u{1F600}\"]")
        #expect(tokens.map(\.kind).contains(.string("k\u{E9}y\n\u{1F600}")))
        var writer = ScalarWriter()
        writer.append("a")
        writer.append(contentsOf: ArraySlice("\u{E9}\u{1F600}".unicodeScalars))
        #expect(writer.take() == "a\u{E9}\u{1F600}" && writer.isEmpty)
        writer.append("b")
        #expect(writer.take() == "b", "take leaves the writer empty for the next text")
    }
}
