import Foundation
import GameDayEngine
import GameDayStore

/// The repository, its drills, temporary databases and the built binary, for the store's tests.
enum Support {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// This target's fixtures.
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    /// A fixed run date: the store never reads the clock, and neither do the tests.
    static let runDate = Date(timeIntervalSince1970: 1_796_000_000)

    /// A path for a new database in a new temporary folder.
    static func temporaryDatabase(_ name: String = "history.sqlite") -> String {
        let folder = Scratch.root + "gameday-store-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/" + name
    }

    /// A new, empty SQLite store.
    static func store() throws -> HistoryStore { try HistoryStore(path: temporaryDatabase()) }

    /// A loaded drill of the library and its findings.
    static func drill(_ id: String) throws -> Drill {
        let result = DrillLoader().loadDrill(path: root.appendingPathComponent("drills/\(id).yaml").path)
        guard let drill = result.value else { throw Failure(result.diagnostics.map(\.description).joined(separator: "\n")) }
        return drill
    }

    /// The report of `drill` against its `log` (`slow`, `exemplary`), with the log's team replaced when `team` is given
    /// and its start when `started` is; `dropping` removes the actions whose command starts with one of these words.
    static func report(_ drillID: String, _ log: String, team: String?? = .none, started: String?? = .none,
                       dropping: [String] = []) throws -> RunReport {
        let drill = try drill(drillID)
        let path = root.appendingPathComponent("drills/responses/\(drillID).\(log).yaml").path
        let result = DrillLoader().loadResponseLog(path: path, drill: drill)
        guard var loaded = result.value else { throw Failure(result.diagnostics.map(\.description).joined(separator: "\n")) }
        if case .some(let replacement) = team { loaded.team = replacement }
        if case .some(let replacement) = started { loaded.started = replacement }
        loaded.actions.removeAll { action in dropping.contains { action.line.hasPrefix($0) } }
        return Replay(CompiledDrill(drill), log: loaded).run(runDate: runDate)
    }

    /// The stories the team filed in `report` of the library drill `drillID`.
    static func teamStories(_ drillID: String, _ report: RunReport) throws -> [TeamStory] {
        TeamStory.filed(in: report, drill: try drill(drillID), runDate: runDate)
    }

    /// The signing-key drill's reports, used by most tests.
    static func slow() throws -> RunReport { try report("signing-key-compromised", "slow") }
    /// The signing-key drill's exemplary report: one gap (a detection).
    static func exemplary() throws -> RunReport { try report("signing-key-compromised", "exemplary") }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: Processes

    /// The `gameday` binary beside the test bundle.
    static var binary: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while !dir.path.hasSuffix("debug") && !dir.path.hasSuffix("release") && dir.path != "/" { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("gameday").path
    }

    /// A started `gameday` process with `arguments`, run from the repository, its output discarded or captured in files.
    static func start(_ arguments: [String], output: URL? = nil, environment extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["GAMEDAY_HOME"] = Scratch.root + "gameday-store-test-home"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        if let output {
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }
}

/// SplitMix64: a small seeded generator, so that a failing run can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
