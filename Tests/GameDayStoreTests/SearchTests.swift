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
    static func corpus(_ backend: Backend) throws -> HistoryStore {
        let store = try backend.store()
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

    @Test(arguments: Backend.all) func aTitleMatchRanksAboveABodyMatch(_ backend: Backend) throws {
        let hits = try Self.corpus(backend).search("token")
        let postmortems = hits.filter { $0.kind == .postmortem }
        #expect(postmortems.map(\.title) == ["Registry token leaked in a build log (2026-10-01)",
                                             "Database failover took an hour (2026-09-01)"], "a hit's title is the postmortem's own")
        #expect(hits.map(\.rank) == hits.map(\.rank).sorted(), "best match first")
        #expect(hits.first?.kind == .postmortem)
    }

    @Test(arguments: Backend.all) func everyWordMustMatchBeforeAnyWordDoes(_ backend: Backend) throws {
        let store = try Self.corpus(backend)
        let both = try store.search("failover runbook")
        #expect(both.map(\.title) == ["Database failover took an hour (2026-09-01)"])
        // No entry has both words: entries with either come back.
        let either = try store.search("failover zanzibar")
        #expect(either.map(\.title) == ["Database failover took an hour (2026-09-01)"])
        #expect(try store.search("zanzibar").isEmpty)
    }

    @Test(arguments: Backend.all) func wordsAreStemmedAndMatchesMarkedInTheSnippet(_ backend: Backend) throws {
        let hits = try Self.corpus(backend).search("reissuing")
        #expect(hits.count == 1)
        #expect(hits.first?.snippet.contains("[reissued]") == true, "\(hits)")
    }

    @Test(arguments: Backend.all) func runsFindingsStoriesAndPostmortemsAreAllSearched(_ backend: Backend) throws {
        let store = try Self.corpus(backend)
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

    @Test(arguments: Backend.all, ["\"", "AND OR NOT (", "*", "key\" OR \"x", "", "   ", "-", "NEAR(a b)", "title:token", "a & !b | c:*", "'x'"])
    func queriesAreWordsNotSyntax(_ backend: Backend, _ query: String) throws {
        let store = try Self.corpus(backend)
        _ = try store.search(query)
    }

    @Test(arguments: Backend.all) func reimportingAPostmortemReplacesIt(_ backend: Backend) throws {
        let store = try backend.store()
        let first = try store.importPostmortem(try Self.postmortem("Outage", summary: "Alpha happened."), markdown: "", source: "x.md", importedAt: Support.runDate)
        let second = try store.importPostmortem(try Self.postmortem("Outage", summary: "Beta happened."), markdown: "", source: "x.md", importedAt: Support.runDate)
        #expect(!first.replaced && second.replaced && first.id == second.id)
        #expect(try store.search("alpha").isEmpty)
        #expect(try store.search("beta").map(\.reference) == [String(first.id)])
        let other = try store.importPostmortem(try Self.postmortem("Outage", date: "2026-10-02", summary: "Beta again."), markdown: "", source: "y.md", importedAt: Support.runDate)
        #expect(!other.replaced && other.id != first.id)
        #expect(try store.integrityProblems() == [])
    }

    /// A snippet is one line of one field: a run's outcomes are one per line ("Key revoked: met"), and a snippet that ran
    /// across lines would put two outcomes' statuses side by side.
    @Test(arguments: Backend.all, ["missed", "rotated", "key revoked", "token", "revoke key"])
    func snippetsComeFromOneLineOfOneField(_ backend: Backend, _ query: String) throws {
        let hits = try Self.corpus(backend).search(query, limit: 50)
        #expect(!hits.isEmpty)
        for hit in hits {
            #expect(!hit.snippet.contains("\n"), "\(hit.snippet)")
            let statuses = [": met", ": missed", ": late", ": n/a"].map { hit.snippet.components(separatedBy: $0).count - 1 }.reduce(0, +)
            #expect(statuses <= 1, "\(hit.kind) \(hit.reference): \(hit.snippet)")
            #expect(hit.snippet.contains("["), "the snippet shows a match: \(hit.snippet)")
        }
    }

    /// Titles weigh more than bodies, bodies more than tags (ids, keys, owners, teams), on both backends.
    @Test(arguments: Backend.all) func titlesOutrankBodiesOutrankTags(_ backend: Backend) throws {
        let store = try backend.store()
        var tagged = try Self.postmortem("Slow paging", date: "2026-08-01", summary: "The pager was late.")
        tagged.team = "wombat"
        try store.importPostmortem(tagged, markdown: "", source: "t.md", importedAt: Support.runDate)
        try store.importPostmortem(try Self.postmortem("Bucket outage", date: "2026-08-02", summary: "A wombat chewed the cable."),
                                   markdown: "", source: "b.md", importedAt: Support.runDate)
        try store.importPostmortem(try Self.postmortem("Wombat in the data centre", date: "2026-08-03", summary: "Cables were chewed."),
                                   markdown: "", source: "w.md", importedAt: Support.runDate)
        #expect(try store.search("wombat").map(\.title) == ["Wombat in the data centre (2026-08-03)", "Bucket outage (2026-08-02)",
                                                            "Slow paging (2026-08-01)"])
        #expect(try store.search("postmortem").count == 3, "the word postmortem still finds postmortems")
    }

    /// Both backends stem English words, with different stemmers: SQLite's porter tokenizer (Porter's 1980 algorithm)
    /// and PostgreSQL's Snowball English (Porter's later revision). Common inflections match on both; a few words stem
    /// apart (`fairly` is `fairli` to the first, `fair` to the second), and only SQLite folds diacritics (`café` finds
    /// `cafe`). These are the documented differences; everything else matches alike.
    @Test(arguments: Backend.all) func stemmingMatchesInflectionsAndDiffersWhereDocumented(_ backend: Backend) throws {
        let store = try backend.store()
        try store.importPostmortem(try Self.postmortem("Revoked keys", summary: "Tokens were rotated fairly late at the café; deploys failed."),
                                   markdown: "", source: "s.md", importedAt: Support.runDate)
        for word in ["revoking", "revokes", "token", "rotating", "deploy", "failing", "keys", "key"] {
            #expect(try store.search(word).count == 1, "\(word)")
        }
        #expect(try store.search("fair").count == (backend == .postgres ? 1 : 0))
        #expect(try store.search("cafe").count == (backend == .sqlite ? 1 : 0))
    }
}
