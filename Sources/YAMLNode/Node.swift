import Synchronization

/// A YAML node with the place it was written, after alias expansion: a document's tree and an index into it.
public struct Node: Sendable {
    /// How a scalar was written in the source.
    public enum ScalarStyle: Sendable, Hashable {
        /// Written without quotes.
        case plain
        /// `'...'`.
        case singleQuoted
        /// `"..."`.
        case doubleQuoted
        /// `|` block.
        case literal
        /// `>` block.
        case folded
    }

    /// An explicit standard tag, by its short name (`!!str` is `str`).
    public enum Tag: String, Sendable {
        /// `!!str`.
        case str
        /// `!!int`.
        case int
        /// `!!bool`.
        case bool
        /// `!!map`.
        case map
        /// `!!seq`.
        case seq
        /// `!!null`.
        case null
    }

    /// A scalar's text and how it was written.
    public struct Scalar: Sendable {
        /// The scalar's value after YAML unescaping.
        public var text: String
        /// The style it was written in.
        public var style: ScalarStyle
        /// An explicit standard tag (`str`, `int`, `bool`, `null`, ...), without its prefix.
        public var tag: String?
        /// The file's text, shared by every scalar of the file, and this scalar's range in it (in Unicode scalars).
        var source: SourceText?
        var range: Range<Int> = 0..<0

        /// The source text of the scalar as written, when it lies on one line.
        public var raw: String? {
            guard let source else { return nil }
            let scalars = source.scalars
            guard range.upperBound <= scalars.count else { return nil }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
    }

    /// The kind of node and its content, as `content` gives it and `init(_:at:)` takes it.
    public enum Content: Sendable {
        /// A scalar.
        case scalar(Scalar)
        /// A sequence of nodes.
        case sequence([Node])
        /// A mapping, in source order; duplicate keys were reported and dropped.
        case mapping([(key: Node, value: Node)])
    }

    /// The document's nodes, and which one this is.
    let tree: NodeTree
    let index: Int

    init(tree: NodeTree, index: Int32) {
        self.tree = tree
        self.index = Int(index)
    }

    /// Makes a node by hand (tests, synthesised input); every node in it takes `location.file` as its file.
    public init(_ content: Content, at location: SourceLocation) {
        var store = NodeStore()
        let index = store.copy(content, line: Int32(clamping: location.line), column: Int32(clamping: location.column))
        self.init(tree: store.tree(file: location.file, source: nil), index: index)
    }

    private var record: NodeTree.Record { tree.records[index] }

    /// What the node holds (the collections copied into arrays: `mapping` and `sequence` are views and copy nothing).
    public var content: Content {
        switch record.kind {
        case .scalar: return .scalar(scalar!)
        case .mapping: return .mapping(Array(mapping!))
        case .sequence: return .sequence(Array(sequence!))
        }
    }

    /// Where the node starts.
    public var location: SourceLocation {
        let r = record
        return SourceLocation(file: tree.file, line: Int(r.line), column: Int(r.column))
    }

    /// The scalar, when this node is one.
    public var scalar: Scalar? {
        let r = record
        guard r.kind == .scalar else { return nil }
        var scalar = Scalar(text: tree.texts[Int(r.first)], style: r.style, tag: r.tag?.rawValue)
        if r.rawStart >= 0, let source = tree.source {
            scalar.source = source
            scalar.range = Int(r.rawStart)..<Int(r.rawEnd)
        }
        return scalar
    }

    /// The scalar's text, when this node is a scalar.
    public var text: String? {
        let r = record
        return r.kind == .scalar ? tree.texts[Int(r.first)] : nil
    }

    /// The scalar's style, when this node is a scalar (read from the tree, without making a `Scalar`).
    public var style: ScalarStyle? {
        let r = record
        return r.kind == .scalar ? r.style : nil
    }

    /// The scalar's explicit standard tag, if it has one (a collection's tag is checked and not kept).
    public var tag: Tag? { record.tag }

    /// The entries, when this node is a mapping: a view of the document, in source order.
    public var mapping: Entries? {
        let r = record
        return r.kind == .mapping ? Entries(children: Items(tree: tree, start: Int(r.first), count: Int(r.count))) : nil
    }

    /// The items, when this node is a sequence: a view of the document.
    public var sequence: Items? {
        let r = record
        return r.kind == .sequence ? Items(tree: tree, start: Int(r.first), count: Int(r.count)) : nil
    }

    /// True for a plain `null`, `~` or empty scalar.
    public var isNull: Bool {
        let r = record
        guard r.kind == .scalar else { return false }
        switch r.tag {
        case .null?: return true
        case nil:
            guard r.style == .plain else { return false }
            let text = tree.texts[Int(r.first)]
            return text.isEmpty || NameOrder.same(text, "null") || NameOrder.same(text, "~")
        default: return false
        }
    }

    /// A word for the kind of node, for messages: `a mapping`, `a list`, `a text`.
    public var kindDescription: String {
        switch record.kind {
        case .scalar: return isNull ? "null" : "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// A mapping's entries: key and value nodes, in source order (its children, keys and values alternating).
    public struct Entries: RandomAccessCollection, Sendable {
        let children: Items

        /// The number of entries.
        public var count: Int { children.count / 2 }
        /// The first entry's position, 0.
        public var startIndex: Int { 0 }
        /// One past the last entry's position.
        public var endIndex: Int { count }

        /// The entry at `position`.
        public subscript(position: Int) -> (key: Node, value: Node) {
            precondition(position >= 0 && position < count, "entry index out of range")
            return (children[2 * position], children[2 * position + 1])
        }
    }

    /// A sequence's items, in source order.
    public struct Items: RandomAccessCollection, Sendable {
        let tree: NodeTree
        let start: Int
        /// The number of items.
        public let count: Int

        /// The first item's position, 0.
        public var startIndex: Int { 0 }
        /// One past the last item's position.
        public var endIndex: Int { count }

        /// The item at `position`.
        public subscript(position: Int) -> Node {
            precondition(position >= 0 && position < count, "item index out of range")
            return Node(tree: tree, index: tree.children[start + position])
        }
    }
}

extension NodeStore {
    /// Appends a copy of `content` (and of every node in it, from whatever tree); its index.
    mutating func copy(_ content: Node.Content, line: Int32, column: Int32) -> Int32 {
        switch content {
        case .scalar(let s):
            return addScalar(s.text, style: s.style, tag: s.tag.flatMap(NodeTree.Tag.init(rawValue:)), line: line, column: column, raw: nil)
        case .sequence(let items):
            let indices = items.map { copy($0) }
            return addCollection(mapping: false, items: indices, line: line, column: column)
        case .mapping(let entries):
            let indices = entries.flatMap { [copy($0.key), copy($0.value)] }
            return addCollection(mapping: true, items: indices, line: line, column: column)
        }
    }

    /// Appends a copy of `node`; its index.
    mutating func copy(_ node: Node) -> Int32 {
        let location = node.location
        return copy(node.content, line: Int32(clamping: location.line), column: Int32(clamping: location.column))
    }
}

/// The text of one file as Unicode scalars, shared by reference by the scalars that point into it, decoded only when
/// a scalar's source text is asked for (to place an error inside it). A leading byte-order mark is left out, as
/// libyaml's marks leave it out: index 0 is the first character after it.
final class SourceText: Sendable {
    private let bytes: [UInt8]
    private let decoded = Mutex<[Unicode.Scalar]?>(nil)

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The file's Unicode scalars.
    var scalars: [Unicode.Scalar] {
        decoded.withLock { cache in
            if let cache { return cache }
            let scalars = SourceLines.scalars(bytes)
            cache = scalars
            return scalars
        }
    }
}
