import Foundation
import GameDayEngine
import GameDayStore
import Testing

/// `history push`: a laptop's SQLite history into another history (the organisation's PostgreSQL database).
@Suite struct PushTests {
    static let drill = "signing-key-compromised"
    var drill: String { Self.drill }

    /// Everything a history shows, as text to compare: runs with their reports, stories with their events, and the
    /// postmortems and stories search finds.
    static func content(_ store: HistoryStore) throws -> [String] {
        var lines: [String] = []
        for entry in try store.history() {
            lines.append("run \(entry.json.rendered())")
            lines.append("report \(try store.reportJSON(runID: entry.runID) ?? "-")")
        }
        for story in try store.stories() {
            lines.append("story \(story.json.rendered())")
            for event in try store.events(storyID: story.id) { lines.append("  event \(event.json.rendered())") }
        }
        for word in ["postmortem", "revocation", "KMS", "token", "PEM"] {
            for hit in try store.search(word, limit: 100) { lines.append("hit \(word) \(hit.kind) \(hit.reference) \(hit.title) \(hit.snippet)") }
        }
        return lines
    }

    /// A laptop's history with runs of two teams, stories in every state (open, shipped, verified, reopened by a
    /// regression and by hand), the team's own stories, and two postmortems.
    static func laptop() throws -> HistoryStore {
        let store = try Support.store()
        let day = Support.runDate
        let slow = try Support.slow(), good = try Support.exemplary()
        let team = try Support.teamStories(drill, good)
        try store.record(report: slow, runDate: day)
        try store.ship(storyID: try store.storyID("\(drill)/key-revoked"), at: day.addingTimeInterval(3_600), note: "runbook merged")
        try store.ship(storyID: try store.storyID("\(drill)/key-distrusted"), at: day.addingTimeInterval(3_600))
        try store.ship(storyID: try store.storyID("\(drill)/secrets-rotated"), at: day.addingTimeInterval(3_600))
        try store.record(report: good, teamStories: team, runDate: day.addingTimeInterval(86_400))      // verifies the three
        try store.reopen(storyID: try store.storyID("\(drill)/secrets-rotated"), at: day.addingTimeInterval(90_000), note: "not really")
        try store.record(report: try Support.report(drill, "slow", started: "2026-12-06T10:00:00Z"), runDate: day.addingTimeInterval(7 * 86_400))
        try store.record(report: try Support.report("runner-compromise", "slow", team: "build"), runDate: day)
        // A team's own story shipped (no run verifies it), and a gap story verified by hand.
        try store.ship(storyID: try store.storyID("\(drill)/team/move-build-signing-to-kms-and-stop-mounting-keys-on-runners"),
                       at: day.addingTimeInterval(8 * 86_400))
        let clean = try store.storyID("\(drill)/workloads-clean")
        try store.ship(storyID: clean, at: day.addingTimeInterval(8 * 86_400))
        try store.verify(storyID: clean, at: day.addingTimeInterval(9 * 86_400), note: "checked in staging")
        try store.importPostmortem(try SearchTests.postmortem("Registry token leaked in a build log", summary: "A push token was printed."),
                                   markdown: "# Registry token leaked", source: "a.md", importedAt: day)
        try store.importPostmortem(try SearchTests.postmortem("Database failover took an hour", date: "2026-09-01", summary: "Slow failover."),
                                   markdown: "# Database failover", source: "b.md", importedAt: day)
        let statuses = Set(try store.stories().map(\.status))
        #expect(statuses == [.open, .shipped, .verified, .reopened], "every state is there to push")
        return store
    }

    @Test(arguments: Backend.all) func pushingTwiceGivesTheSameContentAsOnce(_ backend: Backend) throws {
        let source = try Self.laptop()
        let target = try backend.store()
        let first = try target.push(from: source)
        #expect(first.runsAdded == 4 && first.runsPresent == 0)
        #expect(first.postmortemsAdded == 2)
        let once = try Self.content(target)
        let second = try target.push(from: source)
        #expect(second.runsAdded == 0 && second.runsPresent == 4)
        #expect(second.eventsAdded == 0 && second.storiesAdded == 0 && second.storiesMerged == 0)
        #expect(second.postmortemsAdded == 0 && second.postmortemsReplaced == 0)
        #expect(try Self.content(target) == once)
        #expect(try target.integrityProblems() == [])
    }

    /// Pushed into an empty history, the history shows what the laptop showed: the same runs in the same order, the
    /// same stories with the same status, counts and events, the same postmortems.
    @Test(arguments: Backend.all) func aPushIntoAnEmptyHistoryKeepsEverything(_ backend: Backend) throws {
        let source = try Self.laptop()
        let target = try backend.store()
        try target.push(from: source)
        func strip(_ entries: [HistoryEntry]) -> [String] { entries.map { "\($0.drill) \($0.team ?? "-") \($0.started ?? "-") \($0.score) \($0.storyCount)" } }
        // The same runs (runs at the same moment may swap places: their numbers break the tie, and a push numbers them anew).
        #expect(strip(try target.history()).sorted() == strip(try source.history()).sorted())
        func reports(_ store: HistoryStore) throws -> [String] { try store.history().map { try store.reportJSON(runID: $0.runID) ?? "" }.sorted() }
        #expect(try reports(target) == (try reports(source)))
        func stories(_ store: HistoryStore) throws -> [String] {
            try store.stories().map { story in
                let events = try store.events(storyID: story.id).map { "\($0.kind.rawValue)@\($0.at)\($0.note.map { ":" + $0 } ?? "")" }
                return "\(story.key) \(story.team ?? "-") \(story.status.rawValue) \(story.occurrences) \(story.title) \(story.due) \(story.source) \(events)"
            }.sorted()
        }
        #expect(try stories(target) == (try stories(source)))
        #expect(try target.search("failover").map(\.title) == ["Database failover took an hour (2026-09-01)"])
        #expect(try target.integrityProblems() == [])
    }

    /// Two laptops of one team push into one history: runs add up, stories are merged by key and team (no duplicate),
    /// their recurrence counts are the runs that had them, and the status follows the events in time order.
    @Test(arguments: Backend.all) func twoLaptopsOfOneTeamMergeTheirStories(_ backend: Backend) throws {
        let day = Support.runDate
        let alice = try Support.store(), bob = try Support.store()
        try alice.record(report: try Support.slow(), runDate: day)
        try alice.ship(storyID: try alice.storyID("\(drill)/key-revoked"), at: day.addingTimeInterval(3_600))
        // Bob's later game day has the gap again, after Alice's team shipped the fix: on the server, a regression.
        try bob.record(report: try Support.report(drill, "slow", started: "2026-12-20T10:00:00Z"), runDate: day.addingTimeInterval(20 * 86_400))
        let target = try backend.store()
        try target.push(from: alice)
        let merged = try target.push(from: bob)
        let gaps = try Support.slow().stories.count
        #expect(merged.runsAdded == 1 && merged.storiesAdded == 0 && merged.storiesMerged == gaps)
        let stories = try target.stories()
        #expect(stories.count == gaps && Set(stories.map(\.key)).count == gaps)
        #expect(stories.allSatisfy { $0.occurrences == 2 })
        let revoked = try target.story(id: try target.storyID("\(drill)/key-revoked"))
        #expect(revoked.status == .reopened, "filed, shipped, then seen again: the shipped fix did not hold")
        #expect(try target.events(storyID: revoked.id).map(\.kind) == [.filed, .shipped, .filed])
        #expect(try target.history().map(\.started) == ["2026-11-29T14:00:00Z", "2026-12-20T10:00:00Z"])
        #expect(try target.integrityProblems() == [])
        // Pushing either again changes nothing.
        let before = try Self.content(target)
        #expect(try target.push(from: alice).runsAdded == 0)
        #expect(try target.push(from: bob).runsAdded == 0)
        #expect(try Self.content(target) == before)
    }

    /// A later import of a postmortem replaces the server's; an older one does not.
    @Test(arguments: Backend.all) func aLaterPostmortemImportWins(_ backend: Backend) throws {
        let old = try Support.store(), new = try Support.store()
        try old.importPostmortem(try SearchTests.postmortem("Outage", summary: "Alpha happened."), markdown: "", source: "x.md", importedAt: Support.runDate)
        try new.importPostmortem(try SearchTests.postmortem("Outage", summary: "Beta happened."), markdown: "", source: "x.md",
                                 importedAt: Support.runDate.addingTimeInterval(60))
        let target = try backend.store()
        #expect(try target.push(from: new).postmortemsAdded == 1)
        #expect(try target.push(from: old).postmortemsReplaced == 0)
        #expect(try target.search("beta").count == 1 && target.search("alpha").isEmpty)
        let target2 = try backend.store()
        try target2.push(from: old)
        #expect(try target2.push(from: new).postmortemsReplaced == 1)
        #expect(try target2.search("beta").count == 1 && target2.search("alpha").isEmpty)
    }
}
