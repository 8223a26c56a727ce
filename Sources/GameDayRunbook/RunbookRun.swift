import Foundation

/// One play of runbooks against a drill, scored: `runbook test`, one what-if run replayed, the log they produce.
public struct RunbookRun: Sendable {
    /// The plan that was played.
    public let plan: RunbookPlan
    /// Each step's duration, flat (runbooks in order, then steps in order).
    public let durations: [Int]
    /// When each runbook started and how each step went.
    public let play: RunbookPlan.PlayResult
    /// The simulator at the end, with the timeline and the world, for the reports.
    public let simulator: Simulator
    /// The scored run.
    public let report: RunReport

    /// Plays `plan` with `durations` and scores it; `team` and `runDate` as for `gameday run` (no `started`).
    public init(plan: RunbookPlan, durations: [Int], team: String?, runDate: Date, recordEvents: Bool = true) {
        self.plan = plan
        self.durations = durations
        var simulator = Simulator(plan.compiled, end: plan.compiled.drill.duration, recordEvents: recordEvents)
        play = plan.play(on: &simulator, durations: durations)
        report = simulator.finish(team: team, started: nil, runDate: runDate)
        self.simulator = simulator
    }

    /// The same log in memory, for the reports (which drive the engine again with it): the actions in the order
    /// they were applied, each placed where the runbook writes its command.
    public var responseLog: ResponseLog {
        var places: [String: SourceLocation] = [:]
        for runbook in plan.runbooks {
            for step in runbook.steps {
                for command in step.commands where places[command.line] == nil { places[command.line] = command.location }
            }
        }
        let file = plan.runbooks.first?.file ?? ""
        let actions = report.actions.map { action in
            ResponseLog.Action(at: action.at, by: action.by, line: action.command,
                               words: (try? ShellWords.split(action.command)) ?? [action.command],
                               location: places[action.command] ?? SourceLocation(file: file, line: 1, column: 1))
        }
        return ResponseLog(drillID: report.drill, team: report.team, actions: actions, file: file)
    }

    /// The response log the play amounts to (drill-format.md 4): `gameday run DRILL --responses` it gives the same report.
    public var log: String {
        RunbookLog.render(drill: report.drill, team: report.team, actions: report.actions)
    }
}

/// Writes the response log of a runbook play.
public enum RunbookLog {
    /// `drill`, `team` when given, and the actions in time order, one flow mapping a line like a journal's.
    public static func render(drill: String, team: String?, actions: [RunReport.ActionTrace]) -> String {
        var out = "drill: \(YAMLScalar.plainOrQuoted(drill))\n"
        if let team { out += "team: \(YAMLScalar.quoted(team))\n" }
        if actions.isEmpty { return out + "actions: []\n" }
        out += "actions:\n"
        for action in actions {
            out += "  - {at: \(DurationText.format(action.at))"
            if let by = action.by { out += ", by: \(YAMLScalar.plainOrQuoted(by))" }
            out += ", do: \(YAMLScalar.quoted(action.command))}\n"
        }
        return out
    }
}
