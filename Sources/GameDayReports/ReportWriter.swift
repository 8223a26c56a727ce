import Foundation

/// Writes a report folder atomically: every file goes into a hidden folder beside the target, which is renamed
/// into place only when complete, so an interrupted write never leaves half a report.
public enum ReportWriter {
    /// Writes `files` as a new folder `name` in `parent`, adding `-2`, `-3`, ... when that name is taken, so an
    /// earlier run is never overwritten. Returns the folder written.
    public static func writeNew(_ files: [ReportFile], in parent: URL, named name: String) throws -> URL {
        try createDirectory(parent)
        let staged = try stage(files, beside: parent.appendingPathComponent(name))
        defer { try? FileManager.default.removeItem(at: staged) }
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

    /// Writes `files` as folder `folder`. An existing folder is replaced only when it is empty or holds an
    /// earlier gameday report (its report.json); anything else is refused, so `--out .` cannot wipe a project.
    public static func write(_ files: [ReportFile], to folder: URL) throws {
        let folder = folder.standardizedFileURL
        try createDirectory(folder.deletingLastPathComponent())
        let staged = try stage(files, beside: folder)
        defer { try? FileManager.default.removeItem(at: staged) }
        let fm = FileManager.default
        guard exists(folder) else {
            try fm.moveItem(at: staged, to: folder)
            return
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
        let fm = FileManager.default
        try fm.createDirectory(at: staged, withIntermediateDirectories: false)
        do {
            for file in files {
                guard FileName.isContained(file.path) else {
                    throw ReportError("refusing to write '\(file.path)': it is not a plain path inside the report folder")
                }
                let url = staged.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
        } catch {
            try? fm.removeItem(at: staged)
            throw error
        }
        return staged
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
