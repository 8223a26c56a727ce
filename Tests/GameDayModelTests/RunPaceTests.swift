import Testing
@testable import GameDayModel

/// A run's pace: the journal's `# pace:` comment written and read back, and which paces give wall-clock times.
@Suite struct RunPaceTests {
    @Test(arguments: [RunPace.Clock.realTime, .speed(60), .speed(2.5), .step, .varied])
    func theJournalCommentReadsBack(_ clock: RunPace.Clock) {
        let text = "# gameday journal of drill x\n" + RunPace.journalComment(clock) + "drill: x\nactions:\n"
        #expect(RunPace.recordedClock(in: Substring(text)) == clock)
    }

    @Test func onlyTheHeaderCountsAndJunkIsNoPace() {
        #expect(RunPace.recordedClock(in: "drill: x\nactions:\n  # pace: step\n") == nil, "a comment among the actions is no header")
        #expect(RunPace.recordedClock(in: "# pace: warp 9\ndrill: x\n") == nil)
        #expect(RunPace.recordedClock(in: "# pace: speed -3\ndrill: x\n") == nil)
        #expect(RunPace.recordedClock(in: "# pace: speed 1\ndrill: x\n") == .realTime)
        #expect(RunPace.recordedClock(in: "drill: x\nteam: blue\n") == nil)
    }

    @Test func wallClockTimesOnlyInRealTime() {
        #expect(RunPace.logReplay.isWallClock)
        #expect(RunPace.live(speed: 1).isWallClock && RunPace.live(speed: 1).clock == .realTime)
        #expect(!RunPace.live(speed: 60).isWallClock && !RunPace.live(speed: nil).isWallClock)
        #expect(!RunPace(clock: .varied, replayed: true).isWallClock)
        #expect(RunPace(clock: .step, replayed: true).description == "live, stepped (--step: the clock moved only when told); replayed from its journal")
        #expect(RunPace.live(speed: 60).description == "live, accelerated (--speed 60: 60 drill seconds to the second)")
    }
}
