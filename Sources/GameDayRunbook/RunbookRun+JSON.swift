/// The `gameday.runbook-test/v1` object of runbook-format.md 3.
extension RunbookRun {
    /// `{"format", "runbook", "drill", "start", "steps", "report"}` for runbook number `index` of the plan.
    public func json(runbook index: Int = 0) -> JSONValue {
        let runbook = plan.runbooks[index]
        let results = play.steps.isEmpty ? [] : play.steps[index]
        var steps: [JSONValue] = []
        for (k, step) in runbook.steps.enumerated() {
            let result = k < results.count ? results[k] : RunbookPlan.StepResult()
            let commands: [JSONValue] = step.commands.enumerated().map { c, command in
                let outcome = result.outcomes.flatMap { c < $0.count ? $0[c] : nil }
                let status = outcome.map { $0.reason == nil ? "applied" : "rejected" } ?? "not-reached"
                return .object([("do", .string(command.line)), ("alias_of", .string(command.aliasOf)),
                                ("status", .string(status)), ("reason", .string(outcome?.reason))])
            }
            steps.append(.object([("section", .string(step.section.rawValue)), ("text", .string(step.text)), ("by", .string(step.by)),
                                  ("start", .int(result.start)), ("done", .int(result.done)), ("commands", .array(commands))]))
        }
        return .object([("format", .string("gameday.runbook-test/v1")), ("runbook", .string(runbook.file)),
                        ("drill", .string(report.drill)), ("start", .int(play.starts[index])), ("steps", .array(steps)),
                        ("report", report.json)])
    }
}
