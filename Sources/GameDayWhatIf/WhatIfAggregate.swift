/// What a what-if run counts over its runs (runbook-format.md 4), in integers only, so that any split of the runs
/// across threads merges to the same figures.
public struct WhatIfAggregate: Sendable, Hashable {
    /// The runs of one quarter of a step's draws: how many, how many passed, and their times to contain.
    public struct Quarter: Sendable, Hashable {
        /// Runs in the quarter.
        public var runs = 0
        /// Of those, how many passed.
        public var passed = 0
        /// Of those, how many had a time to contain.
        public var containRuns = 0
        /// The sum of those times, in seconds.
        public var containSum = 0

        mutating func merge(_ other: Quarter) {
            runs += other.runs
            passed += other.passed
            containRuns += other.containRuns
            containSum += other.containSum
        }
    }

    /// The normal draw below which a step is in its fastest quarter (and above whose negation, its slowest).
    public static let quartile = -0.6744897501960817

    /// Runs counted.
    public var runs = 0
    /// Runs that passed.
    public var passed = 0
    /// Per outcome (file order): met, late, missed, n/a.
    public var outcomes: [[Int]] {
        stride(from: 0, to: outcomeTallies.count, by: 4).map { Array(outcomeTallies[$0..<($0 + 4)]) }
    }
    /// The same counts in one list, four per outcome.
    private var outcomeTallies: [Int]
    /// Per forbidden move (file order): runs in which it triggered.
    public var violations: [Int]
    /// Scores in tenths.
    public var scores = CountHistogram()
    /// The six times of drill-format.md 7.8, in report order, over the runs where each is not null.
    public var metrics: [CountHistogram]
    /// Runs that met the response SLA.
    public var responseMet = 0
    /// Runs that met the resolution SLA.
    public var resolutionMet = 0
    /// Per exposure (file order): runs whose exposure exceeded its budget.
    public var exposureOverBudget: [Int]
    /// Per exposure: its seconds exposed.
    public var exposureSeconds: [CountHistogram]
    /// Per step (flat, runbooks then steps): runs in which it was reached.
    public var stepReached: [Int]
    /// Per step: its drawn durations, capped at the drill's end plus one second.
    public var stepDrawn: [CountHistogram]
    /// Per step: the runs in which it was in its fastest quarter.
    public var fast: [Quarter]
    /// Per step: the runs in which it was in its slowest quarter.
    public var slow: [Quarter]
    /// The drill's end, for capping drawn durations.
    public let end: Int
    /// Each exposure's budget, in seconds.
    let budgets: [Int]

    /// An empty aggregate for `plan`.
    public init(plan: RunbookPlan) {
        let drill = plan.compiled.drill
        outcomeTallies = Array(repeating: 0, count: 4 * drill.outcomes.count)
        violations = Array(repeating: 0, count: drill.forbidden.count)
        metrics = Array(repeating: CountHistogram(), count: 6)
        exposureOverBudget = Array(repeating: 0, count: drill.exposures.count)
        exposureSeconds = Array(repeating: CountHistogram(), count: drill.exposures.count)
        budgets = drill.exposures.map(\.budget)
        let steps = plan.stepCount
        stepReached = Array(repeating: 0, count: steps)
        stepDrawn = Array(repeating: CountHistogram(), count: steps)
        fast = Array(repeating: Quarter(), count: steps)
        slow = Array(repeating: Quarter(), count: steps)
        end = drill.duration
    }

    /// Counts one run: its score, its drawn durations and normal draws, and when each step was done (-1: not reached).
    @inline(__always)
    public mutating func add(_ score: RunScore, durations: [Int], normals: [Double], done: [Int]) {
        runs += 1
        if score.passed { passed += 1 }
        outcomeTallies.withUnsafeMutableBufferPointer { tallies in
            for (k, status) in score.statuses.enumerated() {
                switch status {
                case .met: tallies[4 * k] += 1
                case .late: tallies[4 * k + 1] += 1
                case .missed: tallies[4 * k + 2] += 1
                case .notApplicable: tallies[4 * k + 3] += 1
                }
            }
        }
        for (k, at) in score.triggered.enumerated() where at != nil { violations[k] += 1 }
        scores.add(score.scoreTenths)
        for m in 0..<6 { if let t = score.metric(m) { metrics[m].add(t) } }
        if score.responseMet { responseMet += 1 }
        if score.resolutionMet { resolutionMet += 1 }
        for (k, seconds) in score.exposureSeconds.enumerated() {
            exposureSeconds[k].add(seconds)
            if seconds > budgets[k] { exposureOverBudget[k] += 1 }
        }
        let contain = score.timeToPhase[1], passed = score.passed, cap = end + 1
        // Through the lists' buffers: one uniqueness check per list and run, not one per step.
        stepReached.withUnsafeMutableBufferPointer { reached in
            stepDrawn.withUnsafeMutableBufferPointer { drawn in
                fast.withUnsafeMutableBufferPointer { fast in
                    slow.withUnsafeMutableBufferPointer { slow in
                        for k in durations.indices {
                            if done[k] >= 0 { reached[k] += 1 }
                            drawn[k].add(min(durations[k], cap))
                            let z = normals[k]
                            if z <= Self.quartile {
                                Self.tally(&fast[k], passed, contain)
                            } else if z >= -Self.quartile {
                                Self.tally(&slow[k], passed, contain)
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always) private static func tally(_ quarter: inout Quarter, _ passed: Bool, _ contain: Int?) {
        quarter.runs += 1
        if passed { quarter.passed += 1 }
        if let contain {
            quarter.containRuns += 1
            quarter.containSum += contain
        }
    }

    /// Adds every count of `other` (an aggregate of other runs of the same plan).
    public mutating func merge(_ other: WhatIfAggregate) {
        runs += other.runs
        passed += other.passed
        for k in outcomeTallies.indices { outcomeTallies[k] += other.outcomeTallies[k] }
        for k in violations.indices { violations[k] += other.violations[k] }
        scores.merge(other.scores)
        for m in metrics.indices { metrics[m].merge(other.metrics[m]) }
        responseMet += other.responseMet
        resolutionMet += other.resolutionMet
        for k in exposureOverBudget.indices {
            exposureOverBudget[k] += other.exposureOverBudget[k]
            exposureSeconds[k].merge(other.exposureSeconds[k])
        }
        for k in stepReached.indices {
            stepReached[k] += other.stepReached[k]
            stepDrawn[k].merge(other.stepDrawn[k])
            fast[k].merge(other.fast[k])
            slow[k].merge(other.slow[k])
        }
    }

    /// The mean of the runs' scores in tenths, rounded half away from zero (nil without runs).
    public var meanTenths: Int? {
        runs == 0 ? nil : Int((2 * scores.sum + UInt64(runs)) / (2 * UInt64(runs)))
    }
}
