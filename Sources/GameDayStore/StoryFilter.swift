import GameDayEngine

/// Which stories `HistoryStore.stories(_:)` lists; nil fields do not filter.
public struct StoryFilter: Sendable, Hashable {
    /// Only this team's stories.
    public var team: String?
    /// Only stories found by this drill.
    public var drill: String?
    /// Only stories owned by this role.
    public var owner: String?
    /// Only stories of this severity.
    public var severity: Severity?
    /// Only stories with this status; `.open` also lists reopened stories.
    public var status: StoryStatus?
    /// Only stories still needing work whose due date is before this day (`YYYY-MM-DD`).
    public var overdueOn: String?

    /// A filter; with no arguments it lets every story through.
    public init(team: String? = nil, drill: String? = nil, owner: String? = nil, severity: Severity? = nil,
                status: StoryStatus? = nil, overdueOn: String? = nil) {
        self.team = team
        self.drill = drill
        self.owner = owner
        self.severity = severity
        self.status = status
        self.overdueOn = overdueOn
    }
}
