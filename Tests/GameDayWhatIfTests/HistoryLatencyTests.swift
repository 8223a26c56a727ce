import Foundation
import Testing
@testable import GameDayWhatIf

/// `whatif --from-history`: step times measured in a team's recorded runs. The runs are the reports of replaying the
/// known logs of `Tests/GameDayRunbookTests/Fixtures/history/` (each action's delay is written beside it there); the
/// expected medians and shapes were computed with Python's `statistics.median` and `statistics.stdev` of `math.log`.
@Suite struct HistoryLatencyTests {
    static let drill = Example.plan.compiled.drill

    static func recorded(_ name: String, runID: Int64) throws -> RecordedRun {
        let result = DrillLoader().loadResponseLog(path: Example.path("history/\(name).yaml"), drill: drill)
        let log = try #require(result.value, "\(result.diagnostics.map(\.description))")
        let report = Replay(CompiledDrill(drill), log: log).run(runDate: Date(timeIntervalSince1970: 0))
        return try #require(RecordedRun(runID: runID, reportJSON: report.json.rendered(), drill: drill))
    }

    static func blue() throws -> [RecordedRun] {
        try [recorded("blue-1", runID: 1), recorded("blue-2", runID: 2), recorded("blue-3", runID: 3)]
    }

    @Test func eachStepIsTimedFromWhenItCouldStartToItsLastCommand() throws {
        let latency = HistoryLatency(plan: Example.plan, runs: try Self.blue())
        #expect(latency.runs == 3)
        // Steps in play order: Triage 1-3, Containment 1-2, Eradication 1-2, Recovery 1 and the manual Recovery 2, Learn 1.
        #expect(latency.delays == [
            [120, 60, 180], [30, 60, 20], [50, 30, 100],
            [300, 300, 1200], [300, 120],          // blue-3 never distrusts the key
            [600, 600], [600, 330, 700],           // blue-3's investigation follows a skipped step: not timed
            [300, 300, 200],
            [], [],                                // a manual step has no command; the step after it is never timed
        ])
    }

    @Test func stepsWithEnoughObservationsTakeTheirMedianAndSpread() throws {
        let estimates = HistoryLatency(plan: Example.plan, runs: try Self.blue()).estimates(minimumObservations: 3)
        let medians = estimates.map { $0?.median }
        #expect(medians == [120, 30, 50, 300, nil, nil, 600, 300, nil, nil])
        let sigmas = estimates.map { $0?.sigma }
        let expected: [Double?] = [0.5555483670248628, 0.5555483670248625, 0.6042828180814255, 0.8003774225686292, nil, nil,
                                   0.3972104780659114, 0.23409538931324955, nil, nil]
        for (got, want) in zip(sigmas, expected) {
            if let want { #expect(abs((got ?? nil ?? .nan) - want) < 1e-12) } else { #expect(got == nil) }
        }
        // With two observations enough, the distrust and the investigation are taken too.
        let two = HistoryLatency(plan: Example.plan, runs: try Self.blue()).estimates(minimumObservations: 2)
        #expect(two[4]?.median == 210 && two[5]?.median == 600 && two[5]?.sigma == 0)
    }

    @Test func medianAndSpreadOnHandMadeCases() {
        #expect(HistoryLatency.Estimate(delays: [60, 120]).median == 90)
        #expect(HistoryLatency.Estimate(delays: [7, 1, 3]).median == 3)
        let one = HistoryLatency.Estimate(delays: [42])
        #expect(one.median == 42 && one.sigma == nil)
        // ln 10 and ln 1000 are 2 ln 10 apart: the sample standard deviation of two values is their gap over √2.
        #expect(abs(HistoryLatency.Estimate(delays: [10, 1000]).sigma! - 2 * log(10.0) / 2.0.squareRoot()) < 1e-12)
    }

    @Test func anotherTeamsOrAnUnstartedRunTellsNothing() throws {
        // A run in which neither trigger was shown: the runbook never started there.
        let silent = RecordedRun(runID: 9, firstShown: [:], actions: [.init(at: 30, command: .init(line: "ack laptop-lost"))])
        #expect(HistoryLatency(plan: Example.plan, runs: [silent]).delays.allSatisfy { $0.isEmpty })
        // Red's run times its own steps, which blue's history never reads (the CLI asks the history for one team).
        let redRun = try Self.recorded("red-1", runID: 4)
        let red = HistoryLatency(plan: Example.plan, runs: [redRun])
        #expect(red.delays[0] == [5] && red.delays[3] == [5])
    }

    /// A step written `after X` is timed from X's first showing when that is later than the step before it.
    @Test func anAfterGateStartsTheClockWhenItsInjectIsShown() throws {
        let text = """
        # Runbook: Gated

        ## Summary
        s

        ## Severity
        P1

        ## Owner
        on-call

        ## Detection
        - `laptop-lost`: a report

        ## Containment
        1. Acknowledge: `ack laptop-lost` (1m)
        2. Answer the alert: `ack anomalous-signature` (1m, after anomalous-signature)
        """
        let parsed = MarkdownParser.parse(bytes: Array(text.utf8), file: "gated.md")
        let document = try #require(parsed.document)
        let runbook = try #require(RunbookLoader().load(document: document, drill: Self.drill).value)
        let plan = RunbookPlan(drill: CompiledDrill(Self.drill), runbooks: [runbook])
        let run = RecordedRun(runID: 1, firstShown: ["laptop-lost": 0, "anomalous-signature": 1200],
                              actions: [.init(at: 90, command: .init(line: "ack laptop-lost")),
                                        .init(at: 1300, command: .init(line: "ack anomalous-signature"))])
        #expect(HistoryLatency(plan: plan, runs: [run]).delays == [[90], [100]])
        // When the gate's inject was never shown, the gated step (and any after it) tells nothing.
        let ungated = RecordedRun(runID: 2, firstShown: ["laptop-lost": 0], actions: run.actions)
        #expect(HistoryLatency(plan: plan, runs: [ungated]).delays == [[90], []])
    }

    /// `--run I` with history times prints a log that `gameday run` replays to the run that was counted.
    @Test func aRunWithHistoryTimesReplaysToWhatWasCounted() throws {
        let estimates = HistoryLatency(plan: Example.plan, runs: try Self.blue()).estimates(minimumObservations: 3)
        let whatIf = WhatIf(plan: Example.plan, seed: 7, history: estimates)
        for run in [0, 5, 31, 144] {
            let single = try #require(whatIf.aggregate(run..<(run + 1)))
            let replay = whatIf.replay(run: run, runDate: Date(timeIntervalSince1970: 0))
            let file = NSTemporaryDirectory() + "gameday-whatif-history-run-\(UUID().uuidString).yaml"
            try replay.log.write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let log = try #require(DrillLoader().loadResponseLog(path: file, drill: Self.drill).value)
            let report = Replay(CompiledDrill(Self.drill), log: log).run(runDate: Date(timeIntervalSince1970: 0))
            #expect(report.passed == (single.passed == 1), "run \(run)")
            #expect(single.scores.percentile(50) == NSDecimalNumber(decimal: report.score * 10).intValue, "run \(run)")
            // The first action is the acknowledgement, done after the step's drawn time (median 120 s from history).
            #expect(report.actions.first?.at == whatIf.durations(run: run).durations[0], "run \(run)")
        }
    }

    /// The draws stay runbook-format.md 4's: the same normal draw per step and run; only the medians and shapes of
    /// the steps with history change, and a step's time is still max(1, round(median × exp(σ × z))).
    @Test func onlyMediansAndShapesChange() throws {
        let estimates = HistoryLatency(plan: Example.plan, runs: try Self.blue()).estimates(minimumObservations: 3)
        let plain = WhatIf(plan: Example.plan, seed: 7), measured = WhatIf(plan: Example.plan, seed: 7, history: estimates)
        #expect(measured.times.sigmas[4] == plain.times.sigmas[4] && measured.times.medians[4] == plain.times.medians[4])
        for run in 0..<200 {
            let a = plain.durations(run: run), b = measured.durations(run: run)
            #expect(a.normals == b.normals)
            for k in estimates.indices {
                guard let estimate = estimates[k] else {
                    #expect(a.durations[k] == b.durations[k])
                    continue
                }
                let x = estimate.median * exp(estimate.sigma! * b.normals[k])
                #expect(b.durations[k] == max(1, Int((x + 0.5).rounded(.down))))
            }
        }
    }
}
