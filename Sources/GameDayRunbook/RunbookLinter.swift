import Foundation

/// The checks of `runbook lint` that need the runbook played: what it achieves, what the system refuses.
public struct RunbookLinter: Sendable {
    /// The drill.
    public let drill: Drill
    /// The runbook, loaded against the drill.
    public let runbook: Runbook

    /// Creates a linter.
    public init(drill: Drill, runbook: Runbook) {
        self.drill = drill
        self.runbook = runbook
    }

    /// Warnings: a runbook that never starts, commands the simulated system rejects, and a runbook whose commands
    /// meet no outcome that doing nothing would not meet as well.
    public func warnings() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let top = SourceLocation(file: runbook.file, line: 1, column: 1)
        let compiled = CompiledDrill(drill)
        let plan = RunbookPlan(drill: compiled, runbooks: [runbook])
        let date = Date(timeIntervalSince1970: 0)
        let run = RunbookRun(plan: plan, durations: plan.testDurations, team: nil, runDate: date, recordEvents: false)
        guard run.play.starts[0] != nil else {
            let names = runbook.triggers.isEmpty ? "" : " (\(runbook.triggers.joined(separator: ", ")))"
            return [.warning("none of the runbook's triggers\(names) fires where the team sees it in drill '\(drill.id)': the runbook never starts", at: top)]
        }
        for (step, result) in zip(runbook.steps, run.play.steps[0]) {
            guard let outcomes = result.outcomes else { continue }
            for (command, outcome) in zip(step.commands, outcomes) {
                if let reason = outcome.reason {
                    out.append(.warning("in drill '\(drill.id)' the system rejects '\(command.line)': \(reason)", at: command.location))
                }
            }
        }
        if let firstUnreached = zip(runbook.steps, run.play.steps[0]).first(where: { $0.1.done == nil })?.0 {
            out.append(.warning("at its times this step and the ones after it are not reached before drill '\(drill.id)' ends", at: firstUnreached.location))
        }
        let idle = Replay(compiled, log: ResponseLog(drillID: drill.id)).run(runDate: date)
        let helped = zip(run.report.outcomes, idle.outcomes).filter { played, nothing in
            (played.status == .met || played.status == .late) && !(nothing.status == .met || nothing.status == .late)
        }
        if helped.isEmpty {
            out.append(.warning("the runbook's commands meet none of drill '\(drill.id)''s outcomes that doing nothing does not meet as well", at: top))
        }
        return out
    }
}
