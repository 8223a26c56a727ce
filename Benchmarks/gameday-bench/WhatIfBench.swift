import Foundation
import GameDayWhatIf

/// `gameday-bench whatif [RUNS] [--jobs J] [--seed S]`: the what-if workload of ../shared/bench (the worked
/// example's drill and runbook), timed in-process: runs/s, events/s and peak memory, for one thread and for J.
func whatIfBench(_ arguments: [String]) {
    let shared = ProcessInfo.processInfo.environment["GAMEDAY_SHARED"] ?? "../shared"
    let drillPath = shared + "/spec/examples/drills/signing-key-compromised.yaml"
    let runbookPath = shared + "/spec/runbook-examples/signing-key-compromised.md"
    let aliasPath = shared + "/spec/runbook-examples/aliases.yaml"
    guard let drill = DrillLoader().loadDrill(path: drillPath).value,
          let aliases = AliasFileLoader().load(path: aliasPath).value,
          let runbook = RunbookLoader(aliases: .withCatalog(before: aliases)).load(path: runbookPath, drill: drill).value else {
        print("cannot load the what-if workload from \(shared)/spec")
        exit(2)
    }
    func option(_ name: String) -> String? {
        arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
    let runs = arguments.first.flatMap(Int.init) ?? 2_000_000
    let jobs = option("--jobs").flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
    let seed = option("--seed").flatMap(UInt64.init) ?? 7
    let plan = RunbookPlan(drill: CompiledDrill(drill), runbooks: [runbook])
    let whatIf = WhatIf(plan: plan, seed: seed)
    // Events per run: the team's actions and the injects' due times of a test play, for the events/s figure.
    let sample = RunbookRun(plan: plan, durations: plan.testDurations, team: nil, runDate: Date(timeIntervalSince1970: 0), recordEvents: false)
    let eventsPerRun = Double(sample.report.actions.count + sample.report.injects.count)
    print("== What-if: \(drill.id), \(runs) runs, seed \(seed) ==")
    var passed = [Int]()
    for threads in Array(Set([1, jobs])).sorted() {
        var result: WhatIfAggregate?
        let elapsed = seconds { result = whatIf.aggregate(runs: runs, jobs: threads) }
        passed.append(result?.passed ?? -1)
        print(String(format: "jobs %d: %10.0f runs/s  %11.0f events/s  %.3f µs a run  %.2f s", threads, Double(runs) / elapsed,
                     Double(runs) * eventsPerRun / elapsed, elapsed / Double(runs) * 1e6, elapsed))
    }
    print("passed: \(passed.map(String.init).joined(separator: " = ")) (the same for every number of threads)")
    print(String(format: "peak resident memory: %.1f MiB", peakResidentMiB()))
}
