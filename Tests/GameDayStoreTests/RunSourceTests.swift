import Foundation
import GameDayEngine
import GameDayStore
import Testing

/// What made each run (a log, a runbook, a live session) is recorded with it, on both backends, and `runbook list`'s
/// matching of runbook tests to runbooks.
@Suite struct RunSourceTests {
    static let runbook = RunSource.runbook(path: "runbooks/signing-key-compromised.md", title: "Signing key compromised")

    /// A day at midnight UTC.
    static func day(_ text: String) -> Date { Timestamp.parse(text + "T00:00:00Z")! }

    @Test(arguments: Backend.all) func aRunIsRecordedWithItsSource(_ backend: Backend) throws {
        let store = try backend.store()
        let tested = try store.record(report: try Support.slow(), source: Self.runbook, runDate: Support.runDate).runID
        let replayed = try store.record(report: try Support.exemplary(),
                                        source: RunSource(kind: .log, path: "drills/responses/signing-key-compromised.exemplary.yaml"),
                                        runDate: Support.runDate).runID
        let live = try store.record(report: try Support.report("signing-key-compromised", "slow", team: "blue"),
                                    source: RunSource(kind: .journal, path: "signing-key-compromised.20261129T140000Z.responses.yaml"),
                                    runDate: Support.runDate).runID
        let unknown = try store.record(report: try Support.report("signing-key-compromised", "exemplary", team: "red"), runDate: Support.runDate).runID

        let sources = Dictionary(uniqueKeysWithValues: try store.history().map { ($0.runID, $0.source) })
        #expect(sources[tested] == Self.runbook)
        #expect(sources[replayed] == RunSource(kind: .log, path: "drills/responses/signing-key-compromised.exemplary.yaml"))
        #expect(sources[live]??.kind == .journal)
        #expect(sources[unknown] == .some(nil))
        #expect(Self.runbook.text == "runbook:runbooks/signing-key-compromised.md")
        #expect(RunSource(kind: .log, path: nil).text == "log")

        #expect(try store.history(source: .runbook).map(\.runID) == [tested])
        #expect(try store.history(source: .journal, team: "blue").map(\.runID) == [live])
        #expect(try store.history(source: .journal, team: "red").isEmpty)
        let byID = try store.runs(ids: [live, tested, 999_999])
        #expect(Set(byID.keys) == [live, tested])
        #expect(byID[tested]?.source == Self.runbook)

        // The JSON of `history --json` carries it; a run recorded without one says null.
        let json = try #require(try store.history().first { $0.runID == tested }).json.rendered()
        #expect(json.contains("\"kind\": \"runbook\"") && json.contains("\"title\": \"Signing key compromised\""))
        #expect(try #require(try store.history().first { $0.runID == unknown }).json.rendered().contains("\"source\": null"))

        // A runbook test is found by search as such.
        #expect(try store.search("runbook tested").contains { $0.kind == .run && $0.reference == String(tested) })
        #expect(try store.integrityProblems() == [])
    }

    @Test(arguments: Backend.all) func aTeamsReportsComeBackWithTheirSource(_ backend: Backend) throws {
        let store = try backend.store()
        let blue = try Support.report("signing-key-compromised", "slow", team: "blue")
        try store.record(report: blue, source: RunSource(kind: .log, path: "a.yaml"), runDate: Support.runDate)
        try store.record(report: try Support.report("signing-key-compromised", "exemplary", team: "red"), runDate: Support.runDate)
        try store.record(report: try Support.report("signing-key-compromised", "exemplary", team: "blue"), source: Self.runbook, runDate: Support.runDate)
        let reports = try store.reports(drill: "signing-key-compromised", team: "blue")
        #expect(reports.count == 2)
        #expect(reports.first { $0.entry.source?.kind == .log }?.reportJSON == blue.json.rendered())
        #expect(reports.contains { $0.entry.source?.kind == .runbook })
        #expect(try store.reports(drill: "signing-key-compromised", team: "green").isEmpty)
    }

    @Test(arguments: Backend.all) func aPushCarriesTheSource(_ backend: Backend) throws {
        let laptop = try Support.store()
        try laptop.record(report: try Support.slow(), source: Self.runbook, runDate: Support.runDate)
        let server = try backend.store()
        #expect(try server.push(from: laptop).runsAdded == 1)
        #expect(try server.history().map(\.source) == [Self.runbook])
        #expect(try server.push(from: laptop).runsPresent == 1)
    }

    /// The runs of a history written before sources were recorded (v1-v4) have none after the migration.
    @Test func runsRecordedBeforeSourcesHaveNone() throws {
        let store = try HistoryStore(path: try MigrationTests.copy())
        let entries = try store.history()
        #expect(entries.count == 2 && entries.allSatisfy { $0.source == nil })
        #expect(try store.history(source: .runbook).isEmpty)
        try store.record(report: try Support.exemplary(), source: Self.runbook, runDate: Support.runDate)
        #expect(try store.history(source: .runbook).count == 1)
        #expect(try store.integrityProblems() == [])
    }

    /// `runbook list`: a runbook's tests are those recorded under its path, else under its title (and drill).
    @Test(arguments: Backend.all) func runbookTestsAreFoundByPathThenByTitle(_ backend: Backend) throws {
        let store = try backend.store()
        let noStart: String?? = .some(nil)
        let early = try Support.report("signing-key-compromised", "slow", started: noStart)
        let late = try Support.report("signing-key-compromised", "exemplary", started: noStart)
        let first = try store.record(report: early, source: Self.runbook, runDate: Self.day("2026-09-01")).runID
        let last = try store.record(report: late, source: Self.runbook, runDate: Self.day("2026-11-29")).runID
        let elsewhere = try store.record(report: late, source: .runbook(path: "/other/checkout/runbooks/x.md", title: "Registry outage"),
                                         runDate: Self.day("2026-10-01")).runID
        try store.record(report: late, source: RunSource(kind: .log, path: "runbooks/signing-key-compromised.md"), runDate: Self.day("2026-12-01"))
        let tested = try store.history(source: .runbook)

        let byPath = RunbookTests(path: "runbooks/signing-key-compromised.md", title: "Signing key compromised",
                                  drill: "signing-key-compromised", among: tested)
        #expect(byPath.runs.map(\.runID) == [first, last] && !byPath.matchedByTitle)
        #expect(byPath.last?.score == 100 && byPath.last?.passed == true)

        let moved = RunbookTests(path: "ops/registry.md", title: "Registry outage", drill: nil, among: tested)
        #expect(moved.runs.map(\.runID) == [elsewhere] && moved.matchedByTitle)
        // The title alone is not enough when the runbook names another drill.
        #expect(RunbookTests(path: "ops/registry.md", title: "Registry outage", drill: "registry-outage", among: tested).runs.isEmpty)
        // A log replayed from a file of the same name is not a runbook test.
        let never = RunbookTests(path: "runbooks/other.md", title: "Other", drill: nil, among: try store.history())
        #expect(never.last == nil && never.isDue(cadence: 90 * 86_400, today: "2026-12-01"))
        #expect(never.daysSinceLastTest(today: "2026-12-01") == nil)

        // Tested on 2026-11-29: 90 days later is 2027-02-27 (Python's datetime): due from that day on, as `drills due` counts.
        let quarter = 90 * 86_400
        #expect(byPath.daysSinceLastTest(today: "2026-12-01") == 2)
        #expect(!byPath.isDue(cadence: quarter, today: "2026-12-01"))
        #expect(!byPath.isDue(cadence: quarter, today: "2027-02-26"))
        #expect(byPath.isDue(cadence: quarter, today: "2027-02-27"))
        #expect(byPath.daysSinceLastTest(today: "2027-02-27") == 90)
    }
}
