import Dispatch
import Foundation
import Synchronization

/// A what-if run (runbook-format.md 4): the runbooks played many times against one drill with step times drawn at
/// random, every run from its own generator, so that the counts are the same for any number of threads.
public struct WhatIf: Sendable {
    /// The compiled runbooks.
    public let plan: RunbookPlan
    /// The steps' time distributions.
    public let times: StepTimes
    /// The seed `S`.
    public let seed: UInt64
    /// The default shape of a single duration.
    public let sigma: Double
    /// Per step (flat), the time measured in a team's history that replaces the runbook's; empty without
    /// `--from-history`, nil for a step that keeps its runbook time.
    public let history: [HistoryLatency.Estimate?]

    /// A what-if run of `plan` with `seed` and `sigma`; steps with an estimate in `history` take its median and shape.
    public init(plan: RunbookPlan, seed: UInt64 = 0, sigma: Double = 0.5, history: [HistoryLatency.Estimate?] = []) {
        self.plan = plan
        self.seed = seed
        self.sigma = sigma
        self.history = history
        times = StepTimes(plan: plan, sigma: sigma, history: history)
    }

    /// Step `k`'s estimate from history, nil when it keeps its runbook time.
    public func estimate(_ k: Int) -> HistoryLatency.Estimate? { k < history.count ? history[k] : nil }

    /// Shared between the threads of one what-if run: how many runs are done, and whether to stop.
    public final class Progress: Sendable {
        private let doneRuns = Atomic<Int>(0)
        private let stopped = Atomic<Bool>(false)

        /// A new progress counter.
        public init() {}

        /// Runs done so far.
        public var done: Int { doneRuns.load(ordering: .relaxed) }
        /// Whether the run was asked to stop.
        public var isCancelled: Bool { stopped.load(ordering: .relaxed) }
        /// Asks every thread to stop at its next check.
        public func cancel() { stopped.store(true, ordering: .relaxed) }
        func add(_ runs: Int) { doneRuns.add(runs, ordering: .relaxed) }
    }

    /// The durations and normal draws of run `run`.
    public func durations(run: Int) -> (durations: [Int], normals: [Double]) {
        var durations = [Int](repeating: 0, count: times.count), normals = [Double](repeating: 0, count: times.count)
        times.draw(run: run, seed: seed, durations: &durations, normals: &normals)
        return (durations, normals)
    }

    /// Counts runs `range` on this thread; nil when cancelled part-way.
    public func aggregate(_ range: Range<Int>, progress: Progress? = nil) -> WhatIfAggregate? {
        aggregate(range, on: plan, progress: progress)
    }

    /// Counts runs `range` on this thread with `plan`: this what-if's plan, or a copy of it compiled anew.
    private func aggregate(_ range: Range<Int>, on plan: RunbookPlan, progress: Progress?) -> WhatIfAggregate? {
        var aggregate = WhatIfAggregate(plan: plan)
        var durations = [Int](repeating: 0, count: times.count), normals = [Double](repeating: 0, count: times.count)
        var player = RunbookPlayer(plan: plan)
        var score = RunScore()
        let start = Simulator(plan.compiled, end: plan.compiled.drill.duration, recordEvents: false, recordTraces: false)
        var pending = 0
        var simulator = start
        for run in range {
            times.draw(run: run, seed: seed, durations: &durations, normals: &normals)
            if run != range.lowerBound { simulator.restart(from: start) }
            player.play(plan, on: &simulator, durations: durations)
            simulator.score(into: &score)
            aggregate.add(score, durations: durations, normals: normals, done: player.done)
            pending += 1
            if pending == 4096 {
                progress?.add(pending)
                pending = 0
                if progress?.isCancelled == true { return nil }
            }
        }
        progress?.add(pending)
        return aggregate
    }

    /// Counts `runs` runs split across `jobs` threads (contiguous ranges, merged in order); nil when cancelled.
    public func aggregate(runs: Int, jobs: Int, progress: Progress? = nil) -> WhatIfAggregate? {
        let jobs = max(1, min(jobs, runs))
        guard jobs > 1 else { return aggregate(0..<runs, progress: progress) }
        let parts = Mutex<[WhatIfAggregate?]>(Array(repeating: nil, count: jobs))
        let cancelled = Atomic<Bool>(false)
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            let range = (runs * job / jobs)..<(runs * (job + 1) / jobs)
            // Each thread plays on a plan compiled anew from the same drill and runbooks (the same symbols, the same
            // results): objects no other thread retains and releases, so that their reference counts stay in this
            // core's cache instead of bouncing between cores on every run (--jobs 2 went from 1.4× to 1.8× its one-thread speed).
            let own = RunbookPlan(drill: CompiledDrill(plan.compiled.drill), runbooks: plan.runbooks)
            if let part = aggregate(range, on: own, progress: progress) {
                parts.withLock { $0[job] = part }
            } else {
                cancelled.store(true, ordering: .relaxed)
            }
        }
        guard !cancelled.load(ordering: .relaxed) else { return nil }
        return parts.withLock { all in
            var total = WhatIfAggregate(plan: plan)
            for part in all { total.merge(part!) }
            return total
        }
    }

    /// Run `run` played in full, with its log and its report, as `gameday whatif --run` prints it.
    public func replay(run: Int, team: String? = nil, runDate: Date) -> RunbookRun {
        RunbookRun(plan: plan, durations: durations(run: run).durations, team: team, runDate: runDate)
    }
}
