import Foundation
import GameDayEngine
import GameDayStore
import Testing

private func invalidPostmortems() -> [String] {
    let folder = Support.fixtures.appendingPathComponent("postmortems/invalid").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
}

/// Reading postmortems in the template: the template itself, its variants, and files that do not follow it.
@Suite struct PostmortemTests {
    @Test func theTemplateReadsField() throws {
        let result = PostmortemParser().load(path: Support.root.appendingPathComponent("postmortems/TEMPLATE.md").path)
        #expect(result.diagnostics == [])
        let p = try #require(result.value)
        #expect(p.title == "Build signing key leaked through a trojaned CI tool")
        #expect(p.date == "2026-10-14")
        #expect(p.severity == .p1)
        #expect(p.team == "platform-security")
        #expect(p.summary.hasPrefix("A trojaned release of a linting tool ran on the shared CI runners"))
        #expect(p.summary.contains("\n"), "line breaks inside a paragraph are kept")
        #expect(p.impact.hasSuffix("while images were re-signed."))
        #expect(p.timeline.count == 7)
        #expect(p.timeline.first == .init(time: "2026-10-14 08:10 UTC", text: "The trojaned linter release is pulled into the shared runner image."))
        #expect(p.timeline[2] == .init(time: "14:20", text: "On-call acknowledges and pages the security lead."))
        #expect(p.rootCause.hasPrefix("The legacy signing key lived as a file"))
        #expect(p.contributingFactors.count == 3)
        #expect(p.contributingFactors[0] == "The key was exported from KMS years ago \"temporarily\" and never rotated.")
        #expect(p.wentWell.count == 2 && p.wentPoorly.count == 2)
        #expect(p.improvements == [
            .init(text: "Move build signing to KMS and stop mounting keys on runners", owner: "platform-lead", due: "2026-11-01"),
            .init(text: "Switch the signature-anomaly SIEM rule back on, with a tuned threshold", owner: "security-lead", due: "2026-10-21"),
            .init(text: "Preserve CI logs before rotating exposed secrets (runbook step)", owner: "security-lead", due: "2026-10-28"),
        ])
    }

    @Test func theTemplatesVariantsAreRead() throws {
        let text = """
        <!-- a comment before the title -->
        # Post-mortem: Registry outage

        - **Date:** 2026-09-30
        - **Severity**: SEV2
        **Team:** delivery

        ## Executive summary
        The registry was down.

        More text.
        ## Impact:
        Deploys failed.
        ## TIMELINE
        | Time (UTC) | What happened | Who |
        |:---|---|---|
        | 2026-09-30 10:00 | Registry \\| proxy restarted | ops |
        | 10:05:30 | Back up | ops |
        ## Root causes
        ```
        disk full
        ```
        ## Contributing factors
        1. No alert on disk
           usage at all.
        2) Logs never rotated
        ## What went well
        * [x] Quick diagnosis
        ## What went wrong
        + Slow comms
        ## Action items
        - [ ] Alert on disk usage (owner: ops-lead, due: 2026-10-15)
        - Rotate logs daily (Owner: ops-lead; due: 2026-10-20)
        """.replacingOccurrences(of: "\n", with: "\r\n")
        let result = PostmortemParser().parse(text, file: "variant.md")
        let p = try #require(result.value, "\(result.diagnostics.map(\.description))")
        #expect(p.title == "Registry outage")
        #expect(p.date == "2026-09-30")
        #expect(p.severity == .p2)
        #expect(p.team == "delivery")
        #expect(p.summary == "The registry was down.\n\nMore text.")
        #expect(p.timeline == [.init(time: "2026-09-30 10:00", text: "Registry | proxy restarted"), .init(time: "10:05:30", text: "Back up")])
        #expect(p.rootCause == "```\ndisk full\n```")
        #expect(p.contributingFactors == ["No alert on disk usage at all.", "Logs never rotated"])
        #expect(p.wentWell == ["Quick diagnosis"])
        #expect(p.wentPoorly == ["Slow comms"])
        #expect(p.improvements == [.init(text: "Alert on disk usage", owner: "ops-lead", due: "2026-10-15"),
                                   .init(text: "Rotate logs daily", owner: "ops-lead", due: "2026-10-20")])
    }

    @Test func improvementsAsAListNeedOwnerAndDue() throws {
        let result = PostmortemParser().parse("""
        # X
        Date: 2026-01-01
        ## Summary
        s
        ## Impact
        i
        ## Timeline
        - 10:00 - t
        ## Root cause
        r
        ## Contributing factors
        - c
        ## What went well
        - w
        ## What went poorly
        - p
        ## Improvements
        - Alert on disk usage (owner: ops-lead, due: 2026-10-15)
        - Rotate logs daily (due: 2026-10-20, owner: ops-lead)
        """, file: "x.md")
        let p = try #require(result.value, "\(result.diagnostics.map(\.description))")
        #expect(p.improvements.map(\.owner) == ["ops-lead", "ops-lead"])
        #expect(p.improvements.map(\.due) == ["2026-10-15", "2026-10-20"])
        #expect(p.timeline == [.init(time: "10:00", text: "t")])
    }

    @Test func anEmptyUnreadableOrLargeFileIsAnError() throws {
        let empty = PostmortemParser().parse("", file: "empty.md")
        #expect(empty.value == nil)
        #expect(empty.diagnostics.first?.description == "empty.md:1:1: error: a postmortem starts with its title: '# TITLE'")
        let missing = PostmortemParser().load(path: "/nonexistent/postmortem.md")
        #expect(missing.diagnostics.map(\.description) == ["/nonexistent/postmortem.md:1:1: error: cannot read the file"])
        let path = Support.temporaryDatabase("big.md")
        try "# Too big for the limit".write(toFile: path, atomically: true, encoding: .utf8)
        let big = PostmortemParser(maxBytes: 10).load(path: path)
        #expect(big.value == nil)
        #expect(big.diagnostics.map(\.description) == ["\(path):1:1: error: the file is larger than 10 bytes"])
    }

    @Test func thereAreEnoughInvalidFixtures() {
        #expect(invalidPostmortems().count >= 12)
    }

    /// Each `postmortems/invalid/NAME.md` gives exactly the diagnostics of `NAME.diagnostics.txt`.
    @Test(arguments: invalidPostmortems())
    func diagnosticsMatch(_ name: String) throws {
        let folder = Support.fixtures.appendingPathComponent("postmortems")
        let result = PostmortemParser().load(path: folder.appendingPathComponent("invalid/\(name)").path)
        #expect(result.value == nil, "\(name) must be refused")
        let actual = result.diagnostics.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
        let expected = try String(contentsOf: folder.appendingPathComponent("invalid/\(name.dropLast(3)).diagnostics.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(actual == expected)
    }

    @Test func theFixtureBaseIsWellFormed() {
        let result = PostmortemParser().load(path: Support.fixtures.appendingPathComponent("postmortems/good.md").path)
        #expect(result.diagnostics == [])
        #expect(result.value != nil)
    }
}
