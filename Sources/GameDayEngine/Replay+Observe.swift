extension Replay {
    /// Runs the log through a fresh simulator like `feed`, and shows `observe` the simulator at T0 before anything
    /// happens (the world as the drill found it), then after every instant at which an action was applied or
    /// injects were due: `observe(time, simulator)`. Returns the simulator at the end of the run (not finished).
    ///
    /// Reports read the world's state over the run this way (how long a bad state lasted) without simulating
    /// anything themselves. At one instant, the last observation is the state that lasted.
    public func observe(_ observe: (Int, Simulator) -> Void) -> Simulator {
        var simulator = makeSimulator(recordEvents: false)
        observe(0, simulator)
        func injects(through limit: Int, inclusive: Bool) {
            while let next = simulator.nextInjectTime, inclusive ? next <= limit : next < limit {
                simulator.advance(to: next)
                observe(next, simulator)
            }
        }
        simulator.reserve(actions: actions.count)
        for action in actions {
            injects(through: action.at, inclusive: false)
            switch action.command {
            case .success(let compiledCommand):
                simulator.apply(compiledCommand, line: action.line, at: action.at, by: action.by)
            case .failure(let error):
                simulator.reject(line: action.line, reason: error.message, at: action.at, by: action.by)
            }
            observe(action.at, simulator)
        }
        injects(through: simulator.end, inclusive: true)
        return simulator
    }
}
