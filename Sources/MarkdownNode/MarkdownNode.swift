import YAMLNode

/// One node of a Markdown document as cmark-gfm parsed it, with its place in the source.
public struct MarkdownNode: Sendable, Hashable {
    /// What kind of block or inline a node is.
    public enum Kind: Sendable, Hashable {
        /// The whole document.
        case document
        /// `#` to `######`.
        case heading(level: Int)
        /// A paragraph.
        case paragraph
        /// A bullet or ordered list.
        case list(ordered: Bool)
        /// One list item.
        case item
        /// A fenced or indented code block, with its info string (`sh` in ```` ```sh ````).
        case codeBlock(info: String)
        /// A raw HTML block (comments included).
        case htmlBlock
        /// `>` quote.
        case blockQuote
        /// `---`.
        case thematicBreak
        /// A GFM table.
        case table
        /// A table's header row.
        case tableHeader
        /// A table's body row.
        case tableRow
        /// One cell of a row.
        case tableCell
        /// Plain text.
        case text
        /// A code span.
        case code
        /// A line break inside a paragraph that renders as a space.
        case softBreak
        /// A hard line break.
        case lineBreak
        /// Inline HTML.
        case htmlInline
        /// `*emphasis*`.
        case emphasis
        /// `**strong**`.
        case strong
        /// A link, with its destination.
        case link(url: String)
        /// An image, with its source.
        case image(url: String)
        /// `~~strikethrough~~`.
        case strikethrough
        /// Anything else cmark-gfm knows (footnotes, custom blocks), by its type name.
        case other(String)

        /// Whether the node is a block (not an inline).
        public var isBlock: Bool {
            switch self {
            case .document, .heading, .paragraph, .list, .item, .codeBlock, .htmlBlock, .blockQuote, .thematicBreak,
                 .table, .tableHeader, .tableRow, .tableCell: true
            default: false
            }
        }
    }

    /// The kind of node.
    public var kind: Kind
    /// The text of a text, code span, code block or HTML node; empty for the others.
    public var literal: String
    /// Where the node starts: 1-based line and column in Unicode scalars.
    public var location: SourceLocation
    /// The 1-based line where the node ends.
    public var endLine: Int
    /// The children, in document order.
    public var children: [MarkdownNode]

    /// Creates a node.
    public init(kind: Kind, literal: String = "", location: SourceLocation, endLine: Int, children: [MarkdownNode] = []) {
        self.kind = kind
        self.literal = literal
        self.location = location
        self.endLine = endLine
        self.children = children
    }

    /// The inline text of the node, as a reader sees it: code spans in their backticks' place without them,
    /// breaks as single spaces, markup dropped.
    public var plainText: String {
        var out = ""
        appendText(to: &out)
        return out
    }

    private func appendText(to out: inout String) {
        switch kind {
        case .text, .code, .htmlInline: out += literal
        case .softBreak, .lineBreak: out += " "
        default:
            for child in children { child.appendText(to: &out) }
        }
    }

    /// The first code span among the node's inlines (not inside nested blocks), if any.
    public var firstCodeSpan: MarkdownNode? {
        for child in children where !child.kind.isBlock {
            if child.kind == .code { return child }
            if let inner = child.firstCodeSpan { return inner }
        }
        return nil
    }

    /// The node's block children.
    public var blocks: [MarkdownNode] { children.filter(\.kind.isBlock) }
}
