import Foundation
import Testing
@testable import GameDayReports

/// The debrief's content: summary, impact, times, and the blameless rule that it names roles, never people.
@Suite struct DebriefTests {
    @Test(arguments: Examples.names)
    func theSummaryHasThreeToFiveSentences(_ name: String) throws {
        let view = DebriefView(try Examples.example(name))
        #expect((3...5).contains(view.summary.count), "\(view.summary)")
        #expect(view.summary.allSatisfy { $0.hasSuffix(".") })
    }

    @Test func theSlowRunsSummaryAndImpact() throws {
        let view = DebriefView(try Examples.example("signing-key-compromised.slow"))
        #expect(view.summary == [
            "Team platform-security ran the P1 drill “Signing key compromised” on 2026-11-29 for 2h and scored 17.3 of 100 against a pass mark of 70: not passed.",
            "The attacker pushed 1 image and deployed to 1 workload; key prod-signing was compromised and still active for 26m (from before T0) "
                + "and workload payments-api served a malicious image (ghcr.io/acme/payments-api:evil) for 27m.",
            "Of 7 expected outcomes, 1 was met in time, 2 were late and 4 were missed; the critical outcome “Signing key disabled at the source” was late.",
            "1 forbidden move was made (−10 points) and 1 command was rejected by the pipeline.",
            "The run leaves 7 improvement stories, the most severe P2, the first due 2026-12-13.",
        ])
        #expect(view.impactAchieved.map(\.text) == [
            "pushed image ghcr.io/acme/payments-api:evil to ghcr-acme, signed by prod-signing (malicious)",
            "deployed ghcr.io/acme/payments-api:evil to workload payments-api",
        ])
        #expect(view.impactAchieved.first?.at == "14:20:00")
        #expect(view.wentPoorly.contains { $0.text.contains("rejected: signing failed") })
        #expect(view.wentWell.map(\.text).contains("A new KMS key is issued and trusted — met in time (deadline 15:00:00)"))
    }

    @Test func theGoodRunAvertedTheAttacker() throws {
        let view = DebriefView(try Examples.example("signing-key-compromised.good"))
        #expect(view.summary[1] == "The attacker made no move that succeeded during the drill (1 move was averted), "
                + "but key prod-signing was compromised and still active for 9m (from before T0).")
        #expect(!view.impactNone, "the leaked key was usable for the first 9 minutes")
        #expect(view.impactAverted.count == 1 && view.impactAverted[0].text.hasPrefix("anomalous-signature did not happen"))
        #expect(view.teamStories.map(\.text) == ["Move signing to KMS only — owner security-lead, due in 2w"])
    }

    @Test func whatTheAttackerLeftExposed() throws {
        let impact = AttackImpact(try Injection.record())
        #expect(impact.imagesPushed == ["<script>alert(1)</script>"])
        #expect(impact.exposedCredentials == ["=cmd|'/Ccalc'!A0"])
        #expect(impact.averted.count == 1 && impact.averted[0].text.contains("admission denied"))
        #expect(impact.maliciousWorkloads.isEmpty)
    }

    /// Without `started`, times are T+mm:ss and the run's date comes from the CLI.
    @Test func withoutAStartTimesAreOffsets() throws {
        let dir = try ExternalTool.scratchFolder("debrief-offsets")
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = try Fixture.drill(in: dir, """
        injects:
          - {id: hello, at: 1m, channel: chat, to: on-call, message: Hello}
        expect:
          - {id: paged, phase: detect, check: '"security-lead" in paged', within: 5m}
        """, log: "actions:\n  - {at: 2m, by: on-call, do: page security-lead}\n")
        let view = DebriefView(record)
        #expect(!view.timesInUTC && view.timeHeading == "Drill time")
        #expect(view.timeline.map(\.time) == ["T+01:00", "T+02:00", "T+02:00", "T+1:00:00"])
        #expect(view.run == "small-2026-12-01" && view.date == "2026-12-01")
        let md = try #require(try Examples.files(record).first { $0.path == "report.md" }).contents
        #expect(md.contains("| T+02:00 | T+02:00 | on-call | page security-lead | applied |"))
        #expect(view.summary[0].hasPrefix("The team ran the P3 drill “Small drill” on 2026-12-01 for 1h"))
    }

    /// Roles are named; the people behind them (the world's `person` and `backup`) never are.
    @Test func namesRolesNeverPeople() throws {
        let people = ["Dana", "Sam", "Lee", "Priya", "Mallory", "Doe", "Roe"]
        var outputs = try Examples.files(try Examples.example("signing-key-compromised.slow"))
        outputs += try Examples.files(try Examples.example("signing-key-compromised.good"))
        outputs += try Examples.files(try Injection.record())
        for file in outputs {
            for person in people {
                #expect(InjectionTests.matches("\\b\(person)\\b", in: file.contents).isEmpty, "\(file.path) names \(person)")
            }
        }
    }
}
