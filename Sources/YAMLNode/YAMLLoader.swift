internal import CLibYAML
#if canImport(Glibc)
import Glibc
#endif

/// Loads one YAML document into a `Node` tree, refusing hostile input while the parser's events are read.
public enum YAMLLoader {
    /// The result of loading: the root node when the document could be built, and every problem found.
    public struct Result: Sendable {
        /// The document's root, or nil when the file could not be parsed.
        public var root: Node?
        /// Syntax errors, limit refusals, duplicate keys and forbidden tags.
        public var diagnostics: [Diagnostic]
    }

    /// Reads and loads the file at `path`; no more than the size limit (and one byte) is ever read.
    public static func load(path: String, limits: YAMLLimits = .standard) -> Result {
        let start = SourceLocation(file: path, line: 1, column: 1)
        switch read(path: path, atMost: limits.maxBytes + 1) {
        case .success(let bytes): return load(bytes: bytes, file: path, limits: limits)
        case .failure(let problem): return Result(root: nil, diagnostics: [.error(problem.message, at: start)])
        }
    }

    /// Why a file could not be read.
    struct ReadProblem: Error {
        var message: String
    }

    /// The first `limit` bytes of the file at `path` (POSIX reads: this module needs nothing of Foundation).
    static func read(path: String, atMost limit: Int) -> Swift.Result<[UInt8], ReadProblem> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return .failure(ReadProblem(message: "cannot read the file; check that it exists and is readable"))
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(ReadProblem(message: "cannot read the file: \(String(cString: strerror(errno)))"))
            }
            if got == 0 { break }
            bytes += chunk[0..<got]
        }
        return .success(bytes)
    }

    /// Loads `bytes` as the content of `file`.
    public static func load(bytes: [UInt8], file: String, limits: YAMLLimits = .standard) -> Result {
        if bytes.count > limits.maxBytes {
            let limit = limits.maxBytes >= 1024 * 1024 && limits.maxBytes % (1024 * 1024) == 0
                ? "\(limits.maxBytes / (1024 * 1024)) MiB" : "\(limits.maxBytes) bytes"
            return Result(root: nil, diagnostics: [.error(
                "the file is larger than the limit of \(limit); split it into smaller files",
                at: SourceLocation(file: file, line: 1, column: 1))])
        }
        if let encoding = SourceLines.foreignEncoding(bytes) {
            return Result(root: nil, diagnostics: [.error(
                "the file is encoded in \(encoding); save it as UTF-8, the only encoding drills, scenarios and logs may use",
                at: SourceLocation(file: file, line: 1, column: 1))])
        }
        var builder = NodeBuilder(file: file, bytes: bytes, limits: limits)
        builder.run()
        return Result(root: builder.root, diagnostics: builder.diagnostics)
    }

    /// Parses `bytes` with libyaml alone and returns the number of events, for benchmarks.
    public static func countEvents(bytes: [UInt8]) -> Int {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return -1 }
        defer { yaml_parser_delete(parser) }
        var count = 0
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(parser, &event) == 1 {
                count += 1
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { break }
            }
        }
        return count
    }
}

/// Turns libyaml's events into nodes, enforcing depth, node count, tags and unique keys as it goes.
struct NodeBuilder {
    /// A collection being built. The stack's top frame is changed in place (never popped, changed and pushed back),
    /// so that appending to it does not copy its items: loading stays linear in the size of the file.
    private struct Frame {
        var isMapping: Bool
        var items: [Node] = []
        var entries: [(key: Node, value: Node)] = []
        var pendingKey: Node?
        var seen: [NameKey: Int] = [:]
        var location: SourceLocation
        var anchor: String?
        var count = 1
    }

    private static let standardTags: [String: String] = [
        "tag:yaml.org,2002:str": "str", "tag:yaml.org,2002:int": "int", "tag:yaml.org,2002:bool": "bool",
        "tag:yaml.org,2002:map": "map", "tag:yaml.org,2002:seq": "seq", "tag:yaml.org,2002:null": "null",
    ]

    let file: String
    let bytes: [UInt8]
    let limits: YAMLLimits
    private(set) var root: Node?
    private(set) var diagnostics: [Diagnostic] = []
    private var stack: [Frame] = []
    private var anchors: [String: (node: Node, count: Int)] = [:]
    private var totalNodes = 0
    private var documents = 0
    private lazy var source = SourceText(bytes)

    init(file: String, bytes: [UInt8], limits: YAMLLimits) {
        self.file = file
        self.bytes = bytes
        self.limits = limits
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
        input.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else {
                    reportParserError(parser.pointee)
                    root = nil
                    return
                }
                let keepGoing = handle(event)
                let ended = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if !keepGoing { root = nil; return }
                if ended { break }
            }
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
            place = locationOfByte(Int(parser.problem_offset))
            if parser.problem_value >= 0 {
                let hex = String(Int(parser.problem_value), radix: 16, uppercase: true)
                message += " (character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
            }
        }
        diagnostics.append(.error(message, at: place))
    }

    /// The line and column of byte `offset`, counting as libyaml's marks do.
    private func locationOfByte(_ offset: Int) -> SourceLocation {
        SourceLines.location(ofByte: offset, in: bytes, file: file)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }

    /// Returns false when loading must stop.
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        let start = location(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                diagnostics.append(.error("a file holds exactly one YAML document; remove this second one", at: start))
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
            let tag = checkTag(string(data.tag), at: start)
            var scalar = Node.Scalar(text: text, style: style, tag: tag)
            if event.start_mark.line == event.end_mark.line, style != .literal, style != .folded {
                let from = Int(event.start_mark.index), to = Int(event.end_mark.index)
                if from >= 0, from <= to {
                    scalar.source = source
                    scalar.range = from..<to
                }
            }
            let node = Node(.scalar(scalar), at: start)
            return complete(node, count: 1, anchor: string(data.anchor))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            if stack.count + 1 > limits.maxDepth {
                diagnostics.append(.error("the file nests deeper than the limit of \(limits.maxDepth) levels", at: start))
                return false
            }
            guard countNodes(1, at: start) else { return false }
            // Room for a few items from the start: most collections of a drill are small, and growing an array one
            // doubling at a time from nothing was several allocations for each of them.
            if event.type == YAML_SEQUENCE_START_EVENT {
                _ = checkTag(string(event.data.sequence_start.tag), at: start)
                var frame = Frame(isMapping: false, location: start, anchor: string(event.data.sequence_start.anchor))
                frame.items.reserveCapacity(Self.initialCapacity)
                stack.append(frame)
            } else {
                _ = checkTag(string(event.data.mapping_start.tag), at: start)
                var frame = Frame(isMapping: true, location: start, anchor: string(event.data.mapping_start.anchor))
                frame.entries.reserveCapacity(Self.initialCapacity)
                stack.append(frame)
            }
            return true
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return true }
            let node = Node(frame.isMapping ? .mapping(frame.entries) : .sequence(frame.items), at: frame.location)
            return complete(node, count: frame.count, anchor: frame.anchor, counted: true)
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                diagnostics.append(.error("unknown alias '*\(name)'; define the anchor '&\(name)' before using it", at: start))
                return false
            }
            guard countNodes(anchored.count, at: start) else { return false }
            return complete(anchored.node, count: anchored.count, anchor: nil, counted: true)
        default:
            return true
        }
    }

    private mutating func countNodes(_ count: Int, at place: SourceLocation) -> Bool {
        totalNodes += count
        if totalNodes > limits.maxNodes {
            diagnostics.append(.error("the file has more than \(limits.maxNodes) nodes after alias expansion", at: place))
            return false
        }
        return true
    }

    private mutating func checkTag(_ tag: String?, at place: SourceLocation) -> String? {
        guard let tag else { return nil }
        if let short = Self.standardTags[tag] { return short }
        let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
        diagnostics.append(.error("tag '\(shown)' is not allowed; only !!str, !!int, !!bool, !!map, !!seq and !!null are", at: place))
        return nil
    }

    /// The items or entries a new collection has room for before its array grows.
    private static let initialCapacity = 4

    /// Mappings with fewer keys than this look for duplicates by scanning their keys; larger ones keep a set.
    private static let scanLimit = 8

    /// The line of the key `text` already in `frame`, if any.
    private func firstLine(of text: String, in frame: Frame) -> Int? {
        if !frame.seen.isEmpty { return frame.seen[NameKey(text)] }
        for (earlier, _) in frame.entries {
            if let t = earlier.text, earlier.scalar != nil, NameOrder.same(t, text) { return earlier.location.line }
        }
        return nil
    }

    private mutating func complete(_ node: Node, count: Int, anchor: String?, counted: Bool = false) -> Bool {
        if !counted {
            guard countNodes(count, at: node.location) else { return false }
        }
        if let anchor { anchors[anchor] = (node, count) }
        guard !stack.isEmpty else {
            root = node
            return true
        }
        let top = stack.count - 1
        stack[top].count += count
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return true
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = node
            return true
        }
        stack[top].pendingKey = nil
        if let text = key.text, key.scalar != nil {
            if let first = firstLine(of: text, in: stack[top]) {
                diagnostics.append(.error("duplicate key '\(text)' (first written at line \(first)); remove one of them", at: key.location))
                return true
            }
            if !stack[top].seen.isEmpty || stack[top].entries.count >= Self.scanLimit {
                if stack[top].seen.isEmpty {
                    // Past a few keys, a set finds duplicates in constant time.
                    for (earlier, _) in stack[top].entries { if let t = earlier.text, earlier.scalar != nil { stack[top].seen[NameKey(t), default: earlier.location.line] = earlier.location.line } }
                }
                stack[top].seen[NameKey(text)] = key.location.line
            }
        }
        stack[top].entries.append((key, node))
        return true
    }
}
