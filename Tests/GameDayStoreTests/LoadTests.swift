import Foundation
import GameDayEngine
import GameDayStore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One database for a whole organisation: many recorders at once, and recorders killed mid-transaction. Not timed:
/// what is checked is that the history is whole and its counts exact afterwards.
@Suite(.serialized) struct LoadTests {
    static let drill = "signing-key-compromised"
    static let processes = 16
    static let runsEach = 50
    static let teams = ["red", "blue", "green", "gold"]

    /// The story keys of one run of each log, counted independently of the store: the report's gap stories and the
    /// stories the team filed.
    static func keys(_ log: String) throws -> [String] {
        let report = try Support.report(drill, log)
        return report.stories.map(\.key) + (try Support.teamStories(drill, report)).map(\.key)
    }

    /// Process `i` records for team `teams[i % 4]`, alternating the slow and the exemplary log, shipping open stories
    /// after each run when `i` is odd (so that regressions and verifications happen under load too).
    static func arguments(_ i: Int, location: String, count: Int) -> [String] {
        ["record-loop", "drills/\(drill).yaml",
         "--responses", "drills/responses/\(drill).slow.yaml", "--responses", "drills/responses/\(drill).exemplary.yaml",
         "--team", teams[i % teams.count], "--count", String(count), "--db", location] + (i % 2 == 1 ? ["--ship"] : [])
    }

    /// 16 processes record 50 runs each at once into one PostgreSQL database; afterwards every run is whole, no story
    /// is duplicated, every story's recurrence count is exactly the number of runs that had it, and the history passes
    /// its integrity check.
    @Test(.enabled(if: Backend.postgresURL != nil)) func sixteenRecordersAtOnceLeaveAWholeExactHistory() throws {
        let location = try Backend.newSchema()
        _ = try HistoryStore(location: location)  // migrate first; migrating concurrently is tested on its own
        let outputs = (0..<Self.processes).map { URL(fileURLWithPath: Support.temporaryDatabase("recorder-\($0).txt")) }
        let recorders = try (0..<Self.processes).map { i in
            try Support.start(Self.arguments(i, location: location, count: Self.runsEach), output: outputs[i])
        }
        for process in recorders { process.waitUntilExit() }
        for (process, output) in zip(recorders, outputs) {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(text)")
        }

        let store = try HistoryStore(location: location)
        #expect(try store.integrityProblems() == [])
        let entries = try CrashTests.expectSound(location)
        #expect(entries.count == Self.processes * Self.runsEach)
        let slow = try Self.keys("slow"), exemplary = try Self.keys("exemplary")
        let stories = try store.stories()
        for team in Self.teams {
            let recordersOfTeam = (0..<Self.processes).filter { Self.teams[$0 % Self.teams.count] == team }.count
            #expect(entries.filter { $0.team == team }.count == recordersOfTeam * Self.runsEach)
            // Each recorder alternates the logs: half its runs are slow, half exemplary.
            let runsPerLog = recordersOfTeam * Self.runsEach / 2
            var expected: [String: Int] = [:]
            for key in slow { expected[key, default: 0] += runsPerLog }
            for key in exemplary { expected[key, default: 0] += runsPerLog }
            let mine = stories.filter { $0.team == team }
            #expect(mine.count == expected.count, "\(team): one story per key")
            #expect(Dictionary(uniqueKeysWithValues: mine.map { ($0.key, $0.occurrences) }) == expected, "\(team)")
        }
    }

    /// Recorders killed with SIGKILL in the middle of their transactions leave whole runs only, exact counts, and no
    /// lock held: later recorders go on.
    @Test(.enabled(if: Backend.postgresURL != nil)) func recordersKilledMidTransactionLeaveWholeRunsOnly() throws {
        let location = try Backend.newSchema()
        _ = try HistoryStore(location: location)
        var random = SplitMix64(seed: 20_261_201)
        for round in 0..<6 {
            let recorders = try (0..<4).map { i in try Support.start(Self.arguments(i + round, location: location, count: 1_000)) }
            usleep(UInt32.random(in: 300_000...1_500_000, using: &random))
            for process in recorders {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                #expect(process.terminationReason == .uncaughtSignal, "still recording when killed")
            }
            let store = try HistoryStore(location: location)
            #expect(try store.integrityProblems() == [], "round \(round)")
            let entries = try CrashTests.expectSound(location)
            // Every run that is there is whole: its stories' recurrences add up to the stories of the runs recorded.
            let slow = try Self.keys("slow").count, exemplary = try Self.keys("exemplary").count
            let links = entries.reduce(0) { total, entry in total + (entry.storyCount == 1 ? exemplary : slow) }
            #expect(try store.stories().reduce(0) { $0 + $1.occurrences } == links, "round \(round)")
        }
        // No advisory lock or transaction was left behind: a new recorder records at once.
        let last = try Support.start(Self.arguments(0, location: location, count: 3))
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        #expect(try HistoryStore(location: location).integrityProblems() == [])
    }
}
