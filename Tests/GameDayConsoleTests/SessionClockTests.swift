import Testing
@testable import GameDayConsole

/// Virtual time = elapsed wall time × speed, in whole seconds; paused; stepped.
@Suite struct SessionClockTests {
    @Test func realTimeRunsAtItsSpeed() {
        var c = SessionClock(pace: .realTime(speed: 60), wall: 100)
        #expect(c.now(wall: 100) == 0)
        #expect(c.now(wall: 100.999) == 59)
        #expect(c.now(wall: 110) == 600)
        #expect(c.now(wall: 50) == 0)
        c.pause(wall: 110)
        #expect(c.isPaused && !c.isRunning)
        #expect(c.now(wall: 1000) == 600)
        c.resume(wall: 1000)
        #expect(c.now(wall: 1001) == 660)
        c.jump(to: 900, wall: 1001)
        #expect(c.now(wall: 1002) == 960)
        c.jump(to: 10, wall: 1002)
        #expect(c.now(wall: 1002) == 960)
        #expect(c.wallDelay(until: 1020, wall: 1002) == 1)
    }

    @Test func stepMovesOnlyWhenTold() {
        var c = SessionClock(pace: .step, start: 30, wall: 0)
        #expect(!c.isRunning && !c.isPaused && c.speed == nil)
        #expect(c.now(wall: 1e6) == 30)
        c.jump(to: 330, wall: 5)
        #expect(c.now(wall: 1e9) == 330)
        c.resume(wall: 9)
        #expect(c.now(wall: 1e9) == 330)
        #expect(c.wallDelay(until: 400, wall: 0) == nil)
    }
}
