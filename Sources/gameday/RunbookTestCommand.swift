import ArgumentParser
import Foundation
import GameDayConsole
import GameDayRunbook
import GameDayStore

/// `gameday runbook test RUNBOOK`: plays a runbook against its drill and scores it.
struct RunbookTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Play a runbook against its drill as one responder, and score the run.",
        discussion: """
        The runbook starts when one of its Detection injects fires where the team sees it; its steps follow one \
        another, each taking its time (a range's geometric mean), and each step's commands are applied when it is \
        done. The run is recorded and its reports written as 'gameday run' does. Exit status: 0 passed, 1 not \
        passed, 2 invalid input.
        """
    )

    @Argument(help: "The runbook (Markdown).")
    var runbook: String

    @OptionGroup var options: RunbookOptions

    @Option(help: "The team whose backlog the run's stories go to.")
    var team: String?

    @Flag(help: "Print the gameday.runbook-test/v1 JSON object on stdout.")
    var json = false

    @Option(help: "The run's date (YYYY-MM-DD) for story due dates; default today (UTC).")
    var date: String?

    @OptionGroup var publishing: PublishOptions

    mutating func run() throws {
        let date: Date
        do { date = try runDate(self.date) } catch { throw usageFailure(String(describing: error)) }
        let renderer = try publishing.renderer()
        let (loaded, diagnostics) = RunbookInputs(options: options).load([runbook])
        guard let loaded else { throw failInput(diagnostics) }
        let plan = RunbookPlan(drill: CompiledDrill(loaded.drill), runbooks: loaded.runbooks)
        let run = RunbookRun(plan: plan, durations: plan.testDurations, team: team, runDate: date)
        let source = RunSource.runbook(path: PublishOptions.sourcePath(runbook), title: loaded.runbooks[0].title)
        let notes = try publishing.publish(report: run.report, drill: loaded.drill, log: run.responseLog, simulator: run.simulator, runDate: date, source: source,
                                           runbookRun: run, renderer: renderer)
        if json {
            print(run.json().rendered())
            if let notes { printError(notes.stderrText) }
        } else {
            print(RunbookTestText(run: run).text, terminator: "")
            print(RunSummary(report: run.report, drill: loaded.drill, events: run.simulator.events).text, terminator: "")
            if let notes { print(notes.section, terminator: "") }
        }
        if !run.report.passed { throw ExitCode(1) }
    }
}

/// The steps of a runbook test as text: each step's start and done time, its role, and the system's answers.
struct RunbookTestText {
    let run: RunbookRun

    var text: String {
        let runbook = run.plan.runbooks[0]
        let results = run.play.steps[0]
        func clock(_ t: Int?) -> String { t.map(DurationText.clock) ?? "—" }  // "T+mm:ss"
        let safe = TerminalText.safe
        var out = "Runbook: \(safe(runbook.title)) (\(safe(runbook.file))) against drill \(run.report.drill)\n"
        if let start = run.play.starts[0] {
            out += "Starts \(clock(start))\(runbook.triggers.isEmpty ? "" : " (\(runbook.triggers.map(safe).joined(separator: " or ")))")\n"
        } else {
            out += "Never starts: none of \(runbook.triggers.map(safe).joined(separator: ", ")) fired where the team could see it\n"
        }
        var section: RunbookSection?
        for (step, result) in zip(runbook.steps, results) {
            if step.section != section {
                section = step.section
                out += "\n\(step.section.heading)\n"
            }
            let time = result.done == nil ? "not reached    " : "\(clock(result.start)) → \(clock(result.done))"
            out += "  \(time)  \(safe(step.by)): \(safe(step.text)) (\(step.duration.text))\n"
            for (k, command) in step.commands.enumerated() {
                let answer: String
                if let outcome = result.outcomes?[k] { answer = outcome.reason.map { "REJECTED: \(safe($0))" } ?? "applied" } else { answer = "not reached" }
                let alias = command.aliasOf.map { "  (from: \(safe($0)))" } ?? ""
                out += "      $ \(safe(command.line)) — \(answer)\(alias)\n"
            }
            if step.isManual { out += "      (manual step: no command)\n" }
        }
        return out + "\n"
    }
}
