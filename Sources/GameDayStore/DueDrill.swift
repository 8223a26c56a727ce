import Foundation

/// A drill a team has not run within the cadence: the first anti-pattern, "game day never happens".
public struct DueDrill: Sendable, Hashable {
    /// The team.
    public var team: String
    /// The drill id.
    public var drill: String
    /// The drill's title, when known.
    public var title: String?
    /// The team's last run of the drill; nil when it never ran it.
    public var lastRun: HistoryEntry?
    /// The day the next run was due (`YYYY-MM-DD`): the last run's day plus the cadence; nil when never run.
    public var dueSince: String?
    /// Days since it fell due (0 when due today); nil when never run.
    public var daysOverdue: Int?
}
