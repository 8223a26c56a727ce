import ArgumentParser
import Foundation
import GameDayEngine
import GameDayStore

/// `gameday record-loop` (hidden): records runs over and over, for the crash and concurrency tests.
///
/// The tests kill it with SIGKILL at random moments, or run two at once, and then check that the history
/// holds whole runs only. Each iteration records one run (alternating between the logs given) and, with
/// `--ship`, then ships every open story of the drill, so that recurrences, regressions and verifications
/// all happen inside the transactions being killed.
struct RecordLoopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record-loop",
        abstract: "Record runs in a loop (a test aid).",
        shouldDisplay: false
    )

    @Argument(help: "The drill file.") var drill: String
    @Option(help: "A response log; repeat to alternate between several.") var responses: [String] = []
    @Option(help: "Folder of scenarios.") var scenarios: String?
    @Option(help: "How many runs to record.") var count = 100
    @Flag(help: "After each run, ship every open story of the drill.") var ship = false
    @Option(help: "Record the runs for this team, whatever the logs say.") var team: String?
    @OptionGroup var store: StoreOptions

    mutating func run() throws {
        let inputs = InputLoading(loader: DrillLoader(scenariosDirectory: scenarios))
        var reports: [(RunReport, [Finding], [TeamStory])] = []
        let runDate = Date(timeIntervalSince1970: 1_795_000_000)
        for log in responses.isEmpty ? [nil] : responses.map(Optional.some) {
            let (loaded, diagnostics) = inputs.load(drillPath: drill, logPath: log)
            guard let loaded, !diagnostics.contains(where: { $0.severity == .error }) else {
                var printer = DiagnosticPrinter()
                printError(printer.render(diagnostics))
                throw ExitCode(2)
            }
            var log = loaded.log
            if let team { log.team = team }
            let report = Replay(CompiledDrill(loaded.drill), log: log).run(runDate: runDate)
            reports.append((report, loaded.drill.findings.filter { report.findings.contains($0.id) },
                            TeamStory.filed(in: report, drill: loaded.drill, runDate: runDate)))
        }
        let history = try store.open()
        for i in 0..<max(0, count) {
            let (report, findings, teamStories) = reports[i % reports.count]
            try storeCall { _ = try history.record(report: report, findings: findings, teamStories: teamStories, runDate: runDate) }
            if ship {
                let open = try storeCall { try history.stories(StoryFilter(team: report.team ?? "", drill: report.drill, status: .open)) }
                for story in open {
                    do {
                        try history.ship(storyID: story.id, at: runDate)
                    } catch StoreError.invalidTransition {
                        // Another process recording at the same time moved the story first: nothing to do.
                    } catch {
                        try storeCall { throw error }
                    }
                }
            }
        }
        print("recorded \(count) runs")
    }
}
