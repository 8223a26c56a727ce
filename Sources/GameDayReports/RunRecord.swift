import Foundation
import GameDayEngine

/// Everything a report is made from: the scored run, the drill, the log, the timeline and the world at the end.
public struct RunRecord: Sendable {
    /// The scored report (spec 8).
    public let report: RunReport
    /// The drill as loaded.
    public let drill: Drill
    /// The response log the run replayed, when the caller has it (it lets the reports drive the engine again).
    public let log: ResponseLog?
    /// The ordered timeline, with the moments outcomes were met and moves forbidden.
    public let events: [Simulator.Event]
    /// The date of the run (for a log without `started`); the CLI passes it in, the engine never reads a clock.
    public let runDate: Date
    /// The world at the end of the run.
    let finalState: WorldState
    /// The run's texts.
    let symbols: SymbolTable
    /// How the run's clock moved: a replayed log, or a live session in real time, accelerated or stepped.
    public var pace: RunPace = .logReplay
    /// What the history made of this run (regressions, recurrences, verifications), one plain line each.
    public var historyNotes: [String] = []
    /// Each gap story's place in the backlog after this run was recorded (`new: story #4, open`), by story key;
    /// empty when the run was not recorded.
    public var backlogStatus: [String: String] = [:]
    /// A trend chart of this drill and team's runs, as SVG markup the history store made (trusted, included as is).
    public var trendChart: String?

    /// The record of a finished run: `simulator` must have recorded events and produced `report` from `log`.
    public init(report: RunReport, drill: Drill, log: ResponseLog? = nil, simulator: Simulator, runDate: Date) {
        self.report = report
        self.drill = drill
        self.log = log
        events = simulator.events
        self.runDate = runDate
        finalState = simulator.context.state
        symbols = simulator.context.symbols
    }

    /// Replays `log` on `drill` with events recorded, and keeps what the reports need.
    public static func replay(_ drill: Drill, log: ResponseLog, runDate: Date, pace: RunPace = .logReplay) -> RunRecord {
        let replay = Replay(CompiledDrill(drill), log: log)
        var simulator = replay.makeSimulator(recordEvents: true)
        replay.feed(&simulator)
        let report = simulator.finish(team: log.team, started: log.started, runDate: runDate, startDate: replay.startDate)
        var record = RunRecord(report: report, drill: drill, log: log, simulator: simulator, runDate: runDate)
        record.pace = pace
        return record
    }

    /// Reads the world at the end of the run.
    var world: WorldReader { WorldReader(state: finalState, symbols: symbols) }

    /// The run's identity (its date and id).
    public var identity: RunIdentity { RunIdentity(report: report, runDate: runDate) }

    /// The clock that writes this run's times: wall-clock times only when drill time was real time.
    public var clock: ReportClock { ReportClock(started: report.started, pace: pace) }
}
