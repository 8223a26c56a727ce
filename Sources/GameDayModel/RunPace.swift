/// How a run's clock moved, which decides whether its times are wall-clock times.
///
/// A live session (`play`, `facilitate`, `serve`) runs in real time, accelerated (`--speed N`) or stepped (`--step`);
/// its journal records that in a header comment (`# pace: step`), so that a replay of the journal with `gameday
/// run` reports the session's pace. A response log without that comment is a replay of a log written by hand or
/// by another tool: its `started` is taken as the real time of T0.
public struct RunPace: Sendable, Hashable {
    /// How a live session's clock moved.
    public enum Clock: Sendable, Hashable {
        /// With the wall clock: drill time is real time.
        case realTime
        /// With the wall clock times a factor other than 1 (`--speed N`).
        case speed(Double)
        /// Only when told (`--step`).
        case step
        /// The session was resumed at another pace than it began with.
        case varied
    }

    /// The live session's clock, or nil for a response log that records no live session.
    public var clock: Clock?
    /// Whether this run is a replay of the log (true for `gameday run`), not the live session itself.
    public var replayed: Bool

    /// A pace.
    public init(clock: Clock?, replayed: Bool) {
        self.clock = clock
        self.replayed = replayed
    }

    /// The replay of a response log that records no live session.
    public static let logReplay = RunPace(clock: nil, replayed: true)

    /// The pace of a live session that ran at `speed` (nil for `--step`).
    public static func live(speed: Double?) -> RunPace {
        guard let speed else { return RunPace(clock: .step, replayed: false) }
        return RunPace(clock: speed == 1 ? .realTime : .speed(speed), replayed: false)
    }

    /// Whether drill time T+t happened at `started` + t on the wall clock: a real-time session, or a log that
    /// records no live session (its `started` is taken at its word). False under `--step` and `--speed`.
    public var isWallClock: Bool {
        switch clock {
        case nil, .realTime?: true
        case .speed?, .step?, .varied?: false
        }
    }

    /// The pace in words, for a report's overview.
    public var description: String {
        let base: String
        switch clock {
        case nil: return "replay of a response log"
        case .realTime?: base = "live, in real time"
        case .speed(let n)?: base = "live, accelerated (--speed \(Self.number(n)): \(Self.number(n)) drill seconds to the second)"
        case .step?: base = "live, stepped (--step: the clock moved only when told)"
        case .varied?: base = "live, at more than one pace (the session was resumed at another pace)"
        }
        return replayed ? base + "; replayed from its journal" : base
    }

    /// The journal's header comment for a live session's clock, newline included.
    public static func journalComment(_ clock: Clock) -> String {
        "# pace: \(word(clock))\n"
    }

    /// The live session's clock recorded in a journal's text (its `# pace:` comment before `actions:`), if any.
    public static func recordedClock(in text: Substring) -> Clock? {
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("actions:") { break }
            guard line.hasPrefix("# pace: ") else { continue }
            let value = line.dropFirst("# pace: ".count).trimmingCharacters(in: .whitespaces)
            switch value {
            case "real time": return .realTime
            case "step": return .step
            case "varied": return .varied
            default:
                let words = value.split(separator: " ")
                if words.count == 2, words[0] == "speed", let n = Double(words[1]), n > 0, n.isFinite { return n == 1 ? .realTime : .speed(n) }
                return nil
            }
        }
        return nil
    }

    /// The word a journal writes for `clock`.
    static func word(_ clock: Clock) -> String {
        switch clock {
        case .realTime: "real time"
        case .speed(let n): "speed \(number(n))"
        case .step: "step"
        case .varied: "varied"
        }
    }

    /// `60`, `2.5`: a speed without a needless fraction.
    public static func number(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    }
}
