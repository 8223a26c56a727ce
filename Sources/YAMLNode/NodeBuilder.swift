internal import CLibYAML

/// Turns libyaml's events into a flat `NodeTree`, enforcing depth, node count, tags and unique keys as it goes.
///
/// A node's record is appended when it is complete (a scalar at once, a collection at its end event). While a
/// collection is open, the indices of its finished children wait on `pending`, above those of the collections
/// around it; at its end they move to the tree's `children` in one append. Every step is constant time per event
/// (duplicate keys: a scan of a few keys, or a set past `scanLimit`), so loading is linear in the size of the file.
struct NodeBuilder {
    /// A collection being built. Only the top frame changes, in place.
    private struct Frame {
        var isMapping: Bool
        /// Where its children's indices start in `pending`.
        var start: Int
        var line: Int32
        var column: Int32
        var anchor: String?
        /// Its nodes after alias expansion, itself included.
        var count = 1
        /// The line of each key, once the mapping has more than `scanLimit` of them.
        var seen: [NameKey: Int]?
    }

    /// The prefix of the standard tags (`!!str` is `tag:yaml.org,2002:str`).
    private static let standardTagPrefix = "tag:yaml.org,2002:"

    /// Mappings with fewer keys than this look for duplicates by scanning their keys; larger ones keep a set.
    private static let scanLimit = 8

    let file: String
    let bytes: [UInt8]
    let limits: YAMLLimits
    private(set) var root: Node?
    private(set) var diagnostics: [Diagnostic] = []
    private var store = NodeStore()
    private var pending: [Int32] = []
    private var stack: [Frame] = []
    private var anchors: [String: (index: Int32, count: Int)] = [:]
    private var rootIndex: Int32?
    private var totalNodes = 0
    private var documents = 0

    /// Bytes of a drill per node, about (the library's files have one node in 15 to 26 bytes): a document's arrays
    /// are reserved for its size divided by this, and grow past it only for a denser file.
    private static let bytesPerNode = 12

    init(file: String, bytes: [UInt8], limits: YAMLLimits) {
        self.file = file
        self.bytes = bytes
        self.limits = limits
        store = NodeStore(reserving: min(bytes.count / Self.bytesPerNode, limits.maxNodes))
    }

    private func location(line: Int32, column: Int32) -> SourceLocation {
        SourceLocation(file: file, line: Int(line), column: Int(column))
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    mutating func run() {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            diagnostics.append(.error("cannot start the YAML parser (out of memory)", at: SourceLocation(file: file, line: 1, column: 1)))
            return
        }
        defer { yaml_parser_delete(parser) }
        let input = bytes
        let finished = input.withUnsafeBufferPointer { buffer -> Bool in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else {
                    reportParserError(parser.pointee)
                    return false
                }
                let keepGoing = handle(event)
                let ended = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if !keepGoing { return false }
                if ended { return true }
            }
        }
        if finished, let rootIndex {
            root = Node(tree: store.tree(file: file, source: SourceText(bytes)), index: rootIndex)
        }
        if diagnostics.isEmpty, documents == 0 || root == nil {
            diagnostics.append(.error("the file is empty; it must hold one YAML mapping", at: SourceLocation(file: file, line: 1, column: 1)))
        }
    }

    private mutating func reportParserError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        var message = "invalid YAML: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(Int(parser.context_mark.line) + 1))"
        }
        var place = parser.problem == nil ? SourceLocation(file: file, line: 1, column: 1) : location(parser.problem_mark)
        if parser.error == YAML_READER_ERROR {
            place = SourceLines.location(ofByte: Int(parser.problem_offset), in: bytes, file: file)
            if parser.problem_value >= 0 {
                let hex = String(Int(parser.problem_value), radix: 16, uppercase: true)
                message += " (character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
            }
        }
        diagnostics.append(.error(message, at: place))
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    /// Returns false when loading must stop.
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        let line = Int32(clamping: Int(event.start_mark.line) + 1), column = Int32(clamping: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                diagnostics.append(.error("a file holds exactly one YAML document; remove this second one", at: location(line: line, column: column)))
                return false
            }
            return true
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(data.length)), as: UTF8.self) } ?? ""
            let style: Node.ScalarStyle
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let tag = data.tag == nil ? nil : checkTag(data.tag, line: line, column: column)
            var raw: Range<Int32>?
            if event.start_mark.line == event.end_mark.line, style != .literal, style != .folded {
                let from = Int(event.start_mark.index), to = Int(event.end_mark.index)
                if from >= 0, from <= to { raw = Int32(clamping: from)..<Int32(clamping: to) }
            }
            guard countNodes(1, line: line, column: column) else { return false }
            let index = store.addScalar(text, style: style, tag: tag, line: line, column: column, raw: raw)
            return complete(index, count: 1, anchor: data.anchor == nil ? nil : string(data.anchor))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            if stack.count + 1 > limits.maxDepth {
                diagnostics.append(.error("the file nests deeper than the limit of \(limits.maxDepth) levels", at: location(line: line, column: column)))
                return false
            }
            guard countNodes(1, line: line, column: column) else { return false }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let tag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            if tag != nil { _ = checkTag(tag, line: line, column: column) }
            stack.append(Frame(isMapping: isMapping, start: pending.count, line: line, column: column,
                               anchor: anchor == nil ? nil : string(anchor)))
            return true
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return true }
            let index = store.addCollection(mapping: frame.isMapping, items: pending[frame.start...], line: frame.line, column: frame.column)
            pending.removeSubrange(frame.start...)
            return complete(index, count: frame.count, anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                diagnostics.append(.error("unknown alias '*\(name)'; define the anchor '&\(name)' before using it", at: location(line: line, column: column)))
                return false
            }
            guard countNodes(anchored.count, line: line, column: column) else { return false }
            return complete(anchored.index, count: anchored.count, anchor: nil)
        default:
            return true
        }
    }

    private mutating func countNodes(_ count: Int, line: Int32, column: Int32) -> Bool {
        totalNodes += count
        if totalNodes > limits.maxNodes {
            diagnostics.append(.error("the file has more than \(limits.maxNodes) nodes after alias expansion", at: location(line: line, column: column)))
            return false
        }
        return true
    }

    private mutating func checkTag(_ pointer: UnsafeMutablePointer<yaml_char_t>?, line: Int32, column: Int32) -> NodeTree.Tag? {
        guard let tag = string(pointer) else { return nil }
        let short = tag.hasPrefix(Self.standardTagPrefix) ? String(tag.dropFirst(Self.standardTagPrefix.count)) : nil
        if let short, let standard = NodeTree.Tag(rawValue: short) { return standard }
        let shown = short.map { "!!" + $0 } ?? tag
        diagnostics.append(.error("tag '\(shown)' is not allowed; only !!str, !!int, !!bool, !!map, !!seq and !!null are",
                                  at: location(line: line, column: column)))
        return nil
    }

    /// The text of node `index` of `store` when it is a scalar. (Static, as is `scanForKey`: called as methods
    /// from a mutating one, they made a copy of the whole builder each time.)
    private static func keyText(_ index: Int32, in store: borrowing NodeStore) -> String? {
        let record = store.records[Int(index)]
        return record.kind == .scalar ? store.texts[Int(record.first)] : nil
    }

    /// The line of the key named `text` among the `pending` keys from `start` on, if any (the last pending index is
    /// the new key itself, and not looked at).
    private static func scanForKey(_ text: String, from start: Int, in pending: borrowing [Int32], of store: borrowing NodeStore) -> Int? {
        var i = start
        while i < pending.count - 1 {
            let earlier = pending[i]
            if let t = keyText(earlier, in: store), NameOrder.same(t, text) { return Int(store.records[Int(earlier)].line) }
            i += 2
        }
        return nil
    }

    /// Adds finished node `index` (`count` nodes after expansion) to the collection being built, or makes it the root.
    private mutating func complete(_ index: Int32, count: Int, anchor: String?) -> Bool {
        if let anchor { anchors[anchor] = (index, count) }
        guard let top = stack.indices.last else {
            rootIndex = index
            return true
        }
        stack[top].count += count
        guard stack[top].isMapping, (pending.count - stack[top].start) % 2 == 1 else {
            pending.append(index)
            return true
        }
        // `index` is a value; its key is the last pending index.
        let key = pending[pending.count - 1]
        if let text = Self.keyText(key, in: store) {
            let keyRecord = store.records[Int(key)]
            let first = stack[top].seen != nil ? stack[top].seen![NameKey(text)] : Self.scanForKey(text, from: stack[top].start, in: pending, of: store)
            if let first {
                diagnostics.append(.error("duplicate key '\(text)' (first written at line \(first)); remove one of them",
                                          at: location(line: keyRecord.line, column: keyRecord.column)))
                pending.removeLast()
                return true
            }
            let keys = (pending.count - stack[top].start) / 2
            if stack[top].seen != nil || keys >= Self.scanLimit {
                if stack[top].seen == nil {
                    // Past a few keys, a set finds duplicates in constant time.
                    var seen: [NameKey: Int] = [:]
                    var i = stack[top].start
                    while i < pending.count - 1 {
                        if let t = Self.keyText(pending[i], in: store) { seen[NameKey(t)] = Int(store.records[Int(pending[i])].line) }
                        i += 2
                    }
                    stack[top].seen = seen
                }
                stack[top].seen![NameKey(text)] = Int(keyRecord.line)
            }
        }
        pending.append(index)
        return true
    }
}
