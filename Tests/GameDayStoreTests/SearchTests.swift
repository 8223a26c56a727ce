import Foundation
import GameDayEngine
import GameDayStore
import Testing

/// Full-text search over runs, findings, stories and postmortems.
@Suite struct SearchTests {
    /// A well-formed postmortem with the given title and summary (the other sections are plain filler).
    static func postmortem(_ title: String, date: String = "2026-10-01", summary: String, impact: String = "Some builds were delayed.") throws -> Postmortem {
        let text = """
        # \(title)

        Date: \(date)

        ## Summary
        \(summary)

        ## Impact
        \(impact)

        ## Timeline
        - 10:00 — Something happened.

        ## Root cause
        A configuration change.

        ## Contributing factors
        - No review.

        ## What went well
        - Fast rollback.

        ## What went poorly
        - Slow paging.

        ## Improvements
        - Add review (owner: platform-lead, due: 2026-11-01)
        """
        let result = PostmortemParser().parse(text, file: "inline.md")
        return try #require(result.value, "\(result.diagnostics)")
    }

    /// A store with the slow signing-key run (and its findings) and two postmortems.
    static func corpus() throws -> HistoryStore {
        let store = try Support.store()
        let drill = try Support.drill("signing-key-compromised")
        let report = try Support.slow()
        try store.record(report: report, findings: drill.findings.filter { report.findings.contains($0.id) }, runDate: Support.runDate)
        try store.importPostmortem(try postmortem("Registry token leaked in a build log",
                                                  summary: "A push token was printed by a debug step and copied from the log."),
                                   markdown: "", source: "a.md", importedAt: Support.runDate)
        try store.importPostmortem(try postmortem("Database failover took an hour", date: "2026-09-01",
                                                  summary: "The primary database failed over slowly. Nobody could find the runbook; "
                                                      + "a token for the backup bucket had expired and had to be reissued by hand."),
                                   markdown: "", source: "b.md", importedAt: Support.runDate)
        return store
    }

    @Test func aTitleMatchRanksAboveABodyMatch() throws {
        let hits = try Self.corpus().search("token")
        let postmortems = hits.filter { $0.kind == .postmortem }
        #expect(postmortems.map(\.title) == ["Postmortem: Registry token leaked in a build log (2026-10-01)",
                                             "Postmortem: Database failover took an hour (2026-09-01)"])
        #expect(hits.map(\.rank) == hits.map(\.rank).sorted(), "best match first")
        #expect(hits.first?.kind == .postmortem)
    }

    @Test func everyWordMustMatchBeforeAnyWordDoes() throws {
        let store = try Self.corpus()
        let both = try store.search("failover runbook")
        #expect(both.map(\.title) == ["Postmortem: Database failover took an hour (2026-09-01)"])
        // No entry has both words: entries with either come back.
        let either = try store.search("failover zanzibar")
        #expect(either.map(\.title) == ["Postmortem: Database failover took an hour (2026-09-01)"])
        #expect(try store.search("zanzibar").isEmpty)
    }

    @Test func wordsAreStemmedAndMatchesMarkedInTheSnippet() throws {
        let hits = try Self.corpus().search("reissuing")
        #expect(hits.count == 1)
        #expect(hits.first?.snippet.contains("[reissued]") == true, "\(hits)")
    }

    @Test func runsFindingsStoriesAndPostmortemsAreAllSearched() throws {
        let store = try Self.corpus()
        let kinds = Set(try store.search("key", limit: 100).map(\.kind))
        #expect(kinds.isSuperset(of: [.run, .story, .finding]))
        let finding = try #require(try store.search("PEM gha-shared").first)
        #expect(finding.kind == .finding)
        #expect(finding.reference == "signing-key-compromised/key-exposure")
        let story = try #require(try store.search("revocation runbook").first)
        #expect(story.kind == .story)
        #expect(story.title == "One-command revocation runbook for every signing key")
        #expect(story.reference == String(try store.storyID("signing-key-compromised/key-revoked")))
        // Runs are found by what the team did.
        let run = try #require(try store.search("rollback infra-operator").first)
        #expect(run.kind == .run && run.reference == "1")
        #expect(try store.search("key", limit: 3).count == 3)
    }

    @Test(arguments: ["\"", "AND OR NOT (", "*", "key\" OR \"x", "", "   ", "-", "NEAR(a b)", "title:token"])
    func queriesAreWordsNotSyntax(_ query: String) throws {
        let store = try Self.corpus()
        _ = try store.search(query)
    }

    @Test func reimportingAPostmortemReplacesIt() throws {
        let store = try Support.store()
        let first = try store.importPostmortem(try Self.postmortem("Outage", summary: "Alpha happened."), markdown: "", source: "x.md", importedAt: Support.runDate)
        let second = try store.importPostmortem(try Self.postmortem("Outage", summary: "Beta happened."), markdown: "", source: "x.md", importedAt: Support.runDate)
        #expect(!first.replaced && second.replaced && first.id == second.id)
        #expect(try store.search("alpha").isEmpty)
        #expect(try store.search("beta").map(\.reference) == [String(first.id)])
        let other = try store.importPostmortem(try Self.postmortem("Outage", date: "2026-10-02", summary: "Beta again."), markdown: "", source: "y.md", importedAt: Support.runDate)
        #expect(!other.replaced && other.id != first.id)
        #expect(try store.integrityProblems() == [])
    }
}
