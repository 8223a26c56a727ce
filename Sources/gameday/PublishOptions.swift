import ArgumentParser
import Foundation
import GameDayConsole
import GameDayEngine
import GameDayReports
import GameDayStore

/// What happens to a finished run, shared by `run`, `play` and `facilitate`: it is recorded in the history and
/// its report folder is written.
struct PublishOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Flag(help: "Do not record the run in the history.")
    var noRecord = false

    @Option(help: ArgumentHelp("Write the reports to this folder (replacing an earlier report there).", valueName: "dir"))
    var out: String?

    @Flag(help: "Write no report files.")
    var noReports = false

    @Option(help: ArgumentHelp("Folder of Mustache templates that override the default ones by file name.", valueName: "dir"))
    var templates: String?

    /// The renderer, or nil with `--no-reports`; prints why and exits 2 on a bad combination or bad templates.
    /// Called before the run, so that a mistake costs nothing.
    func renderer() throws -> ReportRenderer? {
        if noReports, out != nil || templates != nil {
            printError("error: --no-reports cannot be combined with --out or --templates\n")
            throw ExitCode(2)
        }
        guard !noReports else { return nil }
        do {
            return ReportRenderer(templates: try ReportTemplates(overrides: templates.map { URL(fileURLWithPath: $0) }))
        } catch {
            printError("error: \(TerminalText.safe(String(describing: error)))\n")
            throw ExitCode(2)
        }
    }

    /// Records the run (unless `--no-record`) with what made it (`source`) and writes its reports (unless
    /// `--no-reports`); returns what the history made of it. Exits 2 when either cannot be done.
    func publish(report: RunReport, drill: Drill, simulator: Simulator, runDate: Date, source: RunSource,
                 renderer: ReportRenderer?) throws -> RecordNotes? {
        var notes: RecordNotes?
        var trendChart: String?
        if !noRecord {
            let context = "the run was not recorded"
            let history = try store.open(context)
            let findings = drill.findings.filter { report.findings.contains($0.id) }
            let teamStories = TeamStory.filed(in: report, drill: drill, runDate: runDate)
            let result = try storeCall(context) {
                try history.record(report: report, reportJSON: report.json.rendered(), findings: findings, teamStories: teamStories,
                                   source: source, runDate: runDate)
            }
            notes = RecordNotes(result: result, path: history.path, source: source)
            let earlier = (try? history.history(drill: report.drill, team: report.team)) ?? []
            if earlier.count >= 2 { trendChart = TrendChart().svg(earlier) }
        }
        if let renderer {
            var record = RunRecord(report: report, drill: drill, simulator: simulator, runDate: runDate)
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
                printError("gameday: reports written to \(TerminalText.safe(Self.relativePath(folder)))/\n")
            } catch {
                printError("error: reports not written: \(TerminalText.safe(String(describing: error)))\n")
                throw ExitCode(2)
            }
        }
        return notes
    }

    /// A file's path as the history keeps it for a run's source: relative to the working directory when it lies
    /// inside it (`runbooks/x.md`, whichever way it was given), else absolute.
    static func sourcePath(_ path: String) -> String {
        relativePath(URL(fileURLWithPath: path))
    }

    /// `url`'s path relative to the working directory when it lies inside it.
    static func relativePath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }
}
