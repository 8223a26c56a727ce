import Foundation
import GameDayEngine
import GameDayStore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nothing is lost: a recording process killed at any moment leaves whole runs only, and processes recording at
/// once all succeed, into an SQLite file or a PostgreSQL database alike. These tests run the real `gameday` binary.
@Suite(.serialized) struct CrashTests {
    static let drill = "drills/signing-key-compromised.yaml"
    static let logs = ["--responses", "drills/responses/signing-key-compromised.slow.yaml",
                       "--responses", "drills/responses/signing-key-compromised.exemplary.yaml"]

    /// Every run in the file is whole, the file passes SQLite's checks, and the backlog's counts add up.
    static func expectSound(_ location: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [HistoryEntry] {
        let store = try HistoryStore(location: location)
        #expect(try store.integrityProblems() == [], sourceLocation: sourceLocation)
        let entries = try store.history()
        for entry in entries {
            let json = try #require(try store.reportJSON(runID: entry.runID), sourceLocation: sourceLocation)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], sourceLocation: sourceLocation)
            #expect((report["stories"] as? [Any])?.count == entry.storyCount, sourceLocation: sourceLocation)
        }
        return entries
    }

    @Test(arguments: Backend.all) func aRecordingKilledAtRandomMomentsLeavesWholeRunsOnly(_ backend: Backend) throws {
        let path = try backend.newLocation()
        var random = SplitMix64(seed: 20_261_129)
        var killed = 0
        for iteration in 0..<40 {
            // Half the time the real `gameday run`, half the time a loop of recordings (with shipping in between).
            let arguments = iteration % 2 == 0
                ? ["run", "--no-reports", Self.drill, "--responses", "drills/responses/signing-key-compromised.slow.yaml", "--db", path]
                : ["record-loop", Self.drill] + Self.logs + ["--count", "1000", "--ship", "--db", path]
            let process = try Support.start(arguments)
            usleep(UInt32.random(in: 0...250_000, using: &random))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            if process.terminationReason == .exit {
                #expect([0, 1].contains(process.terminationStatus), "iteration \(iteration) exited \(process.terminationStatus)")
            }
            if iteration % 10 == 9 { _ = try Self.expectSound(path) }
        }
        #expect(killed > 0, "no process was killed: the delays are too long for this machine")
        let before = try Self.expectSound(path)
        // The history still takes new runs after all that.
        let last = try Support.start(["run", "--no-reports", Self.drill, "--responses", "drills/responses/signing-key-compromised.slow.yaml", "--db", path])
        last.waitUntilExit()
        #expect(last.terminationStatus == 1)
        let after = try Self.expectSound(path)
        #expect(after.count == before.count + 1)
    }

    @Test(arguments: Backend.all) func twoProcessesRecordingAtOnceBothSucceed(_ backend: Backend) throws {
        let path = try backend.newLocation()
        let count = 25
        // Both start on a file that does not exist yet, so they also race to create and migrate it.
        let outputs = (0..<2).map { URL(fileURLWithPath: Support.temporaryDatabase("output-\($0).txt")) }
        let processes = try outputs.map { output in
            try Support.start(["record-loop", Self.drill] + Self.logs + ["--count", String(count), "--ship", "--db", path], output: output)
        }
        let runner = try Support.start(["run", "--no-reports", Self.drill, "--responses", "drills/responses/signing-key-compromised.exemplary.yaml", "--db", path])
        for process in processes + [runner] { process.waitUntilExit() }
        for (process, output) in zip(processes, outputs) {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(text)")
        }
        #expect(runner.terminationStatus == 0)
        let entries = try Self.expectSound(path)
        #expect(entries.count == 2 * count + 1)
        // Every story's recurrences add up across both writers: one story per key, however the runs interleaved.
        // One story per key of either log (its gap stories and the stories the team filed), counted from the logs.
        let stories = try HistoryStore(location: path).stories()
        let keys = Set(try LoadTests.keys("slow") + LoadTests.keys("exemplary"))
        #expect(stories.count == keys.count)
        #expect(Set(stories.map(\.key)) == keys)
    }
}
