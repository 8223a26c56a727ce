#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the journal could not be written or read.
public struct JournalError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with the path and the system's reason.
    public var description: String

    init(_ what: String, path: String, errno code: Int32) {
        description = "\(what) \(path): \(String(cString: strerror(code)))"
    }

    /// An error that says `text`.
    public init(_ text: String) { description = text }
}

/// The journal on disk: created with its heading in one step, appended one record at a time, flushed to the disk each time.
///
/// Every append is one `write` of whole lines followed by `fsync`, so after a crash the file holds every record
/// the session finished writing, and at worst a torn last line (see `JournalDocument.dropTornLine`). A rewrite
/// goes to a temporary file beside the journal, flushed, then renamed over it, and the folder is flushed too.
public final class JournalFile {
    /// The journal's path.
    public let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    /// Creates the journal at `path` holding `text` (atomically, by a hard link, where the file system allows); fails when a file is already there.
    public static func create(path: String, text: String) throws(JournalError) -> JournalFile {
        let temp = try writeTemporary(beside: path, text: text)
        if link(temp, path) != 0 {
            let code = errno
            unlink(temp)
            if code == EEXIST { throw JournalError("\(path) exists: continue it with --resume \(path), or choose another --journal") }
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP else {
                throw JournalError("cannot create the journal", path: path, errno: code)
            }
            // A file system without hard links: create the file exclusively and write the heading into it.
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                if errno == EEXIST { throw JournalError("\(path) exists: continue it with --resume \(path), or choose another --journal") }
                throw JournalError("cannot create the journal", path: path, errno: errno)
            }
            let file = JournalFile(path: path, fd: fd)
            try file.append(text)
            syncFolder(of: path)
            return try openForAppend(path: path)
        }
        unlink(temp)
        syncFolder(of: path)
        return try openForAppend(path: path)
    }

    /// Opens an existing journal to append to it.
    public static func openForAppend(path: String) throws(JournalError) -> JournalFile {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw JournalError("cannot open the journal", path: path, errno: errno) }
        return JournalFile(path: path, fd: fd)
    }

    /// Appends `text` (whole lines) and flushes it to the disk.
    public func append(_ text: String) throws(JournalError) {
        try Self.writeAll(fd, Array(text.utf8), path: path)
        guard fsync(fd) == 0 else { throw JournalError("cannot flush the journal", path: path, errno: errno) }
    }

    /// Replaces the journal's content with `text`, atomically.
    public func rewrite(_ text: String) throws(JournalError) {
        try Self.replace(path: path, text: text)
        let newFD = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard newFD >= 0 else { throw JournalError("cannot reopen the journal", path: path, errno: errno) }
        close(fd)
        fd = newFD
    }

    /// Replaces the file at `path` with `text`, atomically (a temporary file renamed over it).
    public static func replace(path: String, text: String) throws(JournalError) {
        let temp = try writeTemporary(beside: path, text: text)
        guard rename(temp, path) == 0 else {
            let code = errno
            unlink(temp)
            throw JournalError("cannot replace the journal", path: path, errno: code)
        }
        syncFolder(of: path)
    }

    /// The bytes of the file at `path`.
    public static func read(path: String) throws(JournalError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw JournalError("cannot read the journal", path: path, errno: errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalError("cannot read the journal", path: path, errno: errno)
            }
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }

    /// Makes the journal at `path` whole again after a crash: a torn last line is dropped, atomically; returns its bytes.
    public static func recover(path: String) throws(JournalError) -> (kept: [UInt8], dropped: [UInt8]) {
        let bytes = try read(path: path)
        let (kept, dropped) = JournalDocument.dropTornLine(bytes)
        if !dropped.isEmpty { try replace(path: path, text: String(decoding: kept, as: UTF8.self)) }
        return (kept, dropped)
    }

    private static func writeTemporary(beside path: String, text: String) throws(JournalError) -> String {
        let temp = "\(path).tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw JournalError("cannot write", path: temp, errno: errno) }
        do {
            try writeAll(fd, Array(text.utf8), path: temp)
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        let synced = fsync(fd) == 0
        let code = errno
        close(fd)
        guard synced else {
            unlink(temp)
            throw JournalError("cannot flush", path: temp, errno: code)
        }
        return temp
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(JournalError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalError("cannot write", path: path, errno: errno)
            }
            offset += n
        }
    }

    private static func syncFolder(of path: String) {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

// `read` and `write` are shadowed by the static methods above; these name the system calls.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
