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

    @OptionGroup var store: StoreOptions

    @Flag(help: "Do not record the run in the history.")
    var noRecord = false

    @Option(help: ArgumentHelp("Write the reports to this folder (replacing an earlier report there).", valueName: "dir"))
    var out: String?

    @Flag(help: "Write no report files (stdout only).")
    var noReports = false

    @Option(help: ArgumentHelp("Folder of Mustache templates that override the default ones by file name.", valueName: "dir"))
    var templates: String?

    mutating func run() throws {
        let date: Date
        do { date = try runDate(self.date) } catch {
            printError("error: \(error)\n")
            throw ExitCode(2)
        }
        if noReports, out != nil || templates != nil {
            printError("error: --no-reports cannot be combined with --out or --templates\n")
            throw ExitCode(2)
        }
        var renderer: ReportRenderer?
        if !noReports {
            do {
                renderer = ReportRenderer(templates: try ReportTemplates(overrides: templates.map { URL(fileURLWithPath: $0) }))
            } catch {
                printError("error: \(TerminalText.safe(String(describing: error)))\n")
                throw ExitCode(2)
            }
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
        var trendChart: String?
        if !noRecord {
            let context = "the run was not recorded"
            let store = try storeCall(context) { try HistoryStore(path: self.store.path) }
            let findings = loaded.drill.findings.filter { report.findings.contains($0.id) }
            let result = try storeCall(context) {
                try store.record(report: report, reportJSON: rendered, findings: findings, runDate: date)
            }
            notes = RecordNotes(result: result, path: store.path)
            let earlier = (try? store.history(drill: report.drill, team: report.team)) ?? []
            if earlier.count >= 2 { trendChart = TrendChart().svg(earlier) }
        }
        if let renderer {
            var record = RunRecord(report: report, drill: loaded.drill, simulator: simulator, runDate: date)
            record.historyNotes = notes?.reportLines ?? []
            record.trendChart = trendChart
            do {
                let files = try renderer.render(record)
                let folder: URL
                if let out {
                    folder = URL(fileURLWithPath: out)
                    try ReportWriter.write(files, to: folder)
                } else {
                    folder = try ReportWriter.writeNew(files, in: URL(fileURLWithPath: "reports"), named: record.identity.id)
                }
                printError("gameday: reports written to \(TerminalText.safe(relativePath(folder)))/\n")
            } catch {
                printError("error: reports not written: \(TerminalText.safe(String(describing: error)))\n")
                throw ExitCode(2)
            }
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

/// `url`'s path relative to the working directory when it lies inside it.
private func relativePath(_ url: URL) -> String {
    let path = url.standardizedFileURL.path
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
    return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
}
