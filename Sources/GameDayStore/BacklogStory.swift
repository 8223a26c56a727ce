import GameDayEngine

/// A gap story in the backlog: one per story key and team, however many runs found the gap.
public struct BacklogStory: Sendable, Hashable {
    /// The story's number in the backlog.
    public var id: Int64
    /// `DRILL/ID` or `DRILL/detection/NAME` (spec 7.9).
    public var key: String
    /// The team whose runs found the gap; nil when the logs named none.
    public var team: String?
    /// The drill that found the gap.
    public var drill: String
    /// Title.
    public var title: String
    /// Owning role.
    public var owner: String
    /// Severity.
    public var severity: Severity
    /// Due date, `YYYY-MM-DD`.
    public var due: String
    /// Where it comes from: `outcome`, `violation`, `exposure`, `detection` (a gap of the run) or `team` (filed
    /// by the team with `file-story`); any other text a later drill language brings is kept as it is.
    public var source: String
    /// Longer text from the drill's gap, when it gives one.
    public var text: String?
    /// Where it stands.
    public var status: StoryStatus
    /// How many recorded runs had the gap.
    public var occurrences: Int
    /// The run that first had the gap.
    public var firstRunID: Int64
    /// The last run that had the gap.
    public var lastRunID: Int64

    /// Whether it still needs work and its due date is before `day` (`YYYY-MM-DD`).
    public func isOverdue(on day: String) -> Bool { status.isActive && due < day }
}
