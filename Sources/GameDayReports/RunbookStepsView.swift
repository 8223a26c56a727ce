import GameDayRunbook

/// The steps of the runbooks a run played (`gameday runbook test`), for the debrief: when each runbook started,
/// and for each step its role, its time, when it started and was done, and how the system answered its commands.
public struct RunbookStepsView: Sendable, Hashable {
    /// One command of a step and the system's answer.
    public struct CommandRow: Sendable, Hashable {
        /// The command as the drill reads it.
        public var line: String
        /// The command as the runbook writes it, when an alias translated it.
        public var aliasOf: String?
        /// `applied`, `rejected: REASON` or `not reached`.
        public var answer: String
        /// CSS-safe answer: `applied`, `rejected`, `not-reached`.
        public var answerClass: String
    }

    /// One step.
    public struct StepRow: Sendable, Hashable {
        /// The section's heading (`Containment`).
        public var section: String
        /// 1-based within its section.
        public var number: Int
        /// What the step says.
        public var text: String
        /// The role that does it.
        public var by: String
        /// Its time as the runbook writes it (`2m..8m`).
        public var time: String
        /// When it started, as the report writes times, or nil when it was not reached.
        public var start: String?
        /// When it was done, or nil when it was not reached.
        public var done: String?
        /// Whether it was done within the run.
        public var reached: Bool
        /// Its commands and the answers.
        public var commands: [CommandRow]
        /// Whether it has no command (a manual step).
        public var manual: Bool
        /// Whether one of its commands was rejected.
        public var rejected: Bool

        /// The commands and their answers on one line (`revoke-key prod-signing → applied; ...`), stored because the
        /// templates read stored properties only.
        public var commandsText: String
    }

    /// The runbook's title.
    public var title: String
    /// Its file.
    public var file: String
    /// When it started and why (`T+00:00, when laptop-lost was shown`), or why it never did.
    public var startText: String
    /// Its steps in play order.
    public var steps: [StepRow]

    /// The view of each runbook `run` played, in the plan's order; `label` writes a drill time as the report does.
    public static func make(_ run: RunbookRun, label: (Int) -> String) -> [RunbookStepsView] {
        run.plan.runbooks.enumerated().map { r, runbook in
            let results = r < run.play.steps.count ? run.play.steps[r] : []
            var numbers: [RunbookSection: Int] = [:]
            let steps: [StepRow] = runbook.steps.enumerated().map { k, step in
                let result: RunbookPlan.StepResult? = k < results.count ? results[k] : nil
                numbers[step.section, default: 0] += 1
                let commands = step.commands.enumerated().map { c, command in
                    let outcome = result?.outcomes.flatMap { c < $0.count ? $0[c] : nil }
                    let answer = outcome.map { $0.reason.map { "rejected: \($0)" } ?? "applied" } ?? "not reached"
                    let answerClass = outcome.map { $0.reason == nil ? "applied" : "rejected" } ?? "not-reached"
                    return CommandRow(line: command.line, aliasOf: command.aliasOf, answer: answer, answerClass: answerClass)
                }
                return StepRow(section: step.section.heading, number: numbers[step.section]!, text: step.text, by: step.by,
                               time: step.duration.text, start: result?.done == nil ? nil : result?.start.map(label),
                               done: result?.done.map(label), reached: result?.done != nil, commands: commands, manual: step.isManual,
                               rejected: commands.contains { $0.answerClass == "rejected" },
                               commandsText: step.isManual ? "manual step, no command"
                                   : commands.map { "\($0.line) → \($0.answer)" + ($0.aliasOf.map { " (written: \($0))" } ?? "") }
                                       .joined(separator: "; "))
            }
            let start = r < run.play.starts.count ? run.play.starts[r] : nil
            let startText: String
            if let start {
                startText = "started at \(label(start))" + (runbook.triggers.isEmpty ? " (it names no trigger)" : ", the first time \(runbook.triggers.joined(separator: " or ")) was shown")
            } else {
                startText = "never started: none of \(runbook.triggers.joined(separator: ", ")) fired where the team could see it"
            }
            return RunbookStepsView(title: runbook.title, file: runbook.file, startText: startText, steps: steps)
        }
    }
}
