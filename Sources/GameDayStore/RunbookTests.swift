import Foundation
import GameDayEngine

/// The recorded tests of one runbook (`gameday runbook list`): when it was last tested in a game day's history, and
/// with what result.
public struct RunbookTests: Sendable, Hashable {
    /// Every recorded test of the runbook, in the order they happened.
    public var runs: [HistoryEntry]
    /// Whether they were found by the runbook's title (and drill) because no test was recorded under its path: the
    /// runbook was tested from another folder, or has moved.
    public var matchedByTitle: Bool

    /// The tests among `entries` (runs whose source is a runbook; others are ignored) of the runbook at `path`
    /// (as `RunSource.path` keeps it) titled `title`, written for `drill`: the runs recorded with that path; when
    /// there is none, the runs recorded with that title and, when `drill` is given, of that drill.
    public init(path: String, title: String?, drill: String?, among entries: [HistoryEntry]) {
        let tests = entries.filter { $0.source?.kind == .runbook }
        let byPath = tests.filter { $0.source?.path == path }
        if !byPath.isEmpty || title == nil {
            runs = byPath
            matchedByTitle = false
        } else {
            runs = tests.filter { $0.source?.title == title && (drill == nil || $0.drill == drill) }
            matchedByTitle = !runs.isEmpty
        }
        runs.sort { ($0.time, $0.runID) < ($1.time, $1.runID) }
    }

    /// The last test, nil when the runbook was never tested.
    public var last: HistoryEntry? { runs.last }

    /// Whole UTC days from the day of the last test (the log's `started`, else the run's date) to `today`
    /// (`YYYY-MM-DD`); nil when never tested or `today` is not a date.
    public func daysSinceLastTest(today: String) -> Int? {
        guard let last, let day = Self.day(today) else { return nil }
        return day - Self.day(of: last.time)
    }

    /// Whether the runbook is due a test on `today` with a test every `cadence` seconds: never tested, or the day of
    /// its last test plus the cadence is not after today — counted as `drills due` counts a drill.
    public func isDue(cadence: Int, today: String) -> Bool {
        guard let last else { return true }
        guard let day = Self.day(today) else { return false }
        return Self.day(of: last.time.addingTimeInterval(Double(cadence))) <= day
    }

    private static func day(of date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    private static func day(_ text: String) -> Int? {
        Timestamp.parse(text + "T00:00:00Z").map { day(of: $0) }
    }
}
