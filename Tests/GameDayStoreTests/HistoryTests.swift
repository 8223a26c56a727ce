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
    @Test func aNewFileIsCreatedMigratedAndReopened() throws {
        let path = Support.temporaryDatabase("nested/folder/history.sqlite")
        do {
            let store = try HistoryStore(path: path)
            try store.record(report: try Support.slow(), runDate: Support.runDate)
        }
        #expect(FileManager.default.fileExists(atPath: path))
        let again = try HistoryStore(path: path)
        #expect(try again.history().count == 1)
        #expect(try again.integrityProblems() == [])
    }

    @Test func storesOpenedAtOnceOnANewFileAllMigrateIt() throws {
        for _ in 0..<5 {
            let path = Support.temporaryDatabase()
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do {
                    _ = try HistoryStore(path: path).history()
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
            #expect(try HistoryStore(path: path).integrityProblems() == [])
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

    @Test func theDefaultPathFollowsGamedayHomeThenHome() {
        #expect(HistoryStore.defaultPath(environment: ["GAMEDAY_HOME": "/tmp/gd", "HOME": "/home/x"]) == "/tmp/gd/history.sqlite")
        #expect(HistoryStore.defaultPath(environment: ["HOME": "/home/x"]) == "/home/x/.local/share/gameday/history.sqlite")
        #expect(HistoryStore.defaultPath(environment: ["GAMEDAY_HOME": "", "HOME": "/home/x"]) == "/home/x/.local/share/gameday/history.sqlite")
    }

    @Test func historyListsRunsOldestFirstWithScoresAndTimes() throws {
        let store = try Support.store()
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

    @Test func theWholeReportIsKept() throws {
        let store = try Support.store()
        let report = try Support.slow()
        let json = report.json.rendered()
        let result = try store.record(report: report, reportJSON: json, runDate: Support.runDate)
        #expect(try store.reportJSON(runID: result.runID) == json)
        #expect(try store.reportJSON(runID: 99) == nil)
        // Without reportJSON, the store renders the report itself.
        let second = try store.record(report: report, runDate: Support.runDate)
        #expect(try store.reportJSON(runID: second.runID) == json)
    }

    @Test func theTrendChartIsAWellFormedSelfContainedSVG() throws {
        let store = try Support.store()
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
}
