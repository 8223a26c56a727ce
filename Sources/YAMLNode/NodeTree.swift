/// The nodes of one loaded document, stored flat: one record per node in one array, the scalars' texts in another,
/// and the children of every collection as ranges of a third. A `Node` is this tree and an index into it, so
/// loading a file makes a handful of arrays rather than a box and an array for every node, and freeing it frees
/// them; an alias is the index of the node its anchor names, shared rather than copied.
final class NodeTree: Sendable {
    /// What a record is.
    enum Kind: UInt8, Sendable {
        /// A scalar: `first` is its text's index in `texts`.
        case scalar
        /// A sequence: its items are `children[first ..< first + count]`.
        case sequence
        /// A mapping: its keys and values alternate in `children[first ..< first + count]`.
        case mapping
    }

    /// An explicit standard tag of a node.
    typealias Tag = Node.Tag

    /// One node: its kind, where it starts, and its text or its children. Positions are 32-bit: a file is far
    /// smaller than 2 GiB (the loader's limit is 4 MiB), and values past that are clamped, never trapped on.
    struct Record: Sendable {
        var kind: Kind
        var style: Node.ScalarStyle = .plain
        var tag: Tag?
        var line: Int32
        var column: Int32
        /// A scalar's text index, or where a collection's children start.
        var first: Int32
        /// A collection's number of children (twice its entries for a mapping); 0 for a scalar.
        var count: Int32 = 0
        /// A scalar's source range in the file's Unicode scalars, when it lies on one line; -1 when not.
        var rawStart: Int32 = -1
        var rawEnd: Int32 = -1
    }

    /// The path of the file, for every node's location.
    let file: String
    /// The file's text, for scalars' raw source; nil for nodes made by hand.
    let source: SourceText?
    let records: [Record]
    let texts: [String]
    let children: [Int32]

    init(file: String, source: SourceText?, records: [Record], texts: [String], children: [Int32]) {
        self.file = file
        self.source = source
        self.records = records
        self.texts = texts
        self.children = children
    }
}

/// The growing arrays of a `NodeTree`, appended to while a document is loaded or a node is made by hand.
struct NodeStore {
    var records: [NodeTree.Record] = []
    var texts: [String] = []
    var children: [Int32] = []

    /// An empty store.
    init() {}

    /// An empty store with room for about `nodes` nodes, so that a document's arrays are not grown step by step.
    init(reserving nodes: Int) {
        records.reserveCapacity(nodes)
        texts.reserveCapacity(nodes)
        children.reserveCapacity(nodes)
    }

    /// Appends a scalar; its index.
    mutating func addScalar(_ text: String, style: Node.ScalarStyle, tag: NodeTree.Tag?, line: Int32, column: Int32,
                            raw: Range<Int32>?) -> Int32 {
        let index = Int32(truncatingIfNeeded: records.count)
        records.append(NodeTree.Record(kind: .scalar, style: style, tag: tag, line: line, column: column,
                                       first: Int32(truncatingIfNeeded: texts.count),
                                       rawStart: raw?.lowerBound ?? -1, rawEnd: raw?.upperBound ?? -1))
        texts.append(text)
        return index
    }

    /// Appends a collection whose children are `items` (keys and values alternating for a mapping); its index.
    mutating func addCollection<Items: Collection>(mapping: Bool, items: Items, line: Int32, column: Int32) -> Int32
    where Items.Element == Int32 {
        let index = Int32(truncatingIfNeeded: records.count)
        records.append(NodeTree.Record(kind: mapping ? .mapping : .sequence, line: line, column: column,
                                       first: Int32(truncatingIfNeeded: children.count),
                                       count: Int32(truncatingIfNeeded: items.count)))
        children.append(contentsOf: items)
        return index
    }

    /// The finished tree.
    func tree(file: String, source: SourceText?) -> NodeTree {
        NodeTree(file: file, source: source, records: records, texts: texts, children: children)
    }
}
