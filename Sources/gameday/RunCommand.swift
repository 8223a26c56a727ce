import ArgumentParser
import Foundation
import GameDayEngine
import GameDayStore

/// `gameday run DRILL --responses LOG`: simulates and scores a drill.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Replay a response log against a drill and score it.",
        discussion: """
        The run is recorded in the history (see --db) and its gap stories filed into the backlog, unless \
        --no-record is given. Exit status: 0 passed, 1 not passed, 2 invalid input (or the run could not be recorded).
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

    @OptionGroup var store: StoreOptions

    @Flag(help: "Do not record the run in the history.")
    var noRecord = false

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
        let replay = Replay(CompiledDrill(loaded.drill), log: loaded.log)
        var simulator = replay.makeSimulator(recordEvents: true)
        replay.feed(&simulator)
        let report = simulator.finish(team: loaded.log.team, started: loaded.log.started, runDate: date)
        let rendered = report.json.rendered()
        var notes: RecordNotes?
        if !noRecord {
            let context = "the run was not recorded"
            let store = try storeCall(context) { try HistoryStore(path: self.store.path) }
            let findings = loaded.drill.findings.filter { report.findings.contains($0.id) }
            let result = try storeCall(context) {
                try store.record(report: report, reportJSON: rendered, findings: findings, runDate: date)
            }
            notes = RecordNotes(result: result, path: store.path)
        }
        if json {
            print(rendered)
            if let notes { printError(notes.stderrText) }
        } else {
            print(RunSummary(report: report, drill: loaded.drill, events: simulator.events).text, terminator: "")
            if let notes { print(notes.section, terminator: "") }
        }
        if !report.passed { throw ExitCode(1) }
    }
}
