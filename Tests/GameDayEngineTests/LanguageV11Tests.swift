import Foundation
import Testing
@testable import GameDayEngine

/// Exposures (spec 3.4, 7.6, 7.7, 7.9, 8): intervals, seconds, penalties and their stories. Every expected figure
/// is worked out by hand from the spec's formula, in the comment beside it.
@Suite struct ExposureTests {
    private func frozenExposure(budget: String = "0m", penalty: String = "1", per: String = "1m", max: String = "20") -> String {
        """
        exposures:
          - {id: frozen, title: Registry frozen, check: 'registries["reg"].frozen', budget: \(budget), penalty: \(penalty), per: \(per), max_penalty: \(max)}
        """
    }

    @Test func trueAtT0IsExposedFromZero() throws {
        let h = try Harness("""
        exposures:
          - {id: key-live, title: Key still usable, check: 'keys["prod"].state == "active"', budget: 5m}
        """)
        let r = h.run([("10m", "revoke-key prod")])
        #expect(r.exposures.map(\.intervals) == [[[0, 600]]])
        #expect(r.exposures[0].seconds == 600)
        // 600 s − 300 s budget = 300 s at 1 point a minute: 5 points.
        #expect(r.exposures[0].penalty == 5)
        #expect(r.score == Decimal(string: "95.0"))
        #expect(r.stories.map(\.key) == ["t-drill/key-live"])
        #expect(r.stories[0].title == "Shorten exposure: Key still usable")
        #expect(r.stories[0].source == .exposure && r.stories[0].severity == .p3 && r.stories[0].owner == "security-lead")
        #expect(r.stories[0].due == "2026-12-29")
    }

    @Test func trueAtTheEndIsClosedAtTheEndAndCapped() throws {
        let h = try Harness("""
        exposures:
          - {id: spare-off, check: 'keys["spare"].state == "disabled"'}
          - {id: capped, check: 'keys["spare"].state == "disabled"', max_penalty: 7.5}
        """)
        let r = h.run([])
        #expect(r.exposures.map(\.intervals) == [[[0, 7200]], [[0, 7200]]])
        // 7200 s at 1 a minute is 120 points, capped at 20 and at 7.5.
        #expect(r.exposures.map(\.penalty) == [20, Decimal(string: "7.5")!])
        #expect(r.score == Decimal(string: "72.5"))
        #expect(r.exposures[0].title == "spare-off")
    }

    @Test func severalIntervalsAddUp() throws {
        let h = try Harness(frozenExposure(budget: "10m", penalty: "2"))
        let r = h.run([("5m", "freeze-registry reg"), ("10m", "unfreeze-registry reg"), ("20m", "freeze-registry reg"),
                       ("30m", "unfreeze-registry reg"), ("1h50m", "freeze-registry reg")])
        #expect(r.exposures[0].intervals == [[300, 600], [1200, 1800], [6600, 7200]])
        // 300 + 600 + 600 = 1500 s; 900 s over the budget at 2 points a minute: 30, capped at 20.
        #expect(r.exposures[0].seconds == 1500)
        #expect(r.exposures[0].penalty == 20)
        let under = h.run([("5m", "freeze-registry reg"), ("10m", "unfreeze-registry reg")])
        #expect(under.exposures[0].seconds == 300 && under.exposures[0].penalty == 0)
        #expect(under.stories.isEmpty, "within the budget files no story")
    }

    @Test func aFlipWithinOneInstantLastsNoTime() throws {
        let h = try Harness("""
        injects:
          - {id: thaw, at: 10m, channel: silent, actor: world, effects: ["unfreeze-registry reg"]}
        \(frozenExposure())
        """)
        var simulator = Replay(CompiledDrill(h.drill), log: ResponseLog(drillID: h.drill.id)).makeSimulator()
        let line = "freeze-registry reg"
        guard case .success(let parsed) = CommandParser.parse(words: try ShellWords.split(line), text: line) else { Issue.record(); return }
        simulator.apply(parsed, at: 600, by: "on-call")
        simulator.advance(to: 600)
        let flips = simulator.events.compactMap { event -> String? in
            if case .exposure(let id, let at, let exposed) = event { return "\(id)@\(at):\(exposed)" }
            return nil
        }
        #expect(flips == ["frozen@600:true", "frozen@600:false"])
        let r = simulator.finish(team: nil, started: nil, runDate: Date(timeIntervalSince1970: 0))
        #expect(r.exposures[0].intervals.isEmpty && r.exposures[0].seconds == 0 && r.stories.isEmpty)
        #expect(try exposuresJSON(r) == [#"{"id":"frozen","title":"Registryfrozen","seconds":0,"intervals":[],"penalty":0.0}"#])
    }

    @Test func thePenaltyIsExactAndOnlyTheReportedOneIsRounded() throws {
        // 60 s at 0.45 a minute: 0.45 exactly, reported 0.5; the score is 100 − 0.45 = 99.55, rounded 99.6
        // (binary floating point or the rounded penalty would give 99.5).
        let h = try Harness(frozenExposure(penalty: "0.45"))
        let r = h.run([("10m", "freeze-registry reg"), ("11m", "unfreeze-registry reg")])
        #expect(r.exposures[0].penalty == Decimal(string: "0.5"))
        #expect(r.score == Decimal(string: "99.6"))
        #expect(try exposuresJSON(r) == [#"{"id":"frozen","title":"Registryfrozen","seconds":60,"intervals":[[600,660]],"penalty":0.5}"#])
    }

    @Test func thePenaltyCombinesExactlyWithOutcomeThirds() throws {
        // Outcomes 2 of 3 by weight: 200/3. Exposure 37 s at 1 a minute: 37/60. 200/3 − 37/60 = 66.05 exactly: 66.1.
        let h = try Harness("""
        expect:
          - {id: heavy, phase: detect, check: '"on-call" in paged', weight: 2}
          - {id: light, phase: detect, check: '"nobody" in paged'}
        \(frozenExposure())
        """)
        let r = h.run(by: [("1m", nil, "page on-call"), ("10m", nil, "freeze-registry reg"), ("10m37s", nil, "unfreeze-registry reg")])
        #expect(r.exposures[0].seconds == 37)
        #expect(r.exposures[0].penalty == Decimal(string: "0.6"))
        #expect(r.score == Decimal(string: "66.1"))
    }

    @Test func perCountsTheUnit() throws {
        // 20 minutes over the budget at 1 point per 2 minutes: 10 points.
        let h = try Harness(frozenExposure(per: "2m"))
        let r = h.run([("10m", "freeze-registry reg"), ("30m", "unfreeze-registry reg")])
        #expect(r.exposures[0].penalty == 10)
        #expect(r.score == Decimal(string: "90.0"))
    }

    @Test func storiesComeOutcomesMovesExposuresThenDetections() throws {
        let h = try Harness("""
        injects:
          - {id: unseen, at: 5m, channel: alert, message: m, requires_detection: missing, gap: {title: Watch it}}
        expect:
          - {id: never, phase: detect, check: '"nobody" in paged'}
        forbid:
          - {id: froze, check: 'done("freeze-registry", "reg")'}
        exposures:
          - {id: frozen, check: 'registries["reg"].frozen', gap: {title: Thaw faster, owner: on-call, severity: P2}}
        """)
        let r = h.run([("10m", "freeze-registry reg")])
        #expect(r.stories.map(\.key) == ["t-drill/never", "t-drill/froze", "t-drill/frozen", "t-drill/detection/missing"])
        #expect(r.stories.map(\.source) == [.outcome, .violation, .exposure, .detection])
        #expect(r.stories[2].title == "Thaw faster" && r.stories[2].owner == "on-call" && r.stories[2].severity == .p2)
        // 0 of 1 outcome, −10 for the move, −20 (capped) for 6600 s frozen: clamped to 0.
        #expect(r.score == Decimal(string: "0.0"))
    }

    @Test func aDrillWithoutExposuresReportsAnEmptyList() throws {
        let h = try Harness("expect:\n  - {id: e, phase: detect, check: '\"on-call\" in paged'}\n")
        #expect(try exposuresJSON(h.run([])) == [])
    }
}

/// The report's `exposures` entries, each as the bytes of its JSON object on one line.
private func exposuresJSON(_ report: RunReport) throws -> [String] {
    guard case .object(let fields) = report.json, let (_, value) = fields.first(where: { $0.0 == "exposures" }),
          case .array(let entries) = value else { throw Harness.HarnessError(message: "no exposures array") }
    return entries.map { $0.rendered().replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "") }
}

/// `done_by` (spec 6, 9.22): the same as `done`, by an action whose `by` is the role.
@Suite struct DoneByTests {
    private let body = """
    expect:
      - {id: by-lead, phase: detect, check: 'done_by("security-lead", "page", "on-call")'}
      - {id: by-anyone, phase: detect, check: 'done("page", "on-call")'}
      - {id: lead-paged-someone, phase: detect, check: 'done_by("security-lead", "page")'}
    """

    @Test func trueOnlyForTheRole() throws {
        let h = try Harness(body)
        #expect(h.run(by: [("5m", "on-call", "page on-call")]).outcomes.map(\.metAt) == [nil, 300, nil])
        #expect(h.run(by: [("5m", "security-lead", "page on-call")]).outcomes.map(\.metAt) == [300, 300, 300])
        #expect(h.run(by: [("5m", nil, "page on-call")]).outcomes.map(\.metAt) == [nil, 300, nil])
        #expect(h.run(by: [("5m", "security-lead", "page security-lead")]).outcomes.map(\.metAt) == [nil, nil, 300])
    }

    @Test func aRejectedActionCountsForNothing() throws {
        let h = try Harness(body)
        #expect(h.run(by: [("5m", "security-lead", "page on-call --now")]).outcomes.map(\.metAt) == [nil, nil, nil])
    }
}

/// `unpublish` and `unblock-package` (spec 5, v1.1).
@Suite struct PackageCommandTests {
    private func harness() throws -> Harness { try Harness("expect:\n  - {id: e, phase: detect, check: 'true'}\n") }

    @Test func unpublishAPinnedVersionClearsThePin() throws {
        let s = try harness().simulate(["pin util@1.1", "unpublish util@1.1"])
        #expect(s.lastOutcome == .applied)
        #expect(s.field(.packages, "util", "versions") == "1.0")
        #expect(s.field(.packages, "util", "pinned") == "null")
    }

    @Test func unpublishAnotherVersionKeepsThePin() throws {
        let s = try harness().simulate(["pin util@1.1", "unpublish util@1.0"])
        #expect(s.field(.packages, "util", "versions") == "1.1")
        #expect(s.field(.packages, "util", "pinned") == "1.1")
    }

    @Test func unpublishAMaliciousVersion() throws {
        let s = try harness().simulate(["unpublish left@2.1"])
        #expect(s.lastOutcome == .applied)
        #expect(s.field(.packages, "left", "malicious_versions") == "")
        #expect(s.field(.packages, "left", "versions") == "2.0")
    }

    @Test func unpublishAnUnknownVersionOrPackageIsRejected() throws {
        #expect(try harness().simulate(["unpublish util@9.9"]).lastOutcome == .rejected("version 9.9 of util is not published"))
        #expect(try harness().simulate(["unpublish nope@1"]).lastOutcome?.reason?.contains("'nope' not found") == true)
        #expect(try harness().simulate(["unpublish util"]).lastOutcome == .rejected("write the package as PKG@VERSION, not 'util'"))
    }

    @Test func unblockLiftsTheBlock() throws {
        let s = try harness().simulate(["block-package util", "unblock-package util"])
        #expect(s.field(.packages, "util", "blocked") == "false")
        #expect(try harness().simulate(["unblock-package nope"]).lastOutcome?.reason != nil)
    }

    @Test func theyAreTeamCommandsAndEffects() throws {
        let h = try Harness("""
        injects:
          - {id: takedown, at: 1m, channel: silent, actor: third-party, effects: ["unpublish left@2.1", "unblock-package util"]}
        expect:
          - {id: e, phase: detect, check: 'done("unpublish", "util@1.0")'}
        """)
        let r = h.run([("5m", "unpublish util@1.0")])
        #expect(r.effects.map { $0.outcome } == [.applied, .applied])
        #expect(r.outcomes[0].metAt == 300)
    }
}

/// `actor` (spec 3.1, 8): every effect carries its inject's actor.
@Suite struct ActorTests {
    @Test func everyEffectCarriesItsActor() throws {
        let h = try Harness("""
        injects:
          - {id: attack, at: 1m, channel: silent, effects: ["compromise prod"]}
          - {id: nightly, at: 2m, channel: silent, actor: world, effects: ["scale web 3"]}
          - {id: vendor, at: 3m, channel: email, message: We purged your tokens, actor: third-party, effects: ["revoke push-token"]}
        """)
        let r = h.run([])
        #expect(r.effects.map(\.actor) == [.attacker, .world, .thirdParty])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.json.rendered().utf8)) as? [String: Any])
        let effects = try #require(json["effects"] as? [[String: Any]])
        #expect(effects.map { "\($0["inject"]!):\($0["actor"]!)" } == ["attack:attacker", "nightly:world", "vendor:third-party"])
    }
}
