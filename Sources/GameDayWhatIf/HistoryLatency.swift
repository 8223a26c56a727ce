import Foundation

/// The step times a team actually needed, measured in its recorded runs of the drill (`whatif --from-history TEAM`).
///
/// For each step of each runbook and each recorded run:
/// - the runbook *starts* in the run at the first time one of its triggers (Detection injects) was shown to the
///   team (at 0 when it names none); a run in which none was shown tells nothing about that runbook;
/// - the step is *ready* when the previous step was done in that run (the start, for the first step), or, for a step
///   written `after X`, when X was first shown if that is later (a run in which X was never shown tells nothing about
///   that step or the ones after it);
/// - the step is *done* in the run at the latest of its commands, each matched to the first action of the run at or
///   after the ready time with the same verb, positional words and options (in any order), applied or rejected;
/// - its *delay* in the run is done − ready, at least 1 second (a what-if draw is never shorter).
///
/// A step is observed in a run only when the step before it was observed there too (or it is the first step): when
/// the team skipped a step, or the step before is a manual one (no command to time it by), the time to this step's
/// command would include that other step's time. A step not found in a run leaves the previous done time in place
/// for the steps after it, which are then found from there.
public struct HistoryLatency: Sendable {
    /// A step's time from history: its delays, their median and their spread.
    public struct Estimate: Sendable, Hashable {
        /// The delays observed, in seconds, in the runs' order.
        public var delays: [Int]
        /// The median delay: the middle one, or the mean of the two middle ones.
        public var median: Double
        /// The log-normal shape: the sample standard deviation (n − 1) of the delays' natural logarithms; nil with
        /// a single delay (the step then keeps the shape it has without history).
        public var sigma: Double?

        /// The estimate of `delays` (not empty).
        public init(delays: [Int]) {
            self.delays = delays
            median = Self.median(delays)
            sigma = Self.logStandardDeviation(delays)
        }

        /// The middle value of `values` sorted, or the mean of the two middle ones (0 when empty).
        public static func median(_ values: [Int]) -> Double {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return 0 }
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? Double(sorted[middle]) : (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
        }

        /// The sample standard deviation of the natural logarithms of `values` (all at least 1); nil for fewer than two.
        public static func logStandardDeviation(_ values: [Int]) -> Double? {
            guard values.count >= 2 else { return nil }
            let logs = values.map { Foundation.log(Double(max(1, $0))) }
            let mean = logs.reduce(0, +) / Double(logs.count)
            let squares = logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return (squares / Double(logs.count - 1)).squareRoot()
        }
    }

    /// Per step (flat: runbooks in order, then steps in play order), the delays observed in the runs.
    public let delays: [[Int]]
    /// How many recorded runs were read.
    public let runs: Int

    /// Measures every step of `plan` in `runs`.
    public init(plan: RunbookPlan, runs: [RecordedRun]) {
        var delays: [[Int]] = Array(repeating: [], count: plan.stepCount)
        for run in runs {
            for (r, runbook) in plan.runbooks.enumerated() {
                Self.measure(runbook, in: run, offset: plan.offsets[r], into: &delays)
            }
        }
        self.delays = delays
        self.runs = runs.count
    }

    private static func measure(_ runbook: Runbook, in run: RecordedRun, offset: Int, into delays: inout [[Int]]) {
        let start: Int
        if runbook.triggers.isEmpty {
            start = 0
        } else {
            guard let first = runbook.triggers.compactMap({ run.firstShown[$0] }).min() else { return }
            start = first
        }
        var cursor = start
        var previousObserved = true
        for (k, step) in runbook.steps.enumerated() {
            guard !step.isManual else { previousObserved = false; continue }
            var ready = cursor
            if let after = step.after {
                guard let shown = run.firstShown[after] else { return }
                ready = max(ready, shown)
            }
            var done = ready
            var found = true
            for command in step.commands {
                guard case .success(let parsed) = CommandParser.parse(words: command.words, text: command.line),
                      let at = run.firstAction(RecordedRun.CommandKey(parsed), atOrAfter: ready) else {
                    found = false
                    break
                }
                done = max(done, at)
            }
            guard found else { previousObserved = false; continue }
            if previousObserved { delays[offset + k].append(max(1, done - ready)) }
            cursor = done
            previousObserved = true
        }
    }

    /// Per step, its estimate when it has at least `minimumObservations` delays (else nil: it keeps its runbook time).
    public func estimates(minimumObservations: Int) -> [Estimate?] {
        delays.map { $0.count >= max(1, minimumObservations) ? Estimate(delays: $0) : nil }
    }
}
