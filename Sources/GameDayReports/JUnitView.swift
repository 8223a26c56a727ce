import GameDayEngine
import GameDayRunbook

/// The JUnit view of a run: one test case per expected outcome and per forbidden move, so that a CI system
/// shows a drill run as tests. A late or missed outcome and a forbidden move that was made are failures whose
/// message gives the expected and the actual time; an outcome whose `after` inject never fired is skipped. A
/// `runbook test` adds one case per runbook step (`DRILL.runbook`): a step not reached by the end of the run, or
/// one with a command the system rejected, fails.
public struct JUnitView: Sendable {
    /// A failure or a skip.
    public struct Problem: Sendable, Hashable {
        /// `late`, `missed`, `violation`, `n/a`, `not-reached` or `rejected`.
        public var type: String
        /// One line: expected and actual times.
        public var message: String
    }

    /// One test case.
    public struct Case: Sendable, Hashable {
        /// `DRILL.expect`, `DRILL.forbid` or `DRILL.runbook`.
        public var classname: String
        /// `ID: title`.
        public var name: String
        /// Seconds from T0 to the outcome (or the end of the run).
        public var time: Int
        /// The failure, if any.
        public var failure: Problem?
        /// The skip, if any (named apart from the suite's `skipped` count, which a Mustache section would find).
        public var skip: Problem?
        /// What happened, for the case's output.
        public var output: String
    }

    /// A suite property.
    public struct Property: Sendable, Hashable {
        /// Name.
        public var name: String
        /// Value.
        public var value: String
    }

    /// The suite's name: the drill id.
    public var suite: String
    /// Test cases.
    public var cases: [Case]
    /// How many.
    public var tests: Int
    /// How many failed.
    public var failures: Int
    /// How many were skipped.
    public var skipped: Int
    /// The run's length in seconds.
    public var time: Int
    /// T0 in UTC, `YYYY-MM-DDTHH:MM:SS` (the run date at midnight without `started`).
    public var timestamp: String
    /// Suite properties: drill, title, severity, team, score, verdict.
    public var properties: [Property]
    /// The summary, for the suite's output.
    public var output: String

    /// The JUnit view of `record`.
    public init(_ record: RunRecord, summary: String) {
        let report = record.report, drill = record.drill, clock = record.clock
        var cases: [Case] = []
        for (o, outcome) in zip(report.outcomes, drill.outcomes) {
            let expected = o.deadline.map { "expected by \(clock.both($0))" } ?? "expected (no deadline)"
            let critical = o.critical ? " (critical)" : ""
            var failure: Problem?, skip: Problem?
            let output: String
            switch o.status {
            case .met:
                output = "met at \(o.metAt.map(clock.both) ?? "—"); \(expected)"
            case .late:
                failure = Problem(type: "late", message: "late\(critical): \(expected), met at \(o.metAt.map(clock.both) ?? "—")")
                output = failure!.message
            case .missed:
                let actual = outcome.hold ? "did not hold at the end of the run at \(clock.both(report.end))"
                    : "not met by the end of the run at \(clock.both(report.end))"
                failure = Problem(type: "missed", message: "missed\(critical): \(expected), \(actual)")
                output = failure!.message
            case .notApplicable:
                skip = Problem(type: "n/a", message: "n/a: inject \(outcome.after ?? "?") never fired, so there is no deadline")
                output = skip!.message
            }
            cases.append(Case(classname: "\(report.drill).expect", name: "\(o.id): \(UntrustedText.oneLine(o.title))", time: o.metAt ?? report.end,
                              failure: failure, skip: skip, output: output))
        }
        for move in drill.forbidden {
            if let v = report.violations.first(where: { $0.id == move.id }) {
                let message = "forbidden move made at \(clock.both(v.at)); expected never (−\(Format.decimal(v.penalty)) points)"
                cases.append(Case(classname: "\(report.drill).forbid", name: "\(move.id): \(UntrustedText.oneLine(move.title))", time: v.at,
                                  failure: Problem(type: "violation", message: message), skip: nil, output: message))
            } else {
                cases.append(Case(classname: "\(report.drill).forbid", name: "\(move.id): \(UntrustedText.oneLine(move.title))", time: report.end,
                                  failure: nil, skip: nil, output: "not made by the end of the run at \(clock.both(report.end))"))
            }
        }
        if let run = record.runbookRun {
            cases += Self.stepCases(run, drill: report.drill, end: report.end, clock: clock)
        }
        suite = report.drill
        self.cases = cases
        tests = cases.count
        failures = cases.filter { $0.failure != nil }.count
        skipped = cases.filter { $0.skip != nil }.count
        time = report.end
        timestamp = clock.isoLocal(0, fallback: record.runDate)
        properties = [
            Property(name: "drill", value: report.drill), Property(name: "title", value: report.title),
            Property(name: "severity", value: report.severity.rawValue), Property(name: "team", value: report.team ?? ""),
            Property(name: "started", value: report.started ?? ""), Property(name: "run", value: record.identity.id),
            Property(name: "score", value: Format.score(report.score)),
            Property(name: "pass_score", value: Format.decimal(drill.scoring.passScore)),
            Property(name: "passed", value: report.passed ? "true" : "false"),
        ]
        output = summary
    }

    /// One case per step of the runbooks `run` played: passed when done with every command applied, else a failure.
    static func stepCases(_ run: RunbookRun, drill: String, end: Int, clock: ReportClock) -> [Case] {
        let views = RunbookStepsView.make(run, label: clock.both)
        var cases: [Case] = []
        for (r, view) in views.enumerated() {
            let results = r < run.play.steps.count ? run.play.steps[r] : []
            let prefix = views.count > 1 ? "\(UntrustedText.oneLine(view.title)): " : ""
            for (k, step) in view.steps.enumerated() {
                let done = k < results.count ? results[k].done : nil
                let commands = step.commands.map { "$ \($0.line) — \($0.answer)" }
                var lines = [step.reached ? "started at \(step.start ?? "—"), done at \(step.done ?? "—")" : "not reached by the end of the run at \(clock.both(end))"]
                lines += step.manual ? ["manual step: no command"] : commands
                var failure: Problem?
                if !step.reached {
                    failure = Problem(type: "not-reached", message: "not reached: \(view.startText.hasPrefix("never") ? "the runbook \(view.startText)" : "the run ended at \(clock.both(end))")")
                } else if let rejected = step.commands.first(where: { $0.answerClass == "rejected" }) {
                    failure = Problem(type: "rejected", message: "\(UntrustedText.oneLine(rejected.line)): \(UntrustedText.oneLine(rejected.answer))")
                }
                cases.append(Case(classname: "\(drill).runbook", name: "\(prefix)\(step.section) \(step.number) (\(UntrustedText.oneLine(step.by))): \(UntrustedText.oneLine(step.text))",
                                  time: done ?? end, failure: failure, skip: nil, output: UntrustedText.oneLine(lines.joined(separator: "; "))))
            }
        }
        return cases
    }
}
