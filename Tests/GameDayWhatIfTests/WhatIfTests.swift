import Foundation
import Testing
@testable import GameDayWhatIf

/// The worked example of runbook-format.md 4 and the rules behind it. Expected figures come from the spec's own
/// example file, from the published SplitMix64 test vectors, or from an independent computation in Python (noted).
enum Example {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/GameDayRunbookTests/Fixtures")
    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static let plan: RunbookPlan = {
        let drill = DrillLoader().loadDrill(path: path("drills/signing-key-compromised.yaml")).value!
        let aliases = AliasSet.withCatalog(before: AliasFileLoader().load(path: path("aliases.yaml")).value!)
        let runbook = RunbookLoader(aliases: aliases).load(path: path("signing-key-compromised.md"), drill: drill).value!
        return RunbookPlan(drill: CompiledDrill(drill), runbooks: [runbook])
    }()

    /// The spec's expected what-if counts for seed 7 and 300 runs.
    static var expected: [String: Any] {
        let url = root.appendingPathComponent("../shared/spec/runbook-examples/whatif.signing-key-compromised.seed7.json").standardizedFileURL
        let fallback = fixtures.appendingPathComponent("whatif.signing-key-compromised.seed7.json")
        let data = (try? Data(contentsOf: url)) ?? (try! Data(contentsOf: fallback))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}

@Suite struct RandomNumberTests {
    /// Vigna's SplitMix64 from state 0.
    @Test func splitMixTestVectors() {
        var g = SplitMix64(state: 0)
        #expect([g.next(), g.next(), g.next(), g.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC])
    }

    @Test func runStreamsStartWhereTheSpecSays() {
        var a = SplitMix64(run: 4, seed: 7)
        var b = SplitMix64(state: 7 &+ 5 &* SplitMix64.gamma)
        #expect(a.next() == b.next())
        // The state wraps mod 2^64.
        #expect(SplitMix64(run: 0, seed: UInt64.max).state == UInt64.max &+ SplitMix64.gamma)
    }

    /// Run 0 of seed 7: the first three normal draws and all ten durations, computed independently with Python's
    /// math module (glibc's log, cos, sqrt, exp) from the formulas of runbook-format.md 4.
    @Test func normalDrawsAndDurationsOfRunZero() {
        var g = SplitMix64(run: 0, seed: 7)
        #expect([g.normal(), g.normal(), g.normal()] == [0.14938676007064153, -1.2638933287309149, -0.7422230032764001])
        let whatIf = WhatIf(plan: Example.plan, seed: 7)
        #expect(whatIf.durations(run: 0).durations == [65, 64, 41, 242, 339, 1809, 1167, 474, 217, 204])
    }

    @Test func aDrawIsAtLeastOneSecond() {
        // A median of 1 s with a huge shape draws values below 0.5 s for about half the runs: they become 1 s.
        let times = StepTimes(plan: Example.plan, sigma: 50)
        var durations = [Int](repeating: 0, count: times.count), normals = [Double](repeating: 0, count: times.count)
        for run in 0..<200 {
            times.draw(run: run, seed: 1, durations: &durations, normals: &normals)
            #expect(durations.allSatisfy { $0 >= 1 })
        }
    }
}

@Suite struct AggregateTests {
    @Test func nearestRankPercentiles() {
        var h = CountHistogram()
        for v in [5, 1, 4, 2, 3] { h.add(v) }
        // n = 5: p5 → rank ⌈0.25⌉ = 1, p50 → ⌈2.5⌉ = 3, p90 → ⌈4.5⌉ = 5, p95 → 5.
        #expect([h.percentile(5), h.percentile(50), h.percentile(90), h.percentile(95)] == [1, 3, 5, 5])
        var big = CountHistogram()
        for v in 0..<20 { big.add(v * 1000) }
        // n = 20: p50 → rank 10 → 9000; p95 → rank 19 → 18000 (values across several pages).
        #expect(big.percentile(50) == 9000 && big.percentile(95) == 18000)
        #expect(CountHistogram().percentile(50) == nil)
    }

    @Test func mergingEqualsAddingInOneGo() {
        var a = CountHistogram(), b = CountHistogram(), both = CountHistogram()
        for v in [1, 5000, 9000] { a.add(v); both.add(v) }
        for v in [5000, 2, 70000] { b.add(v); both.add(v) }
        a.merge(b)
        #expect(a == both)
        // The same values added in another order allocate their pages in another order: still equal, same hash.
        var reversed = CountHistogram()
        for v in [70000, 2, 5000, 9000, 5000, 1] { reversed.add(v) }
        #expect(reversed == both && reversed.hashValue == both.hashValue)
        #expect([both.percentile(50), both.percentile(100), both.maximum] == [5000, 70000, 70000])
        #expect(both.count(in: 2...9000) == 4 && both.sum == 89003)
        var other = CountHistogram()
        for v in [70000, 2, 5000, 9000, 5000, 2] { other.add(v) }
        #expect(other != both)
    }

    @Test func theMeanIsOfTheRoundedScoresRoundedHalfAwayFromZero() {
        var aggregate = WhatIfAggregate(plan: Example.plan)
        var score = RunScore()
        score.timeToPhase = Array(repeating: nil, count: 5)
        // 99.5, 99.6: mean 99.55 → 99.6 (not 99.5).
        for tenths in [995, 996] {
            score.scoreTenths = tenths
            aggregate.add(score, durations: [], normals: [], done: [])
        }
        #expect(aggregate.meanTenths == 996)
    }
}

@Suite struct WorkedExampleWhatIfTests {
    private func report(runs: Int, seed: UInt64, jobs: Int) throws -> WhatIfReport {
        let whatIf = WhatIf(plan: Example.plan, seed: seed)
        return WhatIfReport(whatIf: whatIf, aggregate: try #require(whatIf.aggregate(runs: runs, jobs: jobs)))
    }

    /// Seed 7, 300 runs: exactly the counts, percentiles and SLA counts of the spec's expected file.
    @Test func countsOfTheSpecsExample() throws {
        let mine = try JSONSerialization.jsonObject(with: Data(try report(runs: 300, seed: 7, jobs: 1).json.rendered().utf8)) as! [String: Any]
        for (key, value) in Example.expected {
            #expect(NSDictionary(dictionary: [key: value]).isEqual(to: [key: mine[key] as Any]), "\(key)")
        }
    }

    /// The same bytes for one thread and for several.
    @Test(arguments: [2, 3, 7])
    func jobsGiveTheSameBytes(_ jobs: Int) throws {
        let one = try report(runs: 1000, seed: 12345, jobs: 1).json.rendered()
        #expect(try report(runs: 1000, seed: 12345, jobs: jobs).json.rendered() == one)
    }

    /// Every run replays: the log of run i, replayed with the engine, gives exactly what the aggregate counted for it.
    @Test func runsReplayToWhatWasCounted() throws {
        let whatIf = WhatIf(plan: Example.plan, seed: 7)
        let drill = Example.plan.compiled.drill
        for run in [0, 1, 2, 17, 64, 150, 299] {
            let single = try #require(whatIf.aggregate(run..<(run + 1)))
            let replay = whatIf.replay(run: run, runDate: Date(timeIntervalSince1970: 0))
            let file = NSTemporaryDirectory() + "gameday-whatif-run-\(UUID().uuidString).yaml"
            try replay.log.write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let log = try #require(DrillLoader().loadResponseLog(path: file, drill: drill).value)
            let report = Replay(CompiledDrill(drill), log: log).run(runDate: Date(timeIntervalSince1970: 0))
            #expect(report.passed == (single.passed == 1), "run \(run)")
            #expect(single.scores.percentile(50) == NSDecimalNumber(decimal: report.score * 10).intValue, "run \(run)")
            for (k, outcome) in report.outcomes.enumerated() {
                let column = ["met": 0, "late": 1, "missed": 2, "n/a": 3][outcome.status.rawValue]!
                #expect(single.outcomes[k][column] == 1, "run \(run) outcome \(outcome.id)")
            }
            #expect(single.metrics[2].percentile(50) == report.metrics.timeToPhase[.contain], "run \(run)")
        }
    }

    @Test func stepsHaveReachCountsAndInfluences() throws {
        let report = try report(runs: 2000, seed: 7, jobs: 2)
        let a = report.aggregate
        #expect(a.stepReached.count == 10)
        #expect(a.stepReached.allSatisfy { $0 <= 2000 && $0 > 1900 })
        // Each quarter holds about a quarter of the runs.
        #expect(a.fast.allSatisfy { $0.runs > 400 && $0.runs < 600 })
        // Paging the security lead late fails the first outcome: its slow quarter passes no less often than its fast.
        #expect(report.influence(1).pass.map { $0 <= 0 } == true)
        // The revoke decides whether the 20m inject fires: a slow revoke costs passes.
        #expect(report.mostInfluential(3).contains(3))
    }
}
