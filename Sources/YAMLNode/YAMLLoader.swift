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
        // One buffer of the file's size (and a byte, to see the end), filled without being cleared first; grown
        // only if the file grows while it is read.
        var status = stat()
        let size = fstat(fd, &status) == 0 ? max(0, Int(status.st_size)) : 0
        var capacity = min(limit, size + 1)
        var bytes: [UInt8] = []
        var failure: Int32 = 0
        while bytes.count < limit {
            var ended = false
            let part = [UInt8](unsafeUninitializedCapacity: capacity - bytes.count) { buffer, filled in
                filled = 0
                while filled < buffer.count {
                    let got = Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                    if got < 0, errno == EINTR { continue }
                    if got < 0 { failure = errno; break }
                    if got == 0 { ended = true; break }
                    filled += got
                }
            }
            if failure != 0 {
                return .failure(ReadProblem(message: "cannot read the file: \(String(cString: strerror(failure)))"))
            }
            if bytes.isEmpty { bytes = part } else { bytes += part }
            if ended { break }
            capacity = min(limit, max(capacity * 2, 65_536))
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
