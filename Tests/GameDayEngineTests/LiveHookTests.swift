import Foundation
import Testing
@testable import GameDayEngine

/// The two hooks a live console needs: what is still due, and bringing an inject forward mid-run.
@Suite struct LiveHookTests {
    static let body = """
    injects:
      - {id: first, at: 5m, channel: chat, message: a}
      - {id: later, at: 30m, channel: alert, message: b, repeat: 10m}
      - {id: same-time, at: 30m, channel: silent, effects: ["compromise prod"]}
    """

    @Test func upcomingListsNextDueTimesByTimeThenFileOrder() throws {
        let h = try Harness(Self.body, duration: "1h")
        var simulator = Simulator(CompiledDrill(h.drill), end: h.drill.duration)
        #expect(simulator.upcoming == [.init(id: "first", at: 300), .init(id: "later", at: 1800), .init(id: "same-time", at: 1800)])
        simulator.advance(to: 1800)
        #expect(simulator.upcoming == [.init(id: "later", at: 2400)])
        #expect(simulator.hasBeenDue("first") && simulator.hasBeenDue("later") && !simulator.hasBeenDue("nope"))
    }

    @Test func bringingForwardMidRunEqualsInjectedAtTheStart() throws {
        let h = try Harness(Self.body, duration: "1h")
        var live = Simulator(CompiledDrill(h.drill), end: h.drill.duration)
        live.advance(to: 600)
        #expect(live.bringForward("later", to: 600) == .applied)
        live.advance(to: h.drill.duration)
        let replayed = h.run([], injected: [(600, "later")])
        let liveInjects = live.events.compactMap { if case .inject(let t) = $0 { t } else { nil } }
        #expect(liveInjects == replayed.injects)
        #expect(liveInjects.map(\.at) == [300, 600, 1200, 1800, 1800, 2400, 3000, 3600])
    }

    @Test func bringingForwardIsRefusedWhenTheSpecWouldRefuseIt() throws {
        let h = try Harness(Self.body, duration: "1h")
        var simulator = Simulator(CompiledDrill(h.drill), end: h.drill.duration)
        simulator.advance(to: 400)
        #expect(simulator.bringForward("first", to: 400).reason == "inject 'first' has already been due")
        #expect(simulator.bringForward("later", to: 1800).reason?.contains("needs an earlier time") == true)
        #expect(simulator.bringForward("later", to: 100).reason == "the clock is already past T+01:40")
        #expect(simulator.bringForward("ghost", to: 500).reason == "no inject 'ghost' in this drill")
        #expect(simulator.bringForward("later", to: 500) == .applied)
        #expect(simulator.bringForward("later", to: 600).reason?.contains("at most once") == true)
    }
}
