import Foundation
import GameDayEngine

/// Writes simulation times for readers: UTC wall-clock times when the log has `started` and drill time was real
/// time, else drill times, `T+mm:ss` (a `--step` or `--speed` session never gets a wall-clock time that did not happen).
public struct ReportClock: Sendable {
    /// The wall-clock time of T0, when the log gives one.
    public let start: Date?
    /// Whether T+t happened at `start` + t on the wall clock.
    public let isWallClock: Bool
    private let startDay: String?

    /// A clock for a run whose log wrote `started` (or nil), run at `pace`.
    public init(started: String?, pace: RunPace = .logReplay) {
        start = started.flatMap(Timestamp.parse)
        isWallClock = pace.isWallClock
        startDay = start.map { Timestamp.utcDate($0, plusDays: 0) }
    }

    /// `T+mm:ss` (or `T+h:mm:ss`).
    public func offset(_ t: Int) -> String { DurationText.clock(t) }

    /// `HH:MM:SS` in UTC, with the date in front when it is not the start's date; nil without `started` or when
    /// drill time was not real time.
    public func utc(_ t: Int) -> String? {
        guard let start, isWallClock else { return nil }
        let stamp = Timestamp.utcTime(start, plusSeconds: t)
        let day = String(stamp.prefix(10)), time = String(stamp.dropFirst(11).prefix(8))
        return day == startDay ? time : day + " " + time
    }

    /// The time a timeline shows: UTC when known, else `T+mm:ss`.
    public func label(_ t: Int) -> String { utc(t) ?? offset(t) }

    /// `T+mm:ss (HH:MM:SS UTC)`, or `T+mm:ss` alone.
    public func both(_ t: Int) -> String {
        utc(t).map { "\(offset(t)) (\($0) UTC)" } ?? offset(t)
    }

    /// Whether times are shown in UTC.
    public var isUTC: Bool { start != nil && isWallClock }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC for time `t` (JUnit's timestamp), from `fallback` at midnight without `started`.
    /// Under `--step` or `--speed` every time is the start of the session: the one wall-clock time that happened.
    public func isoLocal(_ t: Int, fallback: Date) -> String {
        String(Timestamp.utcTime(start ?? fallback, plusSeconds: isWallClock ? t : 0).dropLast())
    }
}
