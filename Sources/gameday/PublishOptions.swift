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

    /// Writes the run's reports (unless `--no-reports`) and records it (unless `--no-record`), all or nothing:
    /// the report folder is staged first (so a folder that cannot be written costs the run nothing and it is not
    /// recorded), then the run is recorded, then the folder, now with what the history made of the run, is put in
    /// place. Returns what the history made of it. Exits 2, saying so on stderr, when either cannot be done.
    /// `log` is the log the run replayed, when there is one (the reports drive the engine again with it); `pace` how
    /// its clock moved.
    func publish(report: RunReport, drill: Drill, log: ResponseLog? = nil, simulator: Simulator, runDate: Date, pace: RunPace = .logReplay,
                 renderer: ReportRenderer?) throws -> RecordNotes? {
        var record = RunRecord(report: report, drill: drill, log: log, simulator: simulator, runDate: runDate)
        record.pace = pace
        var staged: ReportWriter.Staged?
        if let renderer {
            do {
                let destination: ReportWriter.Destination = out.map { .folder(URL(fileURLWithPath: $0)) }
                    ?? .new(in: URL(fileURLWithPath: "reports"), named: record.identity.id)
                staged = try ReportWriter.Staged(try renderer.render(record), to: destination)
            } catch {
                let recorded = noRecord ? "" : "; the run was not recorded"
                printError("error: reports not written: \(TerminalText.safe(String(describing: error)))\(recorded)\n")
                throw ExitCode(2)
            }
        }
        var notes: RecordNotes?
        if !noRecord {
            do {
                let history = try HistoryStore(location: store.location)
                let findings = drill.findings.filter { report.findings.contains($0.id) }
                let teamStories = TeamStory.filed(in: report, drill: drill, runDate: runDate)
                let result = try history.record(report: report, reportJSON: report.json.rendered(), findings: findings, teamStories: teamStories,
                                                runDate: runDate)
                notes = RecordNotes(result: result, path: history.path)
                let earlier = (try? history.history(drill: report.drill, team: report.team)) ?? []
                if earlier.count >= 2 {
                    record.trendChart = TrendChart().svg(earlier, passMark: drill.scoring.passScore,
                                                         responseSLA: drill.severity.responseLimit, resolutionSLA: drill.severity.resolutionLimit)
                }
            } catch let error as StoreError {
                staged?.discard()
                let reports = staged == nil ? "" : "; no reports were written"
                printError("error: the run was not recorded: \(TerminalText.safe(error.description))\(reports)\n")
                throw ExitCode(2)
            }
        }
        if let renderer, let staged {
            do {
                if let notes {
                    record.historyNotes = notes.reportLines
                    record.backlogStatus = notes.backlogStatus
                    try staged.rewrite(try renderer.render(record))
                }
                let folder = try staged.commit()
                printError("gameday: reports written to \(TerminalText.safe(Self.relativePath(folder)))/\n")
            } catch {
                staged.discard()
                let recorded = notes.map { "; the run was recorded as run #\($0.result.runID): write its reports again with --no-record" } ?? ""
                printError("error: reports not written: \(TerminalText.safe(String(describing: error)))\(recorded)\n")
                throw ExitCode(2)
            }
        }
        return notes
    }

    /// `url`'s path relative to the working directory when it lies inside it.
    static func relativePath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }
}
