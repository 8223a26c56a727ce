import Foundation
import GameDayEngine

/// Loads a drill and, optionally, a response log for it, collecting every diagnostic of both.
struct InputLoading {
    let loader: DrillLoader

    struct Loaded {
        var drill: Drill
        var log: ResponseLog
    }

    /// The drill at `drillPath` and the log at `logPath` (an empty log when nil).
    func load(drillPath: String, logPath: String?) -> (Loaded?, [Diagnostic]) {
        let drillResult = loader.loadDrill(path: drillPath)
        guard let drill = drillResult.value else { return (nil, drillResult.diagnostics) }
        guard let logPath else {
            return (Loaded(drill: drill, log: ResponseLog(drillID: drill.id)), drillResult.diagnostics)
        }
        let logResult = loader.loadResponseLog(path: logPath, drill: drill)
        let all = drillResult.diagnostics + logResult.diagnostics
        guard let log = logResult.value else { return (nil, all) }
        return (Loaded(drill: drill, log: log), all)
    }
}

/// The UTC date of the run, from `--date` or the clock (read here, never in the engine).
func runDate(_ option: String?) throws -> Date {
    guard let option else { return Date() }
    guard let date = Timestamp.parse(option + "T00:00:00Z") else {
        throw ValidationErrorText("--date must be YYYY-MM-DD, got '\(option)'")
    }
    return date
}

/// A usage error with a message.
struct ValidationErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}
