import Synchronization

/// A YAML node with the place it was written, after alias expansion.
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

    /// The kind of node and its content.
    public indirect enum Content: Sendable {
        /// A scalar.
        case scalar(Scalar)
        /// A sequence of nodes.
        case sequence([Node])
        /// A mapping, in source order; duplicate keys were reported and dropped.
        case mapping([(key: Node, value: Node)])
    }

    /// What the node holds.
    public var content: Content
    /// Where the node starts.
    public var location: SourceLocation

    /// Creates a node.
    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// The scalar, when this node is one.
    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// The scalar's text, when this node is a scalar.
    public var text: String? { scalar?.text }

    /// The entries, when this node is a mapping.
    public var mapping: [(key: Node, value: Node)]? {
        if case .mapping(let m) = content { return m }
        return nil
    }

    /// The items, when this node is a sequence.
    public var sequence: [Node]? {
        if case .sequence(let s) = content { return s }
        return nil
    }

    /// True for a plain `null`, `~` or empty scalar.
    public var isNull: Bool {
        guard let s = scalar, s.tag == nil || s.tag == "null" else { return false }
        if s.tag == "null" { return true }
        return s.style == .plain && (s.text == "null" || s.text == "~" || s.text.isEmpty)
    }

    /// A word for the kind of node, for messages: `a mapping`, `a list`, `a text`.
    public var kindDescription: String {
        switch content {
        case .scalar: return isNull ? "null" : "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
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
