import Foundation
import GameDayEngine
import GameDayStore
import Testing

/// The story lifecycle across several runs: new, recurrence, regression, verification, manual changes.
@Suite struct BacklogTests {
    let drill = "signing-key-compromised"

    @Test(arguments: Backend.all) func aFirstRunFilesEveryGapAsANewOpenStory(_ backend: Backend) throws {
        let store = try backend.store()
        let report = try Support.slow()
        let result = try store.record(report: report, runDate: Support.runDate)
        #expect(result.runID == 1)
        #expect(result.new.map(\.key) == report.stories.map(\.key))
        #expect(result.recurrences.isEmpty && result.regressions.isEmpty && result.verified.isEmpty)
        let stories = try store.stories()
        #expect(stories.count == 15)
        #expect(stories.allSatisfy { $0.status == .open && $0.occurrences == 1 && $0.team == "platform-security" && $0.drill == drill })
        let revoked = try #require(stories.first { $0.key == "\(drill)/key-revoked" })
        #expect(revoked.severity == .p1)
        #expect(revoked.source == "outcome")
        #expect(revoked.title == "One-command revocation runbook for every signing key")
        #expect(try store.integrityProblems() == [])
    }

    @Test(arguments: Backend.all) func theSameGapAgainAddsARecurrenceNotADuplicate(_ backend: Backend) throws {
        let store = try backend.store()
        let report = try Support.slow()
        try store.record(report: report, runDate: Support.runDate)
        let second = try store.record(report: report, runDate: Support.runDate)
        let third = try store.record(report: report, runDate: Support.runDate)
        #expect(second.new.isEmpty)
        #expect(second.recurrences.count == 15)
        #expect(second.recurrences.allSatisfy { $0.occurrences == 2 })
        #expect(third.recurrences.allSatisfy { $0.occurrences == 3 })
        let stories = try store.stories()
        #expect(stories.count == 15)
        #expect(stories.allSatisfy { $0.occurrences == 3 && $0.firstRunID == 1 && $0.lastRunID == 3 && $0.status == .open })
        let id = try store.storyID("\(drill)/key-revoked")
        #expect(try store.events(storyID: id).map(\.kind) == [.filed, .recurred, .recurred])
        #expect(try store.integrityProblems() == [])
    }

    @Test(arguments: Backend.all) func aShippedStoryWhoseGapComesBackIsARegressionAndReopens(_ backend: Backend) throws {
        let store = try backend.store()
        try store.record(report: try Support.slow(), runDate: Support.runDate)
        let id = try store.storyID("\(drill)/key-revoked")
        let shipped = try store.ship(storyID: id, at: Support.runDate, note: "runbook merged")
        #expect(shipped.status == .shipped)
        let again = try store.record(report: try Support.slow(), runDate: Support.runDate)
        #expect(again.regressions.map(\.key) == ["\(drill)/key-revoked"])
        #expect(again.regressions.first?.occurrences == 2)
        #expect(again.recurrences.count == 14)
        #expect(try store.story(id: id).status == .reopened)
        let events = try store.events(storyID: id)
        #expect(events.map(\.kind) == [.filed, .shipped, .regressed])
        #expect(events[1].note == "runbook merged")
        #expect(events[2].runID == again.runID)
        // A reopened story is open: the next run with the gap is a recurrence, not another regression.
        let third = try store.record(report: try Support.slow(), runDate: Support.runDate)
        #expect(third.regressions.isEmpty)
        #expect(third.recurrences.contains { $0.storyID == id && $0.occurrences == 3 })
        #expect(try store.integrityProblems() == [])
    }

    @Test(arguments: Backend.all) func aLaterRunWithoutTheGapVerifiesShippedStoriesOnly(_ backend: Backend) throws {
        let store = try backend.store()
        try store.record(report: try Support.slow(), runDate: Support.runDate)
        let revoked = try store.storyID("\(drill)/key-revoked")
        let distrusted = try store.storyID("\(drill)/key-distrusted")
        let detection = try store.storyID("\(drill)/detection/signature-anomaly")
        for id in [revoked, detection] { try store.ship(storyID: id, at: Support.runDate) }

        // The exemplary run meets every outcome but still misses the detection.
        let good = try store.record(report: try Support.exemplary(), runDate: Support.runDate)
        #expect(good.verified.map(\.storyID) == [revoked])
        #expect(good.regressions.map(\.storyID) == [detection])
        #expect(good.new.isEmpty && good.recurrences.isEmpty)
        #expect(try store.story(id: revoked).status == .verified)
        #expect(try store.story(id: distrusted).status == .open, "an open story is not verified: its fix was never shipped")
        #expect(try store.story(id: detection).status == .reopened)

        // A verified story whose gap comes back is a regression too.
        let bad = try store.record(report: try Support.slow(), runDate: Support.runDate)
        #expect(bad.regressions.map(\.storyID) == [revoked])
        #expect(try store.story(id: revoked).status == .reopened)
        #expect(try store.events(storyID: revoked).map(\.kind) == [.filed, .shipped, .verified, .regressed])
        #expect(try store.integrityProblems() == [])
    }

    @Test(arguments: Backend.all) func anOutcomeThatWasNotApplicableVerifiesNothing(_ backend: Backend) throws {
        let drill = "malicious-image-in-registry"
        let store = try backend.store()
        try store.record(report: try Support.report(drill, "slow"), runDate: Support.runDate)
        let handled = try store.storyID("\(drill)/customers-handled")
        let quarantined = try store.storyID("\(drill)/image-quarantined")
        for id in [handled, quarantined] { try store.ship(storyID: id, at: Support.runDate) }
        let good = try Support.report(drill, "exemplary")
        #expect(good.outcomes.first { $0.id == "customers-handled" }?.status == .notApplicable)
        let result = try store.record(report: good, runDate: Support.runDate)
        #expect(result.verified.map(\.storyID) == [quarantined])
        #expect(try store.story(id: handled).status == .shipped)
    }

    @Test(arguments: Backend.all) func storiesBelongToATeam(_ backend: Backend) throws {
        let store = try backend.store()
        try store.record(report: try Support.report(drill, "slow", team: "blue"), runDate: Support.runDate)
        let blue = try store.storyID("\(drill)/key-revoked", team: "blue")
        try store.ship(storyID: blue, at: Support.runDate)
        // Another team's good run neither verifies blue's story nor counts as its recurrence.
        let red = try store.record(report: try Support.report(drill, "exemplary", team: "red"), runDate: Support.runDate)
        #expect(red.verified.isEmpty)
        #expect(red.new.map(\.key) == ["\(drill)/detection/signature-anomaly"])
        #expect(try store.story(id: blue).status == .shipped)
        // A log without a team has its own backlog too.
        let none = try store.record(report: try Support.report(drill, "exemplary", team: .some(nil)), runDate: Support.runDate)
        #expect(none.new.count == 1)
        #expect(try store.stories(StoryFilter(drill: drill)).filter { $0.key == "\(drill)/detection/signature-anomaly" }.map(\.team)
                == ["blue", "red", nil])
        #expect(throws: StoreError.ambiguousStory(key: "\(drill)/detection/signature-anomaly", teams: ["", "blue", "red"])) {
            try store.storyID("\(drill)/detection/signature-anomaly")
        }
        #expect(try store.storyID("#\(blue)") == blue)
        #expect(throws: StoreError.noSuchStory("999")) { try store.storyID("999") }
        #expect(throws: StoreError.noSuchStory("nope/x")) { try store.storyID("nope/x") }
    }

    @Test(arguments: Backend.all) func manualChangesFollowTheLifecycle(_ backend: Backend) throws {
        let store = try backend.store()
        try store.record(report: try Support.slow(), runDate: Support.runDate)
        let id = try store.storyID("\(drill)/key-revoked")
        #expect(throws: StoreError.invalidTransition(story: id, from: .open, action: "verified (ship it first)")) {
            try store.verify(storyID: id, at: Support.runDate)
        }
        #expect(throws: StoreError.invalidTransition(story: id, from: .open, action: "reopened")) {
            try store.reopen(storyID: id, at: Support.runDate)
        }
        try store.ship(storyID: id, at: Support.runDate)
        #expect(throws: StoreError.invalidTransition(story: id, from: .shipped, action: "shipped")) {
            try store.ship(storyID: id, at: Support.runDate)
        }
        #expect(try store.verify(storyID: id, at: Support.runDate, note: "checked by hand").status == .verified)
        #expect(try store.reopen(storyID: id, at: Support.runDate).status == .reopened)
        #expect(try store.ship(storyID: id, at: Support.runDate).status == .shipped)
        #expect(try store.events(storyID: id).map(\.kind) == [.filed, .shipped, .verified, .reopened, .shipped])
        #expect(throws: StoreError.noSuchStory("#42")) { try store.ship(storyID: 42, at: Support.runDate) }
    }

    @Test(arguments: Backend.all) func filtersSelectStories(_ backend: Backend) throws {
        let store = try backend.store()
        try store.record(report: try Support.slow(), runDate: Support.runDate)
        try store.record(report: try Support.report("runner-compromise", "slow", team: "build"), runDate: Support.runDate)
        let all = try store.stories()
        #expect(all.map(\.severity) == all.map(\.severity).sorted())
        #expect(try store.stories(StoryFilter(team: "build")).allSatisfy { $0.drill == "runner-compromise" })
        #expect(try store.stories(StoryFilter(drill: drill)).count == 15)
        #expect(try store.stories(StoryFilter(owner: "platform-lead")).allSatisfy { $0.owner == "platform-lead" })
        #expect(try store.stories(StoryFilter(drill: drill, severity: .p1)).map(\.key).sorted() == ["\(drill)/key-revoked", "\(drill)/workloads-clean"])

        let revoked = try store.storyID("\(drill)/key-revoked")
        let cleaned = try store.storyID("\(drill)/workloads-clean")
        try store.ship(storyID: revoked, at: Support.runDate)
        try store.ship(storyID: cleaned, at: Support.runDate)
        try store.reopen(storyID: cleaned, at: Support.runDate)
        #expect(try store.stories(StoryFilter(status: .shipped)).map(\.id) == [revoked])
        #expect(try store.stories(StoryFilter(status: .reopened)).map(\.id) == [cleaned])
        let open = try store.stories(StoryFilter(drill: drill, status: .open))
        #expect(open.count == 14 && open.contains { $0.id == cleaned }, "open lists reopened stories too")

        // Due dates of the slow log: P1 2026-12-06, P2 2026-12-13, P3 2026-12-29.
        let overdue = try store.stories(StoryFilter(drill: drill, overdueOn: "2026-12-14"))
        #expect(overdue.map(\.severity).allSatisfy { $0 <= .p2 })
        #expect(!overdue.contains { $0.id == revoked }, "a shipped story is not overdue")
        #expect(overdue.contains { $0.id == cleaned })
        #expect(try store.stories(StoryFilter(overdueOn: "2026-12-06")).isEmpty)
    }

    /// Stories the team filed with `file-story` go into the backlog beside the gap stories, with source `team`.
    @Test(arguments: Backend.all) func storiesTheTeamFiledAreFiledWithSourceTeam(_ backend: Backend) throws {
        let store = try backend.store()
        let report = try Support.exemplary()
        let team = try Support.teamStories(drill, report)
        // The exemplary log files two stories (at 40 and 43 in the file): --due 14d and 7d after 2026-11-29.
        #expect(team.map(\.title) == ["Move build signing to KMS and stop mounting keys on runners", "Switch the signature-anomaly SIEM rule back on"])
        let first = try store.record(report: report, teamStories: team, runDate: Support.runDate)
        #expect(first.new.map(\.key) == report.stories.map(\.key) + [
            "\(drill)/team/move-build-signing-to-kms-and-stop-mounting-keys-on-runners",
            "\(drill)/team/switch-the-signature-anomaly-siem-rule-back-on",
        ])
        let filed = try store.stories(StoryFilter(drill: drill)).filter { $0.source == "team" }
        #expect(filed.map(\.due).sorted() == ["2026-12-06", "2026-12-13"])
        #expect(filed.allSatisfy { $0.severity == .p3 && $0.status == .open && $0.team == "platform-security" })
        #expect(Set(filed.map(\.owner)) == ["platform-lead", "security-lead"])
        #expect(report.stories.allSatisfy { $0.source.rawValue != "team" }, "the report's own stories stay gap stories")

        // Filed again: a recurrence, as for a gap. Shipped, a run that does not file it does not verify it: nothing
        // in a run checks a team's story, so only a person verifies it.
        let again = try store.record(report: report, teamStories: team, runDate: Support.runDate)
        #expect(again.recurrences.count == report.stories.count + 2)
        let kms = try store.storyID("\(drill)/team/move-build-signing-to-kms-and-stop-mounting-keys-on-runners")
        try store.ship(storyID: kms, at: Support.runDate)
        let slow = try store.record(report: try Support.slow(), runDate: Support.runDate)
        #expect(!slow.verified.contains { $0.storyID == kms })
        #expect(try store.story(id: kms).status == .shipped)
        #expect(try store.story(id: kms).occurrences == 2)
        #expect(try store.search("KMS mounting").first?.reference == String(kms))
        #expect(try store.integrityProblems() == [])
    }

    /// A team story's key is `DRILL/team/SLUG`: lowercase letters, digits and hyphens, distinct for distinct titles.
    @Test func teamStoryKeysAreSafeAndDistinct() {
        #expect(TeamStory.slug("Move signing to KMS!") == "move-signing-to-kms")
        #expect(TeamStory.slug("  --  ") .count == 8, "no letters: a hash")
        #expect(TeamStory.slug("Überwachung der Läufer") != TeamStory.slug("Uberwachung der Laufer"))
        #expect(TeamStory.slug(String(repeating: "a", count: 100)).count == 60 + 1 + 8)
        #expect(TeamStory.slug("../../etc/passwd").allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" })
    }
}
