import Foundation
import GameDayEngine
import Testing
@testable import GameDayConsole

/// A live session's journal records its pace in its heading, and stays a valid response log.
@Suite struct JournalPaceTests {
    @Test func theJournalRecordsItsPace() throws {
        let drill = try ConsoleFixture.drill()
        var document = JournalDocument(drill: drill.id, team: "blue", started: ConsoleFixture.started)
        document.pace = .speed(60)
        document.actions = [.init(at: 60, by: "on-call", line: "page security-lead")]
        #expect(document.text.contains("\n# pace: speed 60\n"))
        #expect(RunPace.recordedClock(in: Substring(document.text)) == .speed(60))
        let log = try ConsoleFixture.load(document.text, drill: drill)
        #expect(log.actions.count == 1 && log.team == "blue")
    }
}
