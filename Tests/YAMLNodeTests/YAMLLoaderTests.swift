import Foundation
import Testing
@testable import YAMLNode

@Suite struct YAMLLoaderTests {
    private func load(_ text: String, limits: YAMLLimits = .standard) -> YAMLLoader.Result {
        YAMLLoader.load(bytes: Array(text.utf8), file: "t.yaml", limits: limits)
    }

    @Test func nodesCarryOneBasedLinesAndColumns() throws {
        let result = load("a: 1\nlist:\n  - x\n  - {k: v}\n")
        let root = try #require(result.root?.mapping)
        #expect(result.diagnostics.isEmpty)
        #expect(root[1].key.location == SourceLocation(file: "t.yaml", line: 2, column: 1))
        let items = try #require(root[1].value.sequence)
        #expect(items[0].location.line == 3 && items[0].location.column == 5)
        #expect(items[1].mapping?.first?.value.location.column == 9)
    }

    @Test func scalarsKeepTheirStyleAndRawText() throws {
        let root = try #require(load("a: 'it''s'\nb: \"x\\ty\"\nc: on\n").root?.mapping)
        #expect(root[0].value.scalar?.style == .singleQuoted)
        #expect(root[0].value.text == "it's")
        #expect(root[0].value.scalar?.raw == "'it''s'")
        #expect(root[1].value.text == "x\ty")
        #expect(root[2].value.scalar?.style == .plain)
        #expect(root[2].value.text == "on")
    }

    @Test func duplicateKeysAreReportedAtTheSecondKey() {
        let result = load("a: 1\nb: 2\na: 3\n")
        #expect(result.diagnostics.map(\.description) == ["t.yaml:3:1: error: duplicate key 'a' (first written at line 1); remove one of them"])
        #expect(result.root?.mapping?.count == 2)
    }

    @Test func keysDifferingOnlyByNormalisationAreDistinct() {
        let result = load("\u{e9}: 1\ne\u{301}: 2\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.root?.mapping?.count == 2)
    }

    @Test func nonStandardTagsAreRefused() {
        let result = load("a: !foo x\nb: !!float 1.5\nc: !!str 1\n")
        #expect(result.diagnostics.count == 2)
        #expect(result.diagnostics[0].message.contains("'!foo'"))
        #expect(result.diagnostics[1].message.contains("'!!float'"))
    }

    @Test func syntaxErrorsPointAtTheProblem() {
        let result = load("a: [1, 2\nb: 3\n")
        #expect(result.root == nil)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics[0].message.hasPrefix("invalid YAML"))
    }

    @Test func aSecondDocumentIsRefused() {
        let result = load("a: 1\n---\nb: 2\n")
        #expect(result.root == nil)
        #expect(result.diagnostics.first?.location.line == 2)
    }

    @Test func anEmptyFileIsRefused() {
        #expect(load("").diagnostics.first?.message.contains("empty") == true)
        #expect(load("# only a comment\n").diagnostics.first?.message.contains("empty") == true)
    }

    @Test func aliasesExpandToTheAnchoredNode() throws {
        let root = try #require(load("a: &x {k: v}\nb: *x\n").root?.mapping)
        #expect(root[1].value.mapping?.first?.value.text == "v")
    }

    @Test func billionLaughsIsRefusedByTheNodeLimit() {
        var text = "l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n"
        for i in 1...9 { text += "l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let result = load(text)
        #expect(result.root == nil)
        #expect(result.diagnostics.first?.message.contains("100000 nodes") == true)
    }

    @Test func deepNestingIsRefusedAtDepth65() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let result = load(deep)
        #expect(result.root == nil)
        #expect(result.diagnostics.first?.message.contains("deeper than the limit of 64") == true)
        #expect(result.diagnostics.first?.location.column == 65)
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(load(ok).diagnostics.isEmpty)
    }

    @Test func filesOverTheSizeLimitAreRefusedBeforeParsing() {
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 5 * 1024 * 1024)
        let result = YAMLLoader.load(bytes: big, file: "big.yaml")
        #expect(result.diagnostics.map(\.description) == ["big.yaml:1:1: error: the file is larger than the limit of 4 MiB; split it into smaller files"])
    }

    @Test func controlCharactersAreRefused() {
        let result = load("a: b\u{7}c\n")
        #expect(result.root == nil)
        #expect(result.diagnostics.first?.message.contains("control characters") == true)
    }

    @Test func theNodeLimitIsInclusive() {
        let limits = YAMLLimits(maxNodes: 3)
        #expect(load("a: b\n", limits: limits).diagnostics.isEmpty)
        #expect(!load("a: [b]\n", limits: limits).diagnostics.isEmpty)
    }
}
