/// The console's virtual clock: whole seconds from T0, moved by the wall clock times a speed, or only when told.
///
/// The clock never reads the wall clock itself: every call passes the wall time (seconds on any monotonic
/// scale), so tests drive it with a fake one. Virtual time is `base + ⌊(wall − anchor) × speed⌋`.
public struct SessionClock: Sendable, Hashable {
    /// How the clock moves.
    public enum Pace: Sendable, Hashable {
        /// Only when told: `wait 5m`, or to the next inject.
        case step
        /// With the wall clock, multiplied by `speed`.
        case realTime(speed: Double)
    }

    /// How the clock moves.
    public let pace: Pace
    /// Virtual seconds at the anchor.
    public private(set) var base: Int
    /// The wall time the clock last started running from; nil when stopped (step pace, or paused).
    public private(set) var anchor: Double?

    /// A clock at `start` seconds; a real-time clock starts running at wall time `wall`.
    public init(pace: Pace, start: Int = 0, wall: Double) {
        self.pace = pace
        base = start
        if case .realTime = pace { anchor = wall }
    }

    /// Whether the clock runs with the wall clock right now.
    public var isRunning: Bool { anchor != nil }

    /// Whether the clock is a real-time one that has been paused.
    public var isPaused: Bool {
        if case .realTime = pace { return anchor == nil }
        return false
    }

    /// The speed factor, or nil under `--step`.
    public var speed: Double? {
        if case .realTime(let speed) = pace { return speed }
        return nil
    }

    /// Virtual seconds at wall time `wall`.
    public func now(wall: Double) -> Int {
        guard let anchor, let speed else { return base }
        let elapsed = max(0, wall - anchor) * speed
        return base + Int(elapsed.rounded(.down))
    }

    /// Stops a running clock at its current reading.
    public mutating func pause(wall: Double) {
        guard anchor != nil else { return }
        base = now(wall: wall)
        anchor = nil
    }

    /// Starts a paused real-time clock again from where it stood.
    public mutating func resume(wall: Double) {
        guard isPaused else { return }
        anchor = wall
    }

    /// Moves the clock forward to `time` (never back); a running clock keeps running from there.
    public mutating func jump(to time: Int, wall: Double) {
        let current = now(wall: wall)
        guard time > current else { return }
        base = time
        if anchor != nil { anchor = wall }
    }

    /// The wall time, from `wall`, at which the clock will read `time`; nil when it is not running.
    public func wallDelay(until time: Int, wall: Double) -> Double? {
        guard let anchor, let speed else { return nil }
        let target = anchor + Double(time - base) / speed
        return max(0, target - wall)
    }
}
