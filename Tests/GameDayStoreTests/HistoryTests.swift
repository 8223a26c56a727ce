import Foundation
import GameDayEngine
import GameDayStore
import Synchronization
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The store file, the run history and the trend chart.
@Suite struct HistoryTests {
    @Test(arguments: Backend.all) func aNewHistoryIsCreatedMigratedAndReopened(_ backend: Backend) throws {
        let location = backend == .sqlite ? Support.temporaryDatabase("nested/folder/history.sqlite") : try backend.newLocation()
        do {
            let store = try HistoryStore(location: location)
            try store.record(report: try Support.slow(), runDate: Support.runDate)
        }
        if backend == .sqlite { #expect(FileManager.default.fileExists(atPath: location)) }
        let again = try HistoryStore(location: location)
        #expect(try again.history().count == 1)
        #expect(try again.integrityProblems() == [])
        #expect(again.isShared == (backend == .postgres))
    }

    /// Several stores opened at once on a new history all migrate it: SQLite retries while another process turns the
    /// file to WAL, PostgreSQL runs the migrations under an advisory lock.
    @Test(arguments: Backend.all) func storesOpenedAtOnceOnANewHistoryAllMigrateIt(_ backend: Backend) throws {
        for _ in 0..<5 {
            let location = try backend.newLocation()
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do {
                    _ = try HistoryStore(location: location).history()
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
            #expect(try HistoryStore(location: location).integrityProblems() == [])
        }
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let path = Support.temporaryDatabase()
        try Data("this is not SQLite, just text that is long enough to look like a header".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try HistoryStore(path: path)
        } throws: { error in
            guard case StoreError.database(let where_, let message) = error else { return false }
            return where_ == path && message.contains("not a database")
        }
    }

    @Test func theDefaultLocationIsGamedayDBThenTheDefaultFile() {
        #expect(HistoryStore.defaultLocation(environment: ["GAMEDAY_DB": "postgres://gd@db/gameday", "GAMEDAY_HOME": "/tmp/gd"])
                == "postgres://gd@db/gameday")
        #expect(HistoryStore.defaultLocation(environment: ["GAMEDAY_DB": "", "GAMEDAY_HOME": "/tmp/gd"]) == "/tmp/gd/history.sqlite")
        #expect(HistoryStore.defaultLocation(environment: ["GAMEDAY_DB": "/srv/h.sqlite"]) == "/srv/h.sqlite")
    }

    @Test func theDefaultPathFollowsGamedayHomeThenHome() {
        #expect(HistoryStore.defaultPath(environment: ["GAMEDAY_HOME": "/tmp/gd", "HOME": "/home/x"]) == "/tmp/gd/history.sqlite")
        #expect(HistoryStore.defaultPath(environment: ["HOME": "/home/x"]) == "/home/x/.local/share/gameday/history.sqlite")
        #expect(HistoryStore.defaultPath(environment: ["GAMEDAY_HOME": "", "HOME": "/home/x"]) == "/home/x/.local/share/gameday/history.sqlite")
    }

    @Test(arguments: Backend.all) func historyListsRunsOldestFirstWithScoresAndTimes(_ backend: Backend) throws {
        let store = try backend.store()
        let slow = try Support.slow(), good = try Support.exemplary()
        try store.record(report: slow, runDate: Support.runDate)
        try store.record(report: good, runDate: Support.runDate.addingTimeInterval(86_400))
        try store.record(report: try Support.report("runner-compromise", "slow"), runDate: Support.runDate)
        let entries = try store.history(drill: "signing-key-compromised")
        #expect(entries.map(\.runID) == [1, 2])
        #expect(entries.map(\.score) == [slow.score, good.score])
        #expect(entries.map(\.passed) == [false, true])
        #expect(entries[0].timeToAcknowledge == 540)
        #expect(entries[1].timeToAcknowledge == good.metrics.timeToAcknowledge)
        #expect(entries[1].timeToContain == good.metrics.timeToPhase[.contain])
        #expect(entries[1].timeToRecover == good.metrics.timeToPhase[.recover])
        #expect(entries[0].timeToContain == nil)
        #expect(entries[0].storyCount == 15 && entries[1].storyCount == 1)
        #expect(entries[0].started == "2026-11-29T14:00:00Z")
        #expect(entries[1].runDate == Support.runDate.addingTimeInterval(86_400))
        #expect(try store.history(team: "platform-security").count == 3)
        #expect(try store.history(team: "nobody").isEmpty)
        #expect(try store.history().map(\.drill) == ["signing-key-compromised", "signing-key-compromised", "runner-compromise"])
    }

    @Test(arguments: Backend.all) func theWholeReportIsKept(_ backend: Backend) throws {
        let store = try backend.store()
        let report = try Support.slow()
        let json = report.json.rendered()
        let result = try store.record(report: report, reportJSON: json, runDate: Support.runDate)
        #expect(try store.reportJSON(runID: result.runID) == json)
        #expect(try store.reportJSON(runID: 99) == nil)
        // Without reportJSON, the store renders the report itself.
        let second = try store.record(report: report, runDate: Support.runDate)
        #expect(try store.reportJSON(runID: second.runID) == json)
    }

    @Test(arguments: Backend.all) func theTrendChartIsAWellFormedSelfContainedSVG(_ backend: Backend) throws {
        let store = try backend.store()
        for log in ["slow", "exemplary", "slow", "exemplary"] {
            try store.record(report: try Support.report("signing-key-compromised", log), runDate: Support.runDate)
        }
        let entries = try store.history()
        let chart = TrendChart(title: "Signing key <drill> & \"team\"")
        let svg = chart.svg(entries)
        #expect(svg == chart.svg(entries), "the same entries give the same bytes")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("<title>Signing key &lt;drill&gt; &amp; &quot;team&quot;</title>"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 >= 2, "a score line and at least one time line")
        #expect(svg.contains("Run #2 (2026-11-29T14:00:00Z): 100.0, passed"))
        for external in ["href", "<script", "<style", "url(", " id="] { #expect(!svg.contains(external)) }
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")

        let empty = TrendChart().svg([])
        #expect(empty.contains("No runs recorded yet."))
        #expect(XMLParser(data: Data(empty.utf8)).parse())
    }

    /// Runs are listed in the order the drills happened (the log's start, else the run's date), not the order in which
    /// they were recorded: a game day recorded late, or pushed from a laptop, takes its place.
    @Test(arguments: Backend.all) func historyIsInTheOrderTheDrillsHappened(_ backend: Backend) throws {
        let store = try backend.store()
        let december = try Support.report("signing-key-compromised", "exemplary", started: "2026-12-10T09:00:00Z")
        let october = try Support.report("signing-key-compromised", "slow", started: "2026-10-05T09:00:00+02:00")
        let undated = try Support.report("signing-key-compromised", "slow", started: .some(nil))
        let first = try store.record(report: december, runDate: Support.runDate)
        let second = try store.record(report: october, runDate: Support.runDate)
        // No start: the run's date, 2026-11-15, between the two.
        let third = try store.record(report: undated, runDate: Timestamp.parse("2026-11-15T12:00:00Z")!)
        #expect(try store.history().map(\.runID) == [second.runID, third.runID, first.runID])
        #expect(try store.history(drill: "signing-key-compromised", team: "platform-security").map(\.runID)
                == [second.runID, third.runID, first.runID])
        #expect(try store.history().first?.time == Timestamp.parse("2026-10-05T07:00:00Z"))
    }
}
