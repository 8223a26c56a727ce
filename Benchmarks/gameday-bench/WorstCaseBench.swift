import Foundation
import GameDayEngine
import WorstCases

/// Writes every worst case into `folder/NAME/`, for timing a whole `gameday validate` on them.
func writeWorstCases(to folder: String) throws {
    for worst in WorstCases.all() {
        let base = (folder as NSString).appendingPathComponent(worst.name)
        for file in worst.files {
            let path = (base as NSString).appendingPathComponent(file.path)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
        }
        print("\(worst.name)\t\((base as NSString).appendingPathComponent(worst.target))")
    }
}

/// Validates each worst case in a temporary folder and prints the time it took and what came out.
func benchmarkWorstCases(only: String? = nil) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gameday-bench-\(ProcessInfo.processInfo.processIdentifier)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    print("== Worst cases (validate, in process) ==")
    for worst in WorstCases.all() where only == nil || worst.name == only {
        let base = (folder as NSString).appendingPathComponent(worst.name)
        for file in worst.files {
            let path = (base as NSString).appendingPathComponent(file.path)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
        }
        let target = (base as NSString).appendingPathComponent(worst.target)
        var found: [Diagnostic] = []
        let elapsed = seconds { found = Validator(loader: DrillLoader()).validate(file: target).1 }
        let errors = found.filter { $0.severity == .error }.count
        let verdict = errors == 0 ? "accepted" : "refused (\(errors) error\(errors == 1 ? "" : "s"))"
        let name = worst.name.padding(toLength: 26, withPad: " ", startingAt: 0)
        let shown = verdict.padding(toLength: 24, withPad: " ", startingAt: 0)
        print(String(format: "%@ %8.3f s  %8d B  %@ %@", name, elapsed, worst.targetSize, shown, worst.summary))
    }
}
