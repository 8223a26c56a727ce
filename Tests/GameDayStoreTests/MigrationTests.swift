import Foundation
import GameDayStore
import Testing

/// A history written by the previous gameday (migrations v1 to v4: two runs, a shipped then verified story, a
/// postmortem) opens, migrates and pushes like a new one.
@Suite struct MigrationTests {
    /// A copy of the fixture, so that the test never changes it.
    static func copy() throws -> String {
        let path = Support.temporaryDatabase()
        try FileManager.default.copyItem(atPath: Support.fixtures.appendingPathComponent("histories/v4.sqlite").path, toPath: path)
        return path
    }

    @Test func aHistoryOfThePreviousVersionIsMigrated() throws {
        let store = try HistoryStore(path: try Self.copy())
        #expect(try store.integrityProblems() == [])
        #expect(try store.history().count == 2)
        // Postmortems are indexed under their own title now, and the word still finds them.
        let hit = try #require(try store.search("trojaned").first)
        #expect(hit.kind == .postmortem && hit.title == "Build signing key leaked through a trojaned CI tool (2026-10-14)")
        #expect(try store.search("postmortem", limit: 50).contains { $0.kind == .postmortem })
        #expect(try store.story(id: try store.storyID("signing-key-compromised/key-revoked")).status == .verified)
    }

    @Test(arguments: Backend.all) func aHistoryOfThePreviousVersionPushesOnce(_ backend: Backend) throws {
        let source = try HistoryStore(path: try Self.copy())
        let target = try backend.store()
        let first = try target.push(from: source)
        #expect(first.runsAdded == 2 && first.storiesAdded == 13 && first.postmortemsAdded == 1)
        let content = try PushTests.content(target)
        #expect(try target.push(from: source).runsPresent == 2)
        #expect(try PushTests.content(target) == content)
        #expect(try target.integrityProblems() == [])
    }
}
