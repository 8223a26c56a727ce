import Foundation
import Testing
@testable import GameDayEngine
import GameDayModel

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `Simulator.restart(from:)`, the what-if runs' way to begin again without allocating: a run restarted from its
/// start, after a whole other run on the same storage, gives exactly the report and the events of a fresh run.
@Suite struct RestartTests {
    static var logs: [String] { FileKind.yamlFiles(under: projectRoot.appendingPathComponent("drills/responses").path) }

    @Test(arguments: logs)
    func aRestartedRunIsAFreshRun(_ path: String) throws {
        let drillID = String((path as NSString).lastPathComponent.split(separator: ".")[0])
        let drill = try #require(DrillLoader().loadDrill(path: projectRoot.appendingPathComponent("drills/\(drillID).yaml").path).value)
        let log = try #require(DrillLoader().loadResponseLog(path: path, drill: drill).value)
        let replay = Replay(CompiledDrill(drill), log: log)
        let date = Date(timeIntervalSince1970: 0)
        let fresh = replay.run(runDate: date, recordEvents: true).json.rendered()
        let start = replay.makeSimulator(recordEvents: true)
        var freshRun = start
        replay.feed(&freshRun)
        _ = freshRun.finish(team: log.team, started: log.started, runDate: date)

        // The same storage through three runs: a whole run, a run cut short at its first action, the whole run again.
        var simulator = start
        replay.feed(&simulator)
        _ = simulator.finish(team: log.team, started: log.started, runDate: date)
        simulator.restart(from: start)
        simulator.advance(to: max(0, (log.actions.first?.at ?? 0) - 1))
        simulator.restart(from: start)
        replay.feed(&simulator)
        let again = simulator.finish(team: log.team, started: log.started, runDate: date, startDate: replay.startDate,
                                     dueDates: replay.startDate.map { replay.compiled.tables.stories.dueDates(for: $0) })
        #expect(again.json.rendered() == fresh)
        #expect(simulator.events == freshRun.events)
    }
}
