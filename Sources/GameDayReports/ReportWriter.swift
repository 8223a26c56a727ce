import Foundation

/// Writes a report folder atomically: every file goes into a hidden folder beside the target, which is renamed
/// into place only when complete, so an interrupted write never leaves half a report.
public enum ReportWriter {
    /// Where a report folder goes.
    public enum Destination: Sendable, Hashable {
        /// Exactly this folder, replacing it only when it is empty or holds an earlier gameday report (`--out DIR`).
        case folder(URL)
        /// A new folder `name` in `parent`, with `-2`, `-3`, ... when that name is taken.
        case new(in: URL, named: String)
    }

    /// A report folder being written: its files are in a hidden folder beside the destination, and only
    /// `commit` puts that folder in place. `gameday run` stages the reports, records the run, then commits them:
    /// so a run is recorded only when its reports could be written, and its reports are there only when it was recorded.
    public struct Staged: Sendable {
        /// Where it will go.
        public let destination: Destination
        /// The hidden folder.
        public let folder: URL

        /// Checks `destination` (an existing folder that is not an earlier report is refused) and writes `files`
        /// into a new hidden folder beside it.
        public init(_ files: [ReportFile], to destination: Destination) throws {
            let target: URL
            switch destination {
            case .folder(let url):
                target = url.standardizedFileURL
                if ReportWriter.exists(target), !ReportWriter.isReplaceable(target) {
                    throw ReportError("\(target.path) exists and is not an earlier gameday report folder: refusing to replace it")
                }
            case .new(let parent, let name):
                target = parent.appendingPathComponent(name)
            }
            try ReportWriter.createDirectory(target.deletingLastPathComponent())
            self.destination = destination
            folder = try ReportWriter.stage(files, beside: target)
        }

        /// Replaces the staged files with `files` (the same report, now with what the history made of the run).
        public func rewrite(_ files: [ReportFile]) throws {
            let fm = FileManager.default
            for entry in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
                try fm.removeItem(at: folder.appendingPathComponent(entry))
            }
            try ReportWriter.writeFiles(files, into: folder)
        }

        /// Puts the staged folder in place and returns where it went.
        public func commit() throws -> URL {
            switch destination {
            case .folder(let url): return try ReportWriter.commit(folder, to: url.standardizedFileURL)
            case .new(let parent, let name): return try ReportWriter.commitNew(folder, in: parent, named: name)
            }
        }

        /// Removes the staged folder: nothing is written.
        public func discard() {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Writes `files` as a new folder `name` in `parent`, adding `-2`, `-3`, ... when that name is taken, so an
    /// earlier run is never overwritten. Returns the folder written.
    public static func writeNew(_ files: [ReportFile], in parent: URL, named name: String) throws -> URL {
        let staged = try Staged(files, to: .new(in: parent, named: name))
        defer { staged.discard() }
        return try staged.commit()
    }

    /// Writes `files` as folder `folder`. An existing folder is replaced only when it is empty or holds an
    /// earlier gameday report (its report.json); anything else is refused, so `--out .` cannot wipe a project.
    public static func write(_ files: [ReportFile], to folder: URL) throws {
        let staged = try Staged(files, to: .folder(folder))
        defer { staged.discard() }
        _ = try staged.commit()
    }

    private static func commitNew(_ staged: URL, in parent: URL, named name: String) throws -> URL {
        var attempt = 1
        while attempt < 10_000 {
            let target = parent.appendingPathComponent(attempt == 1 ? name : "\(name)-\(attempt)")
            attempt += 1
            if exists(target) { continue }
            do {
                try FileManager.default.moveItem(at: staged, to: target)
                return target
            } catch where exists(target) {
                continue  // another run took the name meanwhile
            }
        }
        throw ReportError("\(parent.path): too many report folders named \(name)")
    }

    private static func commit(_ staged: URL, to folder: URL) throws -> URL {
        let fm = FileManager.default
        guard exists(folder) else {
            try fm.moveItem(at: staged, to: folder)
            return folder
        }
        guard isReplaceable(folder) else {
            throw ReportError("\(folder.path) exists and is not an earlier gameday report folder: refusing to replace it")
        }
        let old = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).old-\(UUID().uuidString)")
        try fm.moveItem(at: folder, to: old)
        do {
            try fm.moveItem(at: staged, to: folder)
        } catch {
            try? fm.moveItem(at: old, to: folder)
            throw error
        }
        try? fm.removeItem(at: old)
        return folder
    }

    /// Whether `folder` may be replaced: empty, or a report folder (`report.json` of format gameday.report/v1, or
    /// `whatif.json` of format gameday.whatif/v1).
    static func isReplaceable(_ folder: URL) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return false }
        if entries.isEmpty { return true }
        for (file, format) in [("report.json", "gameday.report/v1"), ("whatif.json", "gameday.whatif/v1")] {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
                  let text = String(data: data.prefix(200), encoding: .utf8) else { continue }
            if text.contains("\"format\": \"\(format)\"") { return true }
        }
        return false
    }

    /// Writes `files` into a new hidden folder beside `target` and returns it.
    private static func stage(_ files: [ReportFile], beside target: URL) throws -> URL {
        let staged = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: false)
        } catch {
            throw ReportError("\(target.deletingLastPathComponent().path): cannot write there: \(error.localizedDescription)")
        }
        do {
            try writeFiles(files, into: staged)
        } catch {
            try? FileManager.default.removeItem(at: staged)
            throw error
        }
        return staged
    }

    private static func writeFiles(_ files: [ReportFile], into folder: URL) throws {
        let fm = FileManager.default
        for file in files {
            guard FileName.isContained(file.path) else {
                throw ReportError("refusing to write '\(file.path)': it is not a plain path inside the report folder")
            }
            let url = folder.appendingPathComponent(file.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
    }

    private static func createDirectory(_ url: URL) throws {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw ReportError("\(url.path): cannot create the folder: \(error.localizedDescription)")
        }
    }

    private static func exists(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)) != nil
    }
}
