import Foundation
import Testing
@testable import GameDayConsole
import GameDayEngine

/// The live console's rough edges of issue 10, each seen with the command that shows it.
@Suite struct LiveConsoleFixTests {
    @Test func anAcknowledgedRepeatingInjectIsNotAnnouncedAsComing() throws {
        var d = SessionDriver(try ConsoleFixture.drill("malicious-image-in-registry"), mode: .facilitate)
        // T0: the Trivy alert fired; it repeats every 5m until acknowledged, and pull-audit is due at 5m too.
        #expect(d.session.statusSummary(wall: 0).hasSuffix("next trivy-alert T+05:00"))
        d.type("on-call: ack trivy-alert")
        #expect(d.session.statusSummary(wall: 0).hasSuffix("next pull-audit T+05:00"))
        #expect(!d.type("status").contains { $0.text.contains("trivy-alert [alert]") })
        // And it does not come: the next 'wait' stops at pull-audit, and trivy-alert never fires again.
        d.type("wait")
        d.type("wait 1h")
        let fired = d.session.messages.filter { $0.id == "trivy-alert" }
        #expect(fired.count == 1)
    }

    @Test func afterAPauseTheRecordedTimeAndTheClockAgree() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), mode: .facilitate, pace: .realTime(speed: 60))
        d.tick(to: 10)
        #expect(d.transcript.contains("T+10:00  [chat key-in-env]"))
        d.type("pause")
        d.tick(to: 100)
        let answer = d.type("on-call: ack key-in-env").map(\.text)
        #expect(answer == ["T+10:01  on-call $ ack key-in-env — applied"])
        #expect(d.session.now(wall: 100) == 601)
        #expect(d.session.statusSummary(wall: 100).hasPrefix("T+10:01 | paused"))
        d.type("resume")
        #expect(d.session.now(wall: 101) == 661)
    }

    @Test func theScribeGivesTheTimeAndTheDefaultIsTheClock() throws {
        let drill = try ConsoleFixture.drill()
        var d = SessionDriver(drill, mode: .facilitate)
        d.type("wait 9m")
        // The clock stands at 9m; the scribe says the on-call acknowledged the leak report at 12m: the report due at
        // 10m is shown first, then the action is recorded at 12m, and the clock is at 12m.
        let out = d.type("at 12m on-call: ack key-in-env").map(\.text)
        #expect(out.first?.hasPrefix("T+10:00  [chat key-in-env]") == true)
        #expect(out.contains("T+12:00  on-call $ ack key-in-env — applied"))
        #expect(d.session.now(wall: 0) == 720)
        // Without a time: the clock itself (no inject came due at 12m).
        #expect(d.type("security-lead: revoke-key nw-build-signing").first?.text == "T+12:00  security-lead $ revoke-key nw-build-signing — applied")
        // A time before the last entry, after the end, or not a time: refused, nothing recorded.
        let journal = d.journal
        #expect(d.type("at 11m on-call: page security-lead").first?.text.contains("before the last recorded entry") == true)
        #expect(d.type("at 5h on-call: page security-lead").first?.text.contains("after the end of the run") == true)
        #expect(d.type("at soon on-call: page security-lead").first?.text.contains("'at' takes a drill time") == true)
        #expect(d.type("at 13m wait").first?.text.contains("console command") == true)
        #expect(d.journal == journal)
        #expect(journal.contains("  - {at: 12m, by: on-call, do: 'ack key-in-env'}"))
        let report = try ConsoleFixture.replay(d.journal, drill: drill)
        #expect(report.actions == d.session.recordedActions)
        // Under a running clock a time later than the clock is refused: the clock gets there by itself.
        var live = SessionDriver(drill, mode: .facilitate, pace: .realTime(speed: 1))
        #expect(live.type("at 5m on-call: page security-lead").first?.text.contains("later than the clock") == true)
    }

    @Test func speed60WritesAClockLineAMinuteOfWallTimeNotEverySecond() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), pace: .realTime(speed: 60))
        d.type("security-lead: ack vendor-notice")
        var wall = 0.0
        while wall < 120 { wall += 0.1; d.tick(to: wall) }
        // 120 wall seconds are two hours of drill time: one checkpoint a wall minute, plus one each time an inject
        // came due (10m, 20m, 25m, 35m, 40m, ... the beacon repeats every 5m until acknowledged, 45m, 1h30m).
        let clockLines = d.journal.split(separator: "\n").filter { $0.hasPrefix("  # clock: ") }
        let dueTimes = Set(d.session.simulator.events.compactMap { if case .inject(let t) = $0 { t.at } else { nil } })
        // Before, a line every wall second: 120 of them. Now at most one per due time and two a wall minute apart.
        #expect(clockLines.count <= dueTimes.count + 2, "\(clockLines.count) lines for \(dueTimes.count) due times")
        #expect(!clockLines.isEmpty)
    }

    @Test func investigateCompletesTopicsAndSaysWhenNothingWasFound() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), role: "security-lead")
        let completion = Completer(vocabulary: d.session.vocabulary).complete("investigate ci-", cursor: 15)
        #expect(completion.candidates == ["ci-logs"])
        #expect(completion.replacement == "ci-logs ")
        #expect(d.type("investigate the-moon").map(\.text).last == "         nothing found about 'the-moon'")
        d.type("investigate ci-logs")
        #expect(d.lines.last?.style == .finding)
        #expect(d.type("investigate ci-logs").map(\.text).last == "         nothing new about 'ci-logs': its findings are already known")
    }

    @Test func aRejectedPageOfAMisspeltRoleGetsDidYouMean() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), role: "on-call")
        let out = d.type("page secuirty-lead").map(\.text)
        #expect(out.first?.hasSuffix("REJECTED: no role 'secuirty-lead' to page") == true)
        #expect(out.last == "         did you mean 'security-lead'? ('page security-lead')")
    }

    @Test func declareP1InLowerCaseIsAccepted() throws {
        let drill = try ConsoleFixture.drill()
        var d = SessionDriver(drill, role: "incident-commander")
        #expect(d.type("declare p1").first?.text == "T+00:01  incident-commander $ declare P1 — applied")
        #expect(d.journal.contains("do: 'declare P1'"))
        #expect(d.type("declare p7").first?.text.contains("REJECTED") == true)
        let report = try ConsoleFixture.replay(d.journal, drill: drill)
        #expect(report.actions.first?.outcome.reason == nil)
    }

    @Test func anUnquotedMultiWordTitleIsAnsweredWithQuoteTheTitle() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), role: "security-lead")
        let journal = d.journal
        let out = d.type("file-story Move signing to KMS --owner security-lead --due 14d").map(\.text)
        #expect(out == ["quote the title: file-story 'Move signing to KMS' --owner security-lead --due 14d (nothing recorded)"])
        #expect(d.journal == journal)
        #expect(d.type("file-story 'Move signing to KMS' --owner security-lead").first?.text.hasSuffix("— applied") == true)
    }

    @Test func helpFitsOneScreenAndHelpVerbGivesTheDetails() throws {
        var d = SessionDriver(try ConsoleFixture.drill(), mode: .facilitate)
        let help = d.type("help")
        let rendered = help.flatMap { ConsoleStyle.wrap($0.text, width: 79, indent: $0.hangingIndent) }
        #expect(rendered.count <= 24, "\(rendered.count) lines:\n\(rendered.joined(separator: "\n"))")
        #expect(help.contains { $0.text.contains("revoke-key") && $0.text.contains("schedule-postmortem") })
        #expect(help.contains { $0.text.contains("at TIME COMMAND") })
        let verb = d.type("help file-story").map(\.text)
        #expect(verb == ["file-story TITLE --owner OWNER [--due DUE] — file an improvement story", "  --owner VALUE (required)", "  --due VALUE"])
        #expect(d.type("help wait").first?.text.hasPrefix("wait [DURATION] — move the clock on") == true)
        #expect(d.type("help revok-key").first?.text.contains("did you mean 'revoke-key'?") == true)
    }

    @Test func theEndOfPlayReportWrapsAtWordBoundaries() {
        let text = "Outcomes\n  ✗ key-revoked — The legacy signing key nw-build-signing is revoked at the source within fifteen minutes of the report\nshort"
        let wrapped = TerminalText.wrapped(text, width: 40)
        let lines = wrapped.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 39 })
        #expect(lines.first == "Outcomes" && lines.last == "short")
        // No word is cut: the words are the same, in order.
        #expect(wrapped.split(whereSeparator: \.isWhitespace) == text.split(whereSeparator: \.isWhitespace))
        #expect(lines[2].hasPrefix("    "))
        #expect(TerminalText.wrapped(text, width: nil) == text)
    }
}
