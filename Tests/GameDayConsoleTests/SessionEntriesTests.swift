import Foundation
import Testing
@testable import GameDayConsole
import GameDayEngine

/// What the web front end adds to the one session: held entries struck or applied, participants' requests,
/// decisions, remarks in the journal, and the views' data (messages by role, the spoiler-free world, cues).
@Suite struct SessionEntriesTests {
    @Test func heldEntriesAreStruckOrAppliedAndNothingAppliedIsRewritten() throws {
        let drill = try ConsoleFixture.drill()
        var d = SessionDriver(drill, mode: .facilitate)
        d.type("wait 10m")
        d.carry(d.session.hold("on-call: ack key-in-ev", role: nil, wall: 0))
        d.carry(d.session.hold("at 10m30s security-lead: revoke-key nw-build-signing", role: nil, wall: 0))
        #expect(d.session.pending.map(\.number) == [1, 2])
        #expect(d.session.pending[1].at == 630)
        d.carry(d.session.strike(1, wall: 0))
        d.carry(d.session.apply(2, wall: 0))
        #expect(d.session.pending.isEmpty)
        #expect(d.journal.hasSuffix("""
          # draft 1 at 10m by on-call: ack key-in-ev
          # draft 2 at 10m30s by security-lead: revoke-key nw-build-signing
          # struck 1
          # applied 2
          - {at: 10m30s, by: security-lead, do: 'revoke-key nw-build-signing'}

        """))
        // Striking twice or applying a struck entry: nothing happens but an answer.
        #expect(d.session.strike(1, wall: 0).contains { if case .line(let l) = $0 { l.style == .error } else { false } })
        // A console mistake is never held.
        let before = d.journal
        d.carry(d.session.hold("on-call: revok-key x", role: nil, wall: 0))
        d.carry(d.session.hold("nobody: ack key-in-env", role: nil, wall: 0))
        d.carry(d.session.hold("on-call: file-story Move to KMS --owner on-call", role: nil, wall: 0))
        #expect(d.journal == before)
        // Replay sees only the applied action; the comments are ignored.
        let report = try ConsoleFixture.replay(d.journal, drill: drill)
        #expect(report.actions.map(\.command) == ["revoke-key nw-build-signing"])
        #expect(report.actions == d.session.recordedActions)
    }

    @Test func requestsAreConfirmedOrDismissedAndSurviveAResume() throws {
        let drill = try ConsoleFixture.drill()
        var d = SessionDriver(drill, mode: .facilitate)
        d.carry(d.session.request("please ack the vendor mail\n<b>now</b>", by: "security-lead", wall: 0))
        d.carry(d.session.request("page the IC", by: "on-call", wall: 0))
        d.carry(d.session.request("ignored", by: "nobody", wall: 0))
        #expect(d.session.pending.map(\.line) == ["please ack the vendor mail <b>now</b>", "page the IC"])
        d.carry(d.session.hold("on-call: page incident-commander", role: nil, wall: 0))
        // A resumed session holds the same pending entries, numbered on from the last.
        var resumed = try SessionDriver(resuming: d.journal, drill: drill, mode: .facilitate)
        #expect(resumed.session.pending == d.session.pending)
        resumed.carry(resumed.session.apply(1, line: "ack vendor-notice", wall: 0))
        resumed.carry(resumed.session.strike(2, wall: 0))
        // A confirmation that is not a command of the drill is refused and the request stays.
        resumed.carry(resumed.session.apply(3, line: "please do it", wall: 0))
        #expect(resumed.session.pending.map(\.number) == [3])
        resumed.carry(resumed.session.request("one more", by: "on-call", wall: 0))
        #expect(resumed.session.pending.map(\.number) == [3, 4])
        #expect(resumed.journal.contains("  # confirmed 1\n  - {at: 1s, by: security-lead, do: 'ack vendor-notice'}"))
        #expect(resumed.journal.contains("  # dismissed 2"))
        let report = try ConsoleFixture.replay(resumed.journal, drill: drill)
        #expect(report.actions.map(\.command) == ["ack vendor-notice"])
    }

    @Test func decisionsAreNotesWithTimeAndRole() throws {
        let drill = try ConsoleFixture.drill()
        var d = SessionDriver(drill, mode: .facilitate)
        d.type("wait 5m")
        d.carry(d.session.decision("Keep the release train stopped until the key is rotated", by: "incident-commander", at: 240, wall: 0))
        #expect(d.journal.contains("- {at: 4m, by: incident-commander, do: 'note ''Decision: Keep the release train stopped until the key is rotated'''}"))
        let report = try ConsoleFixture.replay(d.journal, drill: drill)
        #expect(report.actions.first?.command == "note 'Decision: Keep the release train stopped until the key is rotated'")
        #expect(report.actions.first?.outcome.reason == nil)
        #expect(d.session.decision("late", by: nil, at: 10, wall: 0).contains { if case .line(let l) = $0 { l.style == .error } else { false } })
    }

    @Test func remarksSurviveARewriteOfTheJournal() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), mode: .facilitate)
        d.carry(d.session.remark("delivery 2026-11-29T14:00:01Z vendor-notice (T+00:00) → team-chat 1/4: delivered (HTTP 200)"))
        d.type("security-lead: ack vendor-notice")
        d.type("inject key-in-env")  // rewrites the whole file
        #expect(d.journal.contains("  # delivery 2026-11-29T14:00:01Z vendor-notice (T+00:00) → team-chat 1/4: delivered (HTTP 200)\n  - {at: 1s"))
        #expect(JournalDocument.remarks(in: d.journal).map(\.afterActions) == [0])
        #expect(JournalDocument.oneLine("a\nb\u{1B}[2Jc\u{2028}d") == "a b[2Jcd")
    }

    @Test func messagesGoToTheirRoleAndEveryoneAndNeverASilentMove() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), mode: .facilitate)
        d.type("wait 30m")
        let messages = d.session.messages
        #expect(messages.map(\.id) == ["vendor-notice", "key-in-env"])
        #expect(messages.filter { $0.isFor(role: "security-lead") }.map(\.id) == ["vendor-notice"])
        #expect(messages.filter { $0.isFor(role: "on-call") }.map(\.id) == ["key-in-env"])
        #expect(!messages.contains { $0.channel == .silent })
        // The deadlines as known now, and the phase read from the clock alone.
        let deadlines = d.session.deadlines
        #expect(deadlines.first { $0.id == "key-revoked" }?.due == 900)
        #expect(deadlines.first { $0.id == "key-revoked" }?.state == .open)
        #expect(d.session.phase(at: 0) == drill(d).outcomes.min { ($0.within ?? .max) < ($1.within ?? .max) }?.phase)
    }

    private func drill(_ d: SessionDriver) -> Drill { d.session.drill }

    @Test func theWorldSheetKeepsTheDrillsSecrets() throws {
        let drill = try ConsoleFixture.drill("malicious-image-in-registry")
        let sheet = WorldSheet(drill: drill)
        let facts = sheet.sections.flatMap(\.rows).flatMap(\.facts)
        for hidden in WorldSheet.hiddenFields { #expect(!facts.contains { $0.hasPrefix(hidden + ":") }, "\(hidden)") }
        #expect(!facts.contains { $0.hasPrefix("enabled:") && false })
        let names = sheet.sections.flatMap(\.rows).map(\.name)
        #expect(names.contains("ghcr-push-token"))
        #expect(sheet.sections.first { $0.collection == .detections }?.rows.allSatisfy { !$0.facts.contains { $0.hasPrefix("enabled:") } } ?? true)
    }

    @Test(arguments: [
        ("Give the Trivy alert to the on-call at T0 and repeat it. If the team is stuck at 10m, ask: \"why?\". Nothing here.",
         [0, 600]),
        ("The researcher's second email at 2h names a laptop; at 1h30m ask about it.", [7200]),
        ("No times at all, just at the end.", []),
    ])
    func cuesAreTheSentencesThatNameATime(notes: String, times: [Int]) {
        let cues = FacilitatorCue.cues(in: notes)
        #expect(cues.map(\.at) == times)
        #expect(cues.allSatisfy { notes.contains($0.text) })
    }
}
