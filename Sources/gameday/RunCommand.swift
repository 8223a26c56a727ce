import ArgumentParser
import Foundation
import GameDayEngine
import GameDayReports
import GameDayStore

/// `gameday run DRILL --responses LOG`: simulates and scores a drill.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Replay a response log against a drill and score it.",
        discussion: """
        The run is recorded in the history (see --db) and its gap stories filed into the backlog, unless \
        --no-record is given. Writes the debrief (report.md, report.html), report.json, junit.xml and the gap \
        stories (stories/, stories.csv, stories.json) to --out DIR, else to reports/DRILL-DATE-TEAM/ (a new folder \
        for every run); --no-reports writes none. Exit status: 0 passed, 1 not passed, 2 invalid input, or the run \
        could not be recorded, or the reports could not be written.
        """
    )

    @Argument(help: "The drill file.")
    var drill: String

    @Option(help: "The response log (without it, the team does nothing).")
    var responses: String?

    @Option(help: "Folder of scenarios (default: ../scenarios beside the drill's folder).")
    var scenarios: String?

    @Flag(help: "Print the JSON report (gameday.report/v1) on stdout.")
    var json = false

    @Option(help: "The run's date (YYYY-MM-DD) for story due dates when the log has no 'started'; default today (UTC).")
    var date: String?

    @Option(help: ArgumentHelp("The team the run counts for, in the report and the history's backlog (default: the log's 'team').", valueName: "name"))
    var team: String?

    @OptionGroup var publishing: PublishOptions

    mutating func run() throws {
        let date: Date
        do { date = try runDate(self.date) } catch {
            printError("error: \(error)\n")
            throw ExitCode(2)
        }
        let renderer = try publishing.renderer()
        let inputs = InputLoading(loader: DrillLoader(scenariosDirectory: scenarios))
        let (loaded, diagnostics) = inputs.load(drillPath: drill, logPath: responses)
        let errors = diagnostics.filter { $0.severity == .error }
        guard let loaded, errors.isEmpty else {
            var printer = DiagnosticPrinter()
            printError(printer.render(errors.isEmpty ? diagnostics : errors))
            throw ExitCode(2)
        }
        var log = loaded.log
        if let team {
            guard !team.isEmpty, !team.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                printError("error: --team needs a name without control characters\n")
                throw ExitCode(2)
            }
            log.team = team
        }
        let (report, simulator) = Self.score(drill: loaded.drill, log: log, runDate: date)
        let pace = Self.pace(ofLog: responses)
        let notes = try publishing.publish(report: report, drill: loaded.drill, log: log, simulator: simulator, runDate: date,
                                           pace: pace, renderer: renderer)
        if json {
            print(report.json.rendered())
            if let notes { printError(notes.stderrText) }
        } else {
            print(RunSummary(report: report, drill: loaded.drill, events: simulator.events, pace: pace).text, terminator: "")
            if let notes { print(notes.section, terminator: "") }
        }
        if !report.passed { throw ExitCode(1) }
    }

    /// The pace of the run a log records: a live session's journal says how its clock moved (`# pace:`); any
    /// other log is a plain replay.
    static func pace(ofLog path: String?) -> RunPace {
        guard let path, let data = FileManager.default.contents(atPath: path) else { return .logReplay }
        let text = String(decoding: data.prefix(64 * 1024), as: UTF8.self)
        return RunPace.recordedClock(in: Substring(text)).map { RunPace(clock: $0, replayed: true) } ?? .logReplay
    }

    /// Replays `log` on `drill` and scores it; the simulator keeps the timeline and the final world for the reports.
    static func score(drill: Drill, log: ResponseLog, runDate: Date) -> (RunReport, Simulator) {
        let replay = Replay(CompiledDrill(drill), log: log)
        var simulator = replay.makeSimulator(recordEvents: true)
        replay.feed(&simulator)
        let report = simulator.finish(team: log.team, started: log.started, runDate: runDate)
        return (report, simulator)
    }
}
