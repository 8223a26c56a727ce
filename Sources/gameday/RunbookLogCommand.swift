import ArgumentParser
import Foundation
import GameDayRunbook

/// `gameday runbook log RUNBOOK`: the response log a runbook produces.
struct RunbookLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print the response log a runbook produces against its drill.",
        discussion: """
        'gameday run DRILL --responses' that log gives the same report, byte for byte, as 'runbook test --json' \
        gives under its 'report' key (with the same --team and the same run date).
        """
    )

    @Argument(help: "The runbook (Markdown).")
    var runbook: String

    @OptionGroup var options: RunbookOptions

    @Option(help: "The log's team.")
    var team: String?

    mutating func run() throws {
        let (loaded, diagnostics) = RunbookInputs(options: options).load([runbook])
        guard let loaded else { throw failInput(diagnostics) }
        let plan = RunbookPlan(drill: CompiledDrill(loaded.drill), runbooks: loaded.runbooks)
        let run = RunbookRun(plan: plan, durations: plan.testDurations, team: team, runDate: Date(timeIntervalSince1970: 0), recordEvents: false)
        print(run.log, terminator: "")
    }
}
