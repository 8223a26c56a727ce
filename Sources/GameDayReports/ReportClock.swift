import Foundation
import GameDayEngine

/// Writes simulation times for readers: UTC wall-clock times when the log has `started`, else `T+mm:ss`.
public struct ReportClock: Sendable {
    /// The wall-clock time of T0, when the log gives one.
    public let start: Date?
    private let startDay: String?

    /// A clock for a run whose log wrote `started` (or nil).
    public init(started: String?) {
        start = started.flatMap(Timestamp.parse)
        startDay = start.map { Timestamp.utcDate($0, plusDays: 0) }
    }

    /// `T+mm:ss` (or `T+h:mm:ss`).
    public func offset(_ t: Int) -> String { DurationText.clock(t) }

    /// `HH:MM:SS` in UTC, with the date in front when it is not the start's date; nil without `started`.
    public func utc(_ t: Int) -> String? {
        guard let start else { return nil }
        let stamp = Timestamp.utcTime(start, plusSeconds: t)
        let day = String(stamp.prefix(10)), time = String(stamp.dropFirst(11).prefix(8))
        return day == startDay ? time : day + " " + time
    }

    /// The time a timeline shows: UTC when known, else `T+mm:ss`.
    public func label(_ t: Int) -> String { utc(t) ?? offset(t) }

    /// `T+mm:ss (HH:MM:SS UTC)`, or `T+mm:ss` alone without `started`.
    public func both(_ t: Int) -> String {
        utc(t).map { "\(offset(t)) (\($0) UTC)" } ?? offset(t)
    }

    /// Whether times are shown in UTC.
    public var isUTC: Bool { start != nil }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC for time `t` (JUnit's timestamp), from `fallback` at midnight without `started`.
    public func isoLocal(_ t: Int, fallback: Date) -> String {
        String(Timestamp.utcTime(start ?? fallback, plusSeconds: t).dropLast())
    }
}
