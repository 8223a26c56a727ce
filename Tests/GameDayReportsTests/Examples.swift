import Foundation
import GameDayEngine
import Testing
@testable import GameDayReports

/// Paths of the project and its fixtures, and the worked examples run into records.
enum Examples {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    /// The spec's worked examples, as copied into the engine's fixtures.
    static let examples = projectRoot.appendingPathComponent("Tests/GameDayEngineTests/Fixtures/examples")
    /// The spec's worked example of the drill language v1.1 (exposures, actors), as copied into the engine's fixtures.
    static let examplesV11 = projectRoot.appendingPathComponent("Tests/GameDayEngineTests/Fixtures/examples-v1.1")
    /// The worked examples by log name.
    static let names = ["signing-key-compromised.good", "signing-key-compromised.slow", "poisoned-package.prompt", "poisoned-package.hasty"]
    /// A fixed run date: 2026-12-01.
    static let runDate = Timestamp.parse("2026-12-01T00:00:00Z")!
    /// Whether golden files are re-recorded (GAMEDAY_RECORD=1).
    static let record = ProcessInfo.processInfo.environment["GAMEDAY_RECORD"] == "1"

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Loads `drillPath` and `logPath` and replays the log.
    static func run(drill drillPath: URL, log logPath: URL?, runDate: Date = runDate) throws -> RunRecord {
        let loader = DrillLoader()
        let drillResult = loader.loadDrill(path: drillPath.path)
        guard let drill = drillResult.value else {
            throw Failure(description: drillResult.diagnostics.map(\.description).joined(separator: "\n"))
        }
        guard let logPath else { return RunRecord.replay(drill, log: ResponseLog(drillID: drill.id), runDate: runDate) }
        let logResult = loader.loadResponseLog(path: logPath.path, drill: drill)
        guard let log = logResult.value else {
            throw Failure(description: logResult.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return RunRecord.replay(drill, log: log, runDate: runDate)
    }

    /// The worked example `name` (`signing-key-compromised.good`, `poisoned-package.hasty`).
    static func example(_ name: String) throws -> RunRecord {
        let drill = String(name.prefix { $0 != "." })
        let folder = drill == "poisoned-package" ? examplesV11 : examples
        return try run(drill: folder.appendingPathComponent("drills/\(drill).yaml"), log: folder.appendingPathComponent("responses/\(name).yaml"))
    }

    /// Every file of the report for `record`, with the default templates.
    static func files(_ record: RunRecord) throws -> [ReportFile] {
        try ReportRenderer(templates: ReportTemplates()).render(record)
    }
}
