import Foundation

/// One team's runs of one drill, as the organisation's view shows them: the last run and how the score moves.
public struct TeamTrend: Sendable, Hashable {
    /// The team; nil for runs whose log named none.
    public var team: String?
    /// The drill id.
    public var drill: String
    /// The drill's title.
    public var title: String
    /// How many runs the team recorded of this drill.
    public var runs: Int
    /// The last run, by the drill's time.
    public var latest: HistoryEntry
    /// The run before it, when there is one.
    public var previous: HistoryEntry?
    /// The scores of the last runs (at most five), oldest first.
    public var recentScores: [Decimal]

    /// The last score less the one before, when there are two runs.
    public var delta: Decimal? { previous.map { latest.score - $0.score } }
}
