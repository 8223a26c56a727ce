import Foundation
import Testing
@testable import GameDayConsole
import GameDayEngine

/// The session state machine with a fake wall clock: what is shown when, what is answered, what is journaled.
@Suite struct ConsoleSessionTests {
    @Test func injectsAppearWhenTheyComeDueUnderAFastClock() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), pace: .realTime(speed: 60))
        #expect(d.transcript.contains("[email vendor-notice] codecover-security → security-lead: CodeCover security notice."))
        #expect(d.tick(to: 9.99).isEmpty)
        let shown = d.tick(to: 10).map(\.text)
        #expect(shown.first?.hasPrefix("T+10:00  [chat key-in-env] dev-marco → on-call: I dumped") == true)
        // The silent attacker move at 25m, the undetected alert at 20m and the skipped beacon are not shown in play.
        d.tick(to: 50)
        #expect(!d.transcript.contains("forged-release") && !d.transcript.contains("signature-anomaly"))
        #expect(d.session.now(wall: 50) == 3000)
        #expect(d.transcript.contains("[chat staging-blocked]"))
    }

    @Test func theClockStandsStillUnderStepUntilTold() throws {
        var d = SessionDriver(try ConsoleFixture.drill())
        #expect(d.tick(to: 10_000).isEmpty)
        #expect(d.session.now(wall: 10_000) == 0)
        let out = d.type("wait 9m").map(\.text)
        #expect(out.isEmpty)
        #expect(d.session.now(wall: d.wall) == 540)
        let next = d.type("wait").map(\.text)
        #expect(next.first?.hasPrefix("T+10:00  [chat key-in-env]") == true)
        // 'wait' in play passes the undetected alert and the attacker's silent move (the key is still active, so the
        // forged operator ships) and stops at the next inject the team sees: the runtime alert, every 5m until acked.
        let later = d.type("wait").map(\.text)
        #expect(later.first?.hasPrefix("T+35:00  [alert operator-beacon] falco → on-call") == true, "\(later)")
        #expect(d.type("wait").first?.text.hasPrefix("T+40:00  [alert operator-beacon]") == true)
        #expect(d.type("wait 0:90").first?.text.contains("wait takes a duration") == true)
    }

    @Test func commandsAreAnsweredAndJournaledWithTheSameSecondRule() throws {
        let drill = try ConsoleFixture.drill()
        var d = SessionDriver(drill, role: "security-lead")
        // The vendor notice was shown at T0: a command typed at T0 is recorded at 1s, after it.
        #expect(d.type("ack vendor-notice").map(\.text) == ["T+00:01  security-lead $ ack vendor-notice — applied"])
        #expect(d.type("revoke-key nope").map(\.text) == ["T+00:01  security-lead $ revoke-key nope — REJECTED: key 'nope' not found"])
        #expect(d.type("ack key-in-env").first?.text.hasSuffix("REJECTED: inject 'key-in-env' has not been shown to the team") == true)
        #expect(d.type("file-story 'Move to KMS'").first?.text.contains("REJECTED: file-story needs --owner") == true)
        d.type("wait 10m")
        #expect(d.type("on-call: ack key-in-env").map(\.text) == ["T+10:01  on-call $ ack key-in-env — applied"])
        d.type("wait 5m")
        // The step clock moved on to 10:01 with the ack; no inject came due since: a command at 15:01 is recorded at 15:01.
        #expect(d.type("investigate nw-build-signing").first?.text == "T+15:01  security-lead $ investigate nw-build-signing — applied")
        #expect(d.lines.last?.style == .finding)
        #expect(d.lines.last?.text.contains("finding key-exposure: The PEM of nw-build-signing") == true)
        #expect(d.journal.hasSuffix("""
        actions:
          - {at: 1s, by: security-lead, do: 'ack vendor-notice'}
          - {at: 1s, by: security-lead, do: 'revoke-key nope'}
          - {at: 1s, by: security-lead, do: 'ack key-in-env'}
          - {at: 1s, by: security-lead, do: 'file-story ''Move to KMS'''}
          # clock: 10m1s
          - {at: 10m1s, by: on-call, do: 'ack key-in-env'}
          # clock: 15m1s
          - {at: 15m1s, by: security-lead, do: 'investigate nw-build-signing'}

        """))
        let report = try ConsoleFixture.replay(d.journal, drill: drill)
        let live = d.session.simulator.events.compactMap { if case .action(let a) = $0 { a } else { nil } }
        #expect(report.actions == live)
    }

    @Test func mistakesAtTheConsoleAreNotRecorded() throws {
        var d = SessionDriver(try ConsoleFixture.drill())
        let journal = d.journal
        #expect(d.type("revok-key nw-build-signing").first?.text.contains("unknown command 'revok-key'; did you mean 'revoke-key'?") == true)
        #expect(d.type("note 'unfinished").first?.text.contains("the quote ' is never closed") == true)
        #expect(d.type("ghost: ack vendor-notice").first?.text.contains("no role 'ghost'") == true)
        #expect(d.type("as nobody").first?.style == .error)
        #expect(d.type("inject key-in-env").first?.text.contains("only the facilitator") == true)
        #expect(d.type("pause").first?.text.contains("--step") == true)
        #expect(d.type("help revoke-key").first?.text == "revoke-key KEY — disable a signing key at the source")
        #expect(d.type("help").contains { $0.text.contains("schedule-postmortem") })
        #expect(d.type("   ").isEmpty)
        #expect(d.journal == journal)
    }

    @Test func statusShowsTheClockWhatFiredAndWhatIsOpen() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), pace: .realTime(speed: 60))
        d.tick(to: 10)
        d.type("ack vendor-notice")
        let status = d.type("status").map(\.text)
        #expect(status.first == "T+10:00 of 4h — running ×60")
        #expect(status.contains("  T+00:00  [email vendor-notice] acknowledged"))
        #expect(status.contains("  T+10:00  [chat key-in-env] open"))
        #expect(status.contains("Open (not acknowledged): key-in-env"))
        #expect(status.contains("Actions: 1 recorded"))
        #expect(!status.contains("Outcomes"))
        #expect(d.session.statusSummary(wall: 10) == "T+10:00 | ×60 | 1 open")
    }

    @Test func pauseResumeAndTheFacilitatorsView() throws {
        let drill = try ConsoleFixture.drill()
        var d = SessionDriver(drill, mode: .facilitate, pace: .realTime(speed: 60))
        #expect(d.transcript.contains("Facilitator notes: Run it with the incident commander"))
        #expect(d.transcript.contains("  T+25:00  forged-release [silent], if its condition holds"))
        d.tick(to: 2)
        #expect(d.type("pause").map(\.text) == ["Paused at T+02:00; 'resume' starts the clock again."])
        d.tick(to: 500)
        #expect(d.session.now(wall: 500) == 120)
        #expect(d.session.statusSummary(wall: 500) == "T+02:00 | paused | 1 open | next key-in-env T+10:00")
        d.type("resume")
        d.tick(to: 530)
        // The facilitator sees the undetected alert, the attacker's silent move and its effects, outcomes met.
        #expect(d.transcript.contains("T+20:00  (signature-anomaly goes unnoticed: detection 'signature-anomaly' is missing or disabled)"))
        #expect(d.transcript.contains("T+25:00  [attacker forged-release] moves silently"))
        #expect(d.transcript.contains("attacker: deploy infra-operator ghcr.io/northwind/infra-operator:1.4.1 — applied"))
        let status = d.type("status").map(\.text)
        #expect(status.contains("Coming up"))
        #expect(status.contains { $0.hasPrefix("  open key-revoked (due T+15:00)") })
    }

    @Test func theFacilitatorBringsAnInjectForwardAndTheJournalSaysSo() throws {
        let drill = try ConsoleFixture.drill()
        var d = SessionDriver(drill, mode: .facilitate)
        d.type("wait 2m")
        let out = d.type("inject staging-blocked").map(\.text)
        #expect(out.first == "T+02:00  staging-blocked brought forward (recorded as 'injected').")
        #expect(out.dropFirst().first?.hasPrefix("T+02:00  [chat staging-blocked] qa-lead → platform-lead") == true)
        #expect(d.type("platform-lead: ack staging-blocked").first?.text == "T+02:01  platform-lead $ ack staging-blocked — applied")
        #expect(d.type("inject staging-blocked").first?.text.contains("already") == true)
        #expect(d.type("inject key-in-env").first?.text.contains("nothing recorded") == false)
        #expect(d.journal.contains("injected:\n  - {at: 2m, inject: staging-blocked}\n  - {at: 2m1s, inject: key-in-env}\nactions:\n  - {at: 2m1s, by: platform-lead, do: 'ack staging-blocked'}\n"))
        d.type("end")
        #expect(d.ended == .ended(at: 121))
        #expect(d.journal.contains("ended_at: 2m1s\n"))
        let report = try ConsoleFixture.replay(d.journal, drill: drill)
        #expect(report.end == 121)
        #expect(report.injects.map(\.id) == ["vendor-notice", "staging-blocked", "key-in-env"])
        let live = d.session.simulator.events.compactMap { if case .action(let a) = $0 { a } else { nil } }
        #expect(report.actions == live)
    }

    @Test func timeIsUpAtTheEnd() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), pace: .realTime(speed: 3600))
        d.tick(to: 3.9)
        #expect(d.ended == nil)
        d.tick(to: 4)
        #expect(d.ended == .timeUp)
        #expect(d.type("ack vendor-notice").last?.text.contains("The session is over") == true)
        var s = SessionDriver(try ConsoleFixture.drill())
        s.type("wait 5h")
        #expect(s.ended == .timeUp)
        #expect(!s.journal.contains("ended_at"))
    }

    @Test func endAtTheFirstSecondAndQuitLeaveWhatReplayNeeds() throws {
        let drill = try ConsoleFixture.drill()
        var d = SessionDriver(drill)
        d.type("end")
        #expect(d.ended == .ended(at: 1))
        #expect(try ConsoleFixture.replay(d.journal, drill: drill).end == 1)
        var q = SessionDriver(drill)
        q.type("wait 12m")
        q.type("quit")
        #expect(q.ended == .left)
        #expect(q.journal.hasSuffix("actions:\n  # clock: 12m\n"))
    }

    @Test func aResumedSessionContinuesWhereTheJournalStops() throws {
        let drill = try ConsoleFixture.drill()
        var first = SessionDriver(drill, role: "security-lead")
        first.type("ack vendor-notice")
        first.type("wait 10m")
        first.type("revoke-key nw-build-signing")
        first.type("wait 3m")
        // Crash: the journal is all that is left, with a torn last line.
        let torn = first.journal + "  - {at: 13m, by: secu"
        let (kept, dropped) = JournalDocument.dropTornLine(Array(torn.utf8))
        #expect(String(decoding: dropped, as: UTF8.self) == "  - {at: 13m, by: secu")
        var second = try SessionDriver(resuming: String(decoding: kept, as: UTF8.self), drill: drill)
        // The step clock stood at 0:01 after the first ack, so 'wait 10m' and 'wait 3m' left it at 13:01.
        #expect(second.session.now(wall: 0) == 781)
        #expect(second.transcript.contains("So far (from the journal):"))
        #expect(second.transcript.contains("T+10:01  security-lead $ revoke-key nw-build-signing — applied"))
        #expect(second.transcript.contains("Resumed at T+13:01 with 2 recorded actions."))
        // What was shown before is not shown again as new; the clock goes on from 13m.
        let next = second.type("wait").map(\.text)
        #expect(next.first?.hasPrefix("T+45:00  [chat staging-blocked]") == true)
        second.type("security-lead: distrust-key nw-build-signing")
        second.type("end")
        let report = try ConsoleFixture.replay(second.journal, drill: drill)
        #expect(report.actions.map(\.command) == ["ack vendor-notice", "revoke-key nw-build-signing", "distrust-key nw-build-signing"])
        let live = second.session.simulator.events.compactMap { if case .action(let a) = $0 { a } else { nil } }
        #expect(report.actions == live)
    }

    @Test func completionVocabularyFollowsTheWorldAndWhatWasShown() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), mode: .facilitate)
        var vocabulary = d.session.vocabulary
        #expect(vocabulary.shownInjects == ["vendor-notice"])
        #expect(vocabulary.pendingInjects == ["key-in-env", "signature-anomaly", "forged-release", "scheduled-release", "operator-beacon", "staging-blocked"])
        #expect(vocabulary.names[.keys]?.contains("nw-build-signing") == true)
        #expect(vocabulary.rolePrefixes)
        d.type("platform-lead: create-key nw-kms --backend kms")
        vocabulary = d.session.vocabulary
        #expect(vocabulary.names[.keys]?.contains("nw-kms") == true)
    }
}
