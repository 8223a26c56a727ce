import ArgumentParser
import Foundation
import GameDayEngine

/// `gameday run DRILL --responses LOG`: simulates and scores a drill.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Replay a response log against a drill and score it.",
        discussion: "Exit status: 0 passed, 1 not passed, 2 invalid input."
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

    mutating func run() throws {
        let date: Date
        do { date = try runDate(self.date) } catch {
            printError("error: \(error)\n")
            throw ExitCode(2)
        }
        let inputs = InputLoading(loader: DrillLoader(scenariosDirectory: scenarios))
        let (loaded, diagnostics) = inputs.load(drillPath: drill, logPath: responses)
        let errors = diagnostics.filter { $0.severity == .error }
        guard let loaded, errors.isEmpty else {
            var printer = DiagnosticPrinter()
            printError(printer.render(errors.isEmpty ? diagnostics : errors))
            throw ExitCode(2)
        }
        let (report, events) = Self.score(drill: loaded.drill, log: loaded.log, runDate: date)
        if json {
            print(report.json.rendered())
        } else {
            print(RunSummary(report: report, drill: loaded.drill, events: events).text, terminator: "")
        }
        if !report.passed { throw ExitCode(1) }
    }

    /// Replays `log` on `drill` and scores it; the events are the timeline of the readable summary.
    static func score(drill: Drill, log: ResponseLog, runDate: Date) -> (RunReport, [Simulator.Event]) {
        let replay = Replay(CompiledDrill(drill), log: log)
        var simulator = replay.makeSimulator(recordEvents: true)
        replay.feed(&simulator)
        let report = simulator.finish(team: log.team, started: log.started, runDate: runDate)
        return (report, simulator.events)
    }
}
