import Foundation
import Testing
@testable import GameDayEngine

@Suite struct InjectTests {
    @Test func detectionIfRepeatUntilAndSilent() throws {
        let h = try Harness("""
        injects:
          - {id: seen, at: 5m, channel: alert, message: a, requires_detection: det}
          - {id: unseen, at: 5m, channel: alert, message: b, requires_detection: missing, gap: {title: Watch it}}
          - {id: unseen-too, at: 6m, channel: alert, message: c, requires_detection: missing, gap: {title: Second}}
          - {id: disabled, at: 5m, channel: alert, message: d, requires_detection: "off"}
          - {id: guarded, at: 10m, channel: chat, message: e, if: 'keys["prod"].state == "disabled"'}
          - {id: nag, at: 10m, channel: page, message: f, repeat: 5m}
          - {id: nag-until, at: 10m, channel: page, message: g, repeat: 10m, until: 'now >= 30m'}
          - {id: sneaky, at: 1m, channel: silent, effects: ["compromise prod"]}
        """, duration: "40m")
        let r = h.run([("20m", "ack nag"), ("2m", "ack sneaky")])
        let trace = r.injects.map { "\($0.id)@\($0.at / 60):\($0.status.rawValue)" }
        #expect(trace == ["sneaky@1:fired", "seen@5:fired", "unseen@5:undetected", "disabled@5:undetected", "unseen-too@6:undetected",
                          "guarded@10:skipped", "nag@10:fired", "nag-until@10:fired", "nag@15:fired", "nag-until@20:fired"])
        #expect(r.actions.map { $0.outcome.reason } == ["inject 'sneaky' has not been shown to the team", nil])
        #expect(r.stories.map(\.key) == ["t-drill/detection/missing"])
        #expect(r.stories[0].title == "Watch it")
        #expect(r.stories[0].source == .detection)
    }

    @Test func repeatsRunUpToAndIncludingTheEnd() throws {
        let h = try Harness("injects:\n  - {id: tick, at: 0m, channel: chat, message: t, repeat: 10m}\n", duration: "30m")
        #expect(h.run([]).injects.map(\.at) == [0, 600, 1200, 1800])
        #expect(h.run([], endedAt: 1500).injects.map(\.at) == [0, 600, 1200])
    }

    @Test func broughtForwardInjectsRepeatFromTheirNewTime() throws {
        let h = try Harness("injects:\n  - {id: tick, at: 20m, channel: chat, message: t, repeat: 15m}\n", duration: "40m")
        #expect(h.run([], injected: [(300, "tick")]).injects.map(\.at) == [300, 1200, 2100])
    }

    @Test func teamActionsGoBeforeInjectsAtOneInstant() throws {
        let h = try Harness("""
        injects:
          - {id: attack, at: 20m, channel: silent, if: 'keys["prod"].state == "active"', effects: ["push-image evil --registry reg --sign-with prod --malicious"]}
        """)
        #expect(h.run([("20m", "revoke-key prod")]).injects[0].status == .skipped)
        #expect(h.run([("20m", "note slow")]).injects[0].status == .fired)
    }

    @Test func averedEffectsLeaveTheWorldAlone() throws {
        let h = try Harness("""
        injects:
          - {id: attack, at: 20m, channel: silent, effects: ["push-image evil --registry reg --sign-with prod --malicious", "deploy web evil"]}
        expect:
          - {id: clean, phase: recover, hold: true, check: 'workloads.all(w, !images[w.image].malicious)'}
        """)
        let distrusted = h.run([("5m", "distrust-key prod")])
        #expect(distrusted.effects.map { $0.outcome.reason == nil } == [true, false])
        #expect(distrusted.outcomes[0].status == .met)
        #expect(distrusted.outcomes[0].metAt == 0)
        let open = h.run([])
        #expect(open.outcomes[0].status == .missed)
        #expect(open.outcomes[0].metAt == nil)
    }

    @Test func runtimeErrorsBecomeDefects() throws {
        let h = try Harness("""
        injects:
          - {id: a, at: 1m, channel: chat, message: m, if: 'paged[3] == "x"'}
        expect:
          - {id: e, phase: detect, check: '[1, 2][5] == 1'}
        """)
        let r = h.run([])
        #expect(r.injects[0].status == .skipped)
        #expect(r.defects.map(\.location) == ["expect/e/check", "inject/a/if"])
        #expect(r.defects[0].message == "index 5 is out of range for a list of 2")
        #expect(r.outcomes[0].status == .missed)
    }
}

@Suite struct ScoringTests {
    private let body = """
    injects:
      - {id: trigger, at: 10m, channel: alert, message: go}
      - {id: never, at: 10m, channel: alert, message: no, if: 'false'}
    expect:
      - {id: paged, phase: detect, check: '"security-lead" in paged', within: 5m}
      - {id: revoked, phase: contain, check: 'keys["prod"].state == "disabled"', within: 10m, after: trigger, weight: 3, critical: true, gap: {owner: on-call}}
      - {id: na, phase: contain, check: 'postmortem_scheduled', within: 5m, after: never}
      - {id: story, phase: learn, check: 'size(stories) >= 1', weight: 1.5}
    forbid:
      - {id: bad, check: 'done("delete-image")', penalty: 25, gap: {title: Keep images, severity: P1}}
    """

    @Test func metLateMissedAndNotApplicable() throws {
        let r = try Harness(body).run([("4m", "page security-lead"), ("25m", "revoke-key prod")])
        #expect(r.outcomes.map(\.status) == [.met, .late, .notApplicable, .missed])
        #expect(r.outcomes.map(\.deadline) == [300, 1200, nil, nil])
        #expect(r.outcomes[2].credit == 0)
        // (1 + 3 × 0.5 + 0) / (1 + 3 + 1.5) = 2.5 / 5.5 = 45.45… → 45.5
        #expect(r.score == Decimal(string: "45.5"))
        #expect(!r.passed)
        #expect(r.metrics.timeToPhase[.detect] == 240)
        #expect(r.metrics.timeToPhase[.contain] == 1500)
        #expect(r.metrics.timeToPhase[.learn] == nil)
        #expect(r.metrics.timeToAcknowledge == nil)
        #expect(!r.metrics.responseMet)
    }

    @Test func storiesTakeGapFieldsAndDueDates() throws {
        let r = try Harness(body, severity: "P1").run([("25m", "revoke-key prod"), ("30m", "delete-image lib:1")])
        #expect(r.stories.map(\.key) == ["t-drill/paged", "t-drill/revoked", "t-drill/story", "t-drill/bad"])
        #expect(r.stories.map(\.title) == ["Close gap: paged", "Close gap: revoked", "Close gap: story", "Keep images"])
        #expect(r.stories.map(\.owner) == ["security-lead", "on-call", "security-lead", "security-lead"])
        #expect(r.stories.map(\.severity) == [.p3, .p1, .p3, .p1])
        #expect(r.stories.map(\.due) == ["2026-12-29", "2026-12-06", "2026-12-29", "2026-12-06"])
        // 3 × 0.5 / 5.5 = 27.27 − 25 = 2.27 → 2.3
        #expect(r.score == Decimal(string: "2.3"))
        #expect(r.violations.map(\.at) == [1800])
    }

    @Test func scoreClampsAtZero() throws {
        let r = try Harness(body).run([("1m", "delete-image lib:1")])
        #expect(r.score == 0)
    }

    @Test func allNotApplicableScoresAHundredLessPenalties() throws {
        let h = try Harness("""
        injects:
          - {id: never, at: 10m, channel: alert, message: no, if: 'false'}
        expect:
          - {id: na, phase: contain, check: 'true', within: 5m, after: never}
        forbid:
          - {id: bad, check: 'done("note")', penalty: 7.5}
        """)
        #expect(h.run([]).score == 100)
        #expect(h.run([]).passed)
        let penalised = h.run([("1m", "note oops")])
        #expect(penalised.score == Decimal(string: "92.5"))
        #expect(penalised.outcomes[0].metAt == 0)
    }

    @Test func roundingIsHalfAwayFromZero() {
        #expect(Scorer.round(Decimal(string: "17.25")!, places: 1) == Decimal(string: "17.3"))
        #expect(Scorer.round(Decimal(string: "17.24999")!, places: 1) == Decimal(string: "17.2"))
        #expect(Scorer.round(Decimal(string: "0.05")!, places: 1) == Decimal(string: "0.1"))
    }

    @Test func criticalOutcomesMustBeMetToPass() throws {
        let h = try Harness("""
        scoring: {pass_score: 50, late_credit: 0.9, story_sla: {P3: 2w}}
        expect:
          - {id: a, phase: contain, check: 'keys["prod"].state == "disabled"', within: 5m, critical: true}
          - {id: b, phase: detect, check: '"on-call" in paged'}
        """)
        let late = h.run([("10m", "revoke-key prod"), ("1m", "page on-call")])
        #expect(late.score == Decimal(string: "95.0"))
        #expect(!late.passed)
        #expect(late.stories[0].due == "2026-12-13")
        #expect(h.run([("1m", "revoke-key prod")]).passed)
    }

    @Test func holdOutcomesAreMetWhenTheyLastBecameTrue() throws {
        let h = try Harness("""
        expect:
          - {id: h, phase: recover, hold: true, check: 'workloads["web"].replicas == 2', within: 30m}
        """)
        #expect(h.run([("10m", "scale web 3"), ("40m", "scale web 2")]).outcomes[0].status == .late)
        #expect(h.run([("10m", "scale web 3"), ("20m", "scale web 2")]).outcomes[0].metAt == 1200)
        #expect(h.run([("10m", "scale web 3")]).outcomes[0].metAt == nil)
    }

    @Test func slasFollowTheSeverity() throws {
        let h = try Harness("""
        injects:
          - {id: a, at: 0m, channel: chat, message: m}
        expect:
          - {id: r, phase: recover, check: '"on-call" in paged'}
        """, severity: "P2")
        let r = h.run([("50m", "ack a"), ("2h", "page on-call")])
        #expect(r.metrics.timeToAcknowledge == 3000)
        #expect(r.metrics.responseLimit == 3600 && r.metrics.responseMet)
        #expect(r.metrics.resolutionLimit == 86_400 && r.metrics.resolutionMet)
    }
}

@Suite struct PropertyTests {
    @Test func randomLogsNeverCrashStayInRangeAndAreDeterministic() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let drillFiles = ["signing-key-compromised", "runner-compromise", "malicious-dependency", "malicious-image-in-registry"].map { root.path + "/drills/\($0).yaml" }
            + [Bundle.module.resourceURL!.appendingPathComponent("Fixtures/examples-v1.1/drills/poisoned-package.yaml").path]
        var rng = SplitMix64(seed: 0x5EED)
        for file in drillFiles {
            let drill = try #require(DrillLoader().loadDrill(path: file).value, "\(file) must load")
            let compiled = CompiledDrill(drill)
            var words = drill.world.collections.values.flatMap { $0.map(\.name) } + drill.injects.map(\.id) + drill.findings.map(\.topic)
            words += ["P1", "P5", "ci-only", "new-thing", "--all", "x@1", "3", "-1"]
            let verbs = CommandSpec.all.map(\.verb)
            let roles: [String?] = [nil] + drill.world.names(.roles)
            for _ in 0..<150 {
                var actions: [ResponseLog.Action] = []
                for _ in 0..<Int(rng.next() % 25) {
                    var line = [verbs[Int(rng.next() % UInt64(verbs.count))]]
                    for _ in 0..<Int(rng.next() % 4) { line.append(words[Int(rng.next() % UInt64(words.count))]) }
                    if rng.next() % 3 == 0 { line += ["--key", words[Int(rng.next() % UInt64(words.count))]] }
                    let at = Int(rng.next() % UInt64(drill.duration + 1))
                    actions.append(.init(at: at, by: roles[Int(rng.next() % UInt64(roles.count))], line: line.joined(separator: " "), words: line,
                                         location: SourceLocation(file: "r", line: 1, column: 1)))
                }
                let log = ResponseLog(drillID: drill.id, started: "2026-01-01T00:00:00Z", actions: actions)
                let replay = Replay(compiled, log: log)
                let first = replay.run(runDate: Date(timeIntervalSince1970: 0))
                let second = Replay(CompiledDrill(drill), log: log).run(runDate: Date(timeIntervalSince1970: 0))
                #expect(first.score >= 0 && first.score <= 100)
                #expect(first.json.rendered() == second.json.rendered())
                #expect(first.actions.count == actions.count)
                #expect(first.exposures.count == drill.exposures.count)
                // The simulator's integer score equals the decimal formula of spec 7.7 recomputed from the report.
                let costs = zip(first.exposures, drill.exposures).map { result, spec in
                    Scorer.ExposureCost(penalty: spec.penalty, per: spec.per, maxPenalty: spec.maxPenalty, excess: result.seconds - spec.budget)
                }
                #expect(first.score == Scorer.decimalScore(outcomes: first.outcomes, violations: first.violations, exposures: costs))
                for (exposure, spec) in zip(first.exposures, drill.exposures) {
                    // Intervals are in time order, disjoint, inside the run, of positive length, and add up to the seconds.
                    var last = 0
                    for interval in exposure.intervals {
                        #expect(interval[0] >= last && interval[1] > interval[0] && interval[1] <= first.end)
                        last = interval[1]
                    }
                    #expect(exposure.seconds == exposure.intervals.reduce(0) { $0 + $1[1] - $1[0] })
                    #expect(exposure.penalty <= spec.maxPenalty + Decimal(string: "0.05")!)
                    #expect(first.stories.contains { $0.key == "\(drill.id)/\(spec.id)" } == (exposure.seconds > spec.budget))
                }
            }
        }
    }
}

/// A seeded generator for reproducible random tests.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct ScorerEquivalenceTests {
    /// The integer fast path and the decimal path agree on every score, including ties at the rounding boundary.
    @Test func integerAndDecimalScoresAgree() {
        var rng = SplitMix64(seed: 42)
        let weights: [Decimal] = [1, 2, 3, Decimal(string: "0.5")!, Decimal(string: "1.25")!, Decimal(string: "0.001")!, 7]
        let credits: [Decimal] = [1, 0, Decimal(string: "0.5")!, Decimal(string: "0.25")!, Decimal(string: "0.333")!]
        let statuses: [RunReport.Status] = [.met, .late, .missed, .notApplicable]
        for _ in 0..<2000 {
            let outcomes = (0..<Int(rng.next() % 8)).map { i in
                RunReport.OutcomeResult(id: "o\(i)", title: "", phase: .detect, status: statuses[Int(rng.next() % 4)], deadline: nil, metAt: nil,
                                        weight: weights[Int(rng.next() % UInt64(weights.count))],
                                        credit: credits[Int(rng.next() % UInt64(credits.count))], critical: false)
            }
            let violations = (0..<Int(rng.next() % 3)).map { i in
                RunReport.Violation(id: "v\(i)", title: "", at: 0, penalty: [Decimal(10), Decimal(string: "2.5")!, 0][Int(rng.next() % 3)])
            }
            let fast = Scorer.integerScore(outcomes: outcomes, violations: violations)
            #expect(fast != nil)
            #expect(fast == Scorer.decimalScore(outcomes: outcomes, violations: violations))
        }
    }
}

@Suite struct FastPathTests {
    /// The specialised shapes give the same answers as the general evaluator, missing entities and nulls included.
    @Test func specialisedShapesMatchTheGeneralRules() throws {
        let h = try Harness("""
        expect:
          - {id: a, phase: detect, check: 'keys["nope"].state != "active"'}
          - {id: b, phase: detect, check: 'keys["nope"].state == "active"'}
          - {id: c, phase: detect, check: 'images["app:unsigned"].signed_by != "prod"'}
          - {id: d, phase: detect, check: '"security-lead" in paged'}
          - {id: e, phase: detect, check: '("security-lead" in paged) == ("security-lead" in paged.map(x, x))'}
          - {id: f, phase: detect, check: 'keys["prod"].state == "disabled" && (keys["prod"]).state == "disabled"'}
        """)
        let r = h.run([("5m", "page security-lead"), ("6m", "revoke-key prod")])
        #expect(r.outcomes.map(\.metAt) == [0, nil, 0, 300, 0, 360])
    }
}
