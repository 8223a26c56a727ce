import Testing
@testable import YAMLNode

/// The flat node tree: nested collections come out whole and in order, aliases share their anchor's nodes, and a
/// document's nodes live in one tree.
@Suite struct NodeTreeTests {
    private func load(_ text: String) -> YAMLLoader.Result {
        YAMLLoader.load(bytes: Array(text.utf8), file: "t.yaml")
    }

    /// The tree written back as flow YAML, to compare a loaded document with an independent expectation.
    private func flow(_ node: Node) -> String {
        if let entries = node.mapping { return "{" + entries.map { flow($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}" }
        if let items = node.sequence { return "[" + items.map(flow).joined(separator: ", ") + "]" }
        return node.text ?? "?"
    }

    @Test func nestedCollectionsComeOutWholeAndInSourceOrder() throws {
        let root = try #require(load("""
            z: [1, [2, 3], {a: 4, b: [5]}]
            y:
              - {c: d}
              - e
            x: {}
            w: []
            """).root)
        #expect(flow(root) == "{z: [1, [2, 3], {a: 4, b: [5]}], y: [{c: d}, e], x: {}, w: []}")
        #expect(root.mapping?.count == 4)
        #expect(root.mapping?.last?.value.sequence?.isEmpty == true)
    }

    @Test func anAliasIsItsAnchorsNodeWithItsOwnPlaceNotCopied() throws {
        let result = load("a: &x {k: [v, w]}\nb: *x\nc: *x\n")
        let root = try #require(result.root?.mapping)
        #expect(result.diagnostics.isEmpty)
        #expect(flow(root[1].value) == "{k: [v, w]}" && flow(root[2].value) == "{k: [v, w]}")
        // The same node of the same tree: an alias costs no copy of what it names.
        #expect(root[1].value.tree === root[0].value.tree && root[1].value.index == root[0].value.index)
        // 3 keys, the anchored mapping, its key, its list and two items, and the root: 9 records, not 19.
        #expect(root[0].value.tree.records.count == 8 + 1)
    }

    @Test func aDuplicateKeyDropsItsValueAndKeepsTheOthersInOrder() throws {
        let result = load("a: 1\nb: [x]\na: [2, 3]\nc: 4\n")
        let root = try #require(result.root)
        #expect(flow(root) == "{a: 1, b: [x], c: 4}")
        #expect(result.diagnostics.map(\.location.line) == [3])
    }

    @Test func duplicatesArePlacedInLargeMappingsToo() throws {
        // Past eight keys the builder looks duplicates up in a set instead of scanning: both must find them.
        let keys = (0..<20).map { "k\($0): \($0)" }.joined(separator: "\n")
        let result = load(keys + "\nk3: again\nk19: again\n")
        #expect(result.diagnostics.map(\.description) == [
            "t.yaml:21:1: error: duplicate key 'k3' (first written at line 4); remove one of them",
            "t.yaml:22:1: error: duplicate key 'k19' (first written at line 20); remove one of them",
        ])
        #expect(result.root?.mapping?.count == 20)
    }

    @Test func tagsStylesAndNullsSurviveTheTree() throws {
        let root = try #require(load("a: !!str 1\nb: ~\nc: 'null'\nd: !!null x\ne:\n").root?.mapping)
        #expect(root[0].value.scalar?.tag == "str" && root[0].value.text == "1")
        #expect(root[1].value.isNull && root[1].value.kindDescription == "null")
        #expect(!root[2].value.isNull && root[2].value.scalar?.style == .singleQuoted)
        #expect(root[3].value.isNull)
        #expect(root[4].value.isNull && root[4].value.text == "")
    }

    @Test func nodesMadeByHandHoldWhatTheyWereGiven() throws {
        let place = SourceLocation(file: "made.yaml", line: 3, column: 5)
        let leaf = Node(.scalar(Node.Scalar(text: "v", style: .doubleQuoted, tag: nil)), at: place)
        let list = Node(.sequence([leaf, leaf]), at: place)
        let map = Node(.mapping([(key: Node(.scalar(Node.Scalar(text: "k", style: .plain, tag: nil)), at: place), value: list)]), at: place)
        #expect(flow(map) == "{k: [v, v]}")
        #expect(map.location == place && map.mapping?.first?.value.sequence?.last?.location == place)
        #expect(map.mapping?.first?.value.sequence?.first?.scalar?.style == .doubleQuoted)
        guard case .mapping(let entries) = map.content, case .sequence(let items) = entries[0].value.content else {
            Issue.record("content lost its kind"); return
        }
        #expect(items.count == 2)
    }
}
