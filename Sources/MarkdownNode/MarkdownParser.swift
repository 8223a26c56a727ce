internal import CCMark
import Foundation
import YAMLNode

/// A Markdown file parsed by cmark-gfm (CommonMark with GFM tables and strikethrough): its node tree and its lines.
public struct MarkdownDocument: Sendable {
    /// The document node; its children are the top-level blocks.
    public var root: MarkdownNode
    /// The file's path as given, for diagnostics.
    public var file: String
    /// The source lines (without their line ends), for finding exact places inside a block.
    public var lines: [Substring]

    /// The place of `text` in the source at or after line `start.line` and no later than line `endLine`, preceded by
    /// `prefix` (a code span's backtick): cmark-gfm gives inlines a place, but after a line break inside a list item
    /// it can be off, so it is checked against the source and searched for when it does not match.
    public func locate(_ text: String, after prefix: String = "", from start: SourceLocation, endLine: Int) -> SourceLocation {
        let target = Array(text.unicodeScalars)
        guard !target.isEmpty else { return start }
        func matches(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
            index >= 0 && index + target.count <= scalars.count && Array(scalars[index..<(index + target.count)]) == target
        }
        if start.line >= 1, start.line <= lines.count, matches(Array(lines[start.line - 1].unicodeScalars), at: start.column - 1) {
            return start
        }
        let needle = Array((prefix + text).unicodeScalars)
        let first = max(1, start.line), last = min(max(endLine, first), lines.count)
        guard first <= last else { return start }
        for line in first...last {
            let scalars = Array(lines[line - 1].unicodeScalars)
            var i = 0
            while i + needle.count <= scalars.count {
                if Array(scalars[i..<(i + needle.count)]) == needle {
                    return SourceLocation(file: file, line: line, column: i + prefix.unicodeScalars.count + 1)
                }
                i += 1
            }
        }
        return start
    }
}

/// Parses Markdown with the system's cmark-gfm, giving every node its line and column in Unicode scalars.
public enum MarkdownParser {
    /// The limits on hostile input: the drill files' size limit and a nesting depth.
    public struct Limits: Sendable {
        /// Largest file, in bytes.
        public var maxBytes: Int
        /// Deepest nesting of blocks and inlines, the document at 1.
        public var maxDepth: Int

        /// Creates limits.
        public init(maxBytes: Int = YAMLLimits.standard.maxBytes, maxDepth: Int = 64) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
        }
    }

    /// The result of parsing: the document when it could be read, and every problem found.
    public struct Result: Sendable {
        /// The document, or nil when the file could not be read.
        public var document: MarkdownDocument?
        /// Problems: unreadable, too large, not UTF-8, control characters, nested too deeply.
        public var diagnostics: [Diagnostic]
    }

    /// Reads and parses the file at `path`; its size is checked before it is read whole.
    public static func parse(path: String, limits: Limits = Limits()) -> Result {
        let start = SourceLocation(file: path, line: 1, column: 1)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return Result(document: nil, diagnostics: [.error("this is a folder, not a Markdown file", at: start)])
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return Result(document: nil, diagnostics: [.error("cannot read the file; check that it exists and is readable", at: start)])
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limits.maxBytes + 1)) ?? Data()
        return parse(bytes: [UInt8](data), file: path, limits: limits)
    }

    /// Parses `bytes` as the content of `file`.
    public static func parse(bytes: [UInt8], file: String, limits: Limits = Limits()) -> Result {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if bytes.count > limits.maxBytes {
            return Result(document: nil, diagnostics: [.error("the file is larger than the limit of \(limits.maxBytes / (1024 * 1024)) MiB; split it", at: start)])
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            return Result(document: nil, diagnostics: [.error("the file is UTF-16; save it as UTF-8", at: start)])
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            return Result(document: nil, diagnostics: [.error("the file is not UTF-8 text; save it as UTF-8", at: firstInvalidByte(body, file: file))])
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var diagnostics: [Diagnostic] = []
        for (index, line) in lines.enumerated() {
            if let (column, scalar) = line.unicodeScalars.enumerated().first(where: { isForbiddenControl($0.element) }) {
                diagnostics.append(.error(String(format: "the text holds the control character U+%04X; remove it", scalar.value),
                                          at: SourceLocation(file: file, line: index + 1, column: column + 1)))
            }
        }
        guard diagnostics.isEmpty else { return Result(document: nil, diagnostics: diagnostics) }

        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else {
            return Result(document: nil, diagnostics: [.error("cannot start the Markdown parser", at: start)])
        }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough"] {
            if let extensionPointer = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, extensionPointer) }
        }
        Array(body).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let rootPointer = cmark_parser_finish(parser) else {
            return Result(document: nil, diagnostics: [.error("the Markdown parser gave no document", at: start)])
        }
        defer { cmark_node_free(rootPointer) }
        var converter = Converter(file: file, lines: lines, maxDepth: limits.maxDepth)
        let root = converter.convert(rootPointer, depth: 1)
        return Result(document: MarkdownDocument(root: root, file: file, lines: lines), diagnostics: converter.diagnostics)
    }

    /// C0 controls other than tab, line feed and carriage return; DEL; the C1 controls.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F || (0x80...0x9F).contains(v)
    }

    private static func firstInvalidByte(_ bytes: ArraySlice<UInt8>, file: String) -> SourceLocation {
        var line = 1, lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            if length == 0 || index + length > bytes.endIndex
                || String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil { break }
            if byte == 0x0A { line += 1; lineStart = index + 1 }
            index += length
        }
        let column = (String(validating: bytes[lineStart..<index], as: UTF8.self)?.unicodeScalars.count ?? 0) + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Copies cmark-gfm's tree into value types, converting byte columns to Unicode-scalar columns.
    private struct Converter {
        let file: String
        let lines: [Substring]
        let maxDepth: Int
        var diagnostics: [Diagnostic] = []
        var reportedDepth = false

        init(file: String, lines: [Substring], maxDepth: Int) {
            self.file = file
            self.lines = lines
            self.maxDepth = maxDepth
        }

        /// The scalar column of 1-based byte column `byteColumn` on 1-based line `line`.
        func column(line: Int, byteColumn: Int) -> Int {
            guard line >= 1, line <= lines.count, byteColumn > 1 else { return max(1, byteColumn) }
            let utf8 = lines[line - 1].utf8
            let end = utf8.index(utf8.startIndex, offsetBy: min(byteColumn - 1, utf8.count))
            return (String(lines[line - 1][..<end])).unicodeScalars.count + 1
        }

        mutating func convert(_ node: OpaquePointer, depth: Int) -> MarkdownNode {
            let line = Int(cmark_node_get_start_line(node))
            let location = SourceLocation(file: file, line: max(1, line), column: column(line: line, byteColumn: Int(cmark_node_get_start_column(node))))
            var result = MarkdownNode(kind: kind(of: node), literal: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
                                      location: location, endLine: max(line, Int(cmark_node_get_end_line(node))))
            guard depth < maxDepth else {
                if cmark_node_first_child(node) != nil, !reportedDepth {
                    reportedDepth = true
                    diagnostics.append(.error("the Markdown is nested more than \(maxDepth) levels deep", at: location))
                }
                return result
            }
            var child = cmark_node_first_child(node)
            while let current = child {
                result.children.append(convert(current, depth: depth + 1))
                child = cmark_node_next(current)
            }
            return result
        }

        func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_DOCUMENT: return .document
            case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
            case CMARK_NODE_PARAGRAPH: return .paragraph
            case CMARK_NODE_LIST: return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
            case CMARK_NODE_ITEM: return .item
            case CMARK_NODE_CODE_BLOCK: return .codeBlock(info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "")
            case CMARK_NODE_HTML_BLOCK: return .htmlBlock
            case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
            case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
            case CMARK_NODE_TEXT: return .text
            case CMARK_NODE_CODE: return .code
            case CMARK_NODE_SOFTBREAK: return .softBreak
            case CMARK_NODE_LINEBREAK: return .lineBreak
            case CMARK_NODE_HTML_INLINE: return .htmlInline
            case CMARK_NODE_EMPH: return .emphasis
            case CMARK_NODE_STRONG: return .strong
            case CMARK_NODE_LINK: return .link(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "")
            case CMARK_NODE_IMAGE: return .image(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "")
            default:
                let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? "unknown"
                switch name {
                case "table": return .table
                case "table_header": return .tableHeader
                case "table_row": return .tableRow
                case "table_cell": return .tableCell
                case "strikethrough": return .strikethrough
                default: return .other(name)
                }
            }
        }
    }
}
