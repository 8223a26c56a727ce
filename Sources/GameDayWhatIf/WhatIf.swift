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

    /// A what-if run of `plan` with `seed` and `sigma`.
    public init(plan: RunbookPlan, seed: UInt64 = 0, sigma: Double = 0.5) {
        self.plan = plan
        self.seed = seed
        self.sigma = sigma
        times = StepTimes(plan: plan, sigma: sigma)
    }

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
            if let part = aggregate(range, progress: progress) {
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
