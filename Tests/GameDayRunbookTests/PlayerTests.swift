import Foundation
import Testing
@testable import GameDayRunbook

/// The scripted responder of runbook-format.md 3, against `Fixtures/drills/player.yaml`: `sneak` is silent at 0,
/// `alert` is seen at 5m, `second` at 30m, `never` never fires, the drill ends at 1h.
@Suite struct PlayerTests {
    static let drill = DrillLoader().loadDrill(path: Support.path("drills/player.yaml")).value!

    private func runbook(_ steps: String, detection: String = "- `alert`: the alert") throws -> Runbook {
        let result = Support.load(Support.runbook(steps: steps, detection: detection), drill: Self.drill)
        return try #require(result.value, "\(result.diagnostics)")
    }

    private func times(_ run: RunbookRun, _ r: Int = 0) -> [String] {
        run.play.steps[r].map { $0.done == nil ? "-" : "\($0.start!)-\($0.done!)" }
    }

    @Test func startsWhenATriggerIsSeen() throws {
        let run = Support.play([try runbook("1. `page security-lead` (2m)\n2. `revoke-key prod-signing` (3m)")], drill: Self.drill)
        #expect(run.play.starts == [300])
        #expect(times(run) == ["300-420", "420-600"])
        #expect(run.report.actions.map(\.at) == [420, 600])
    }

    @Test func theFirstTriggerSeenStartsIt() throws {
        let run = Support.play([try runbook("1. `page security-lead` (2m)", detection: "- `second`: b\n- `alert`: a")], drill: Self.drill)
        #expect(run.play.starts == [300])
    }

    @Test func aSilentOrUnfiredTriggerNeverStartsIt() throws {
        for detection in ["- `sneak`: the attacker's own move", "- `never`: a skipped inject"] {
            let run = Support.play([try runbook("1. `page security-lead` (2m)", detection: detection)], drill: Self.drill)
            #expect(run.play.starts == [nil])
            #expect(run.play.steps[0].allSatisfy { $0.done == nil })
            #expect(run.report.actions.isEmpty)
        }
    }

    @Test func withoutAnInjectInDetectionItStartsAtZero() throws {
        let run = Support.play([try runbook("1. `page security-lead` (2m)", detection: "- `signature-anomaly`: the SIEM")], drill: Self.drill)
        #expect(run.play.starts == [0])
        #expect(times(run) == ["0-120"])
    }

    @Test func afterWaitsForTheInjectsFirstSeenFiring() throws {
        let run = Support.play([try runbook("1. `page security-lead` (2m)\n2. `revoke-key prod-signing` (3m, after second)\n3. `note done` (1m)")],
                               drill: Self.drill)
        #expect(times(run) == ["300-420", "1800-1980", "1980-2040"])
    }

    @Test func afterAnInjectAlreadySeenDoesNotWait() throws {
        let run = Support.play([try runbook("1. `page security-lead` (2m)\n2. `revoke-key prod-signing` (3m, after alert)")], drill: Self.drill)
        #expect(times(run) == ["300-420", "420-600"])
    }

    @Test func afterAnInjectThatNeverFiresLeavesTheRestNotReached() throws {
        let run = Support.play([try runbook("1. `page security-lead` (2m)\n2. `revoke-key prod-signing` (3m, after never)\n3. `note done` (1m)")],
                               drill: Self.drill)
        #expect(times(run) == ["300-420", "-", "-"])
        #expect(run.report.outcomes[1].status == .missed)
    }

    @Test func aStepDoneAfterTheEndAndTheRestAreNotReached() throws {
        let run = Support.play([try runbook("1. `page security-lead` (50m)\n2. `note a` (5m)\n3. `note b` (1m)")], drill: Self.drill)
        // 5m + 50m = 55m, + 5m = 60m: exactly the end is reached; 61m is not.
        #expect(times(run) == ["300-3300", "3300-3600", "-"])
    }

    @Test func teamActionsComeBeforeInjectsAtTheSameInstant() throws {
        // The page at exactly 20m comes before `quiet-repeat` is due at 20m, whose `if` then fails: it is skipped.
        let run = Support.play([try runbook("1. `page on-call` (15m)")], drill: Self.drill)
        #expect(run.report.actions.map(\.at) == [1200])
        #expect(run.report.injects.first { $0.id == "quiet-repeat" }?.status == .skipped)
    }

    @Test func severalRunbooksShareOneSimulationInRunbookOrder() throws {
        let first = try runbook("1. `note first` (2m)\n2. `revoke-key prod-signing` (1m)")
        let second = try runbook("1. `note second` (2m)\n2. `page security-lead` (1m, security-lead)", detection: "- `signature-anomaly`: x")
        let run = Support.play([first, second], drill: Self.drill)
        #expect(run.play.starts == [300, 0])
        #expect(run.report.actions.map { "\($0.at) \($0.command)" } == ["120 note second", "180 page security-lead", "420 note first", "480 revoke-key prod-signing"])
        // Drawn durations can put both runbooks at one instant: then --runbook order, then step order.
        let tied = Support.play([first, second], drill: Self.drill, durations: [60, 60, 360, 60])
        #expect(tied.report.actions.map { "\($0.at) \($0.command)" } == ["360 note first", "360 note second", "420 revoke-key prod-signing", "420 page security-lead"])
        #expect(tied.report.actions.map(\.by) == ["on-call", "on-call", "on-call", "security-lead"])
    }

    @Test func aCommandTheSystemRefusesIsRecordedRejected() throws {
        let run = Support.play([try runbook("1. `revoke-key no-such-key` (1m)\n2. `scale` (1m)")], drill: Self.drill)
        #expect(run.play.steps[0].map { $0.outcomes?.first?.reason != nil } == [true, true])
        #expect(try Support.replay(run.log, drill: Self.drill).json.rendered() == run.report.json.rendered())
    }
}
