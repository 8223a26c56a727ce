/// One result of a full-text search, best first.
public struct SearchHit: Sendable, Hashable {
    /// What kind of thing matched.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A recorded run.
        case run
        /// A finding a team uncovered during a run.
        case finding
        /// A gap story.
        case story
        /// An imported postmortem of a real incident.
        case postmortem
    }

    /// What kind of thing matched.
    public var kind: Kind
    /// Its reference: a run or story number, `DRILL/FINDING`, or a postmortem number.
    public var reference: String
    /// Its title.
    public var title: String
    /// The passage that matched, each matching word between `[` and `]`.
    public var snippet: String
    /// SQLite's bm25 rank: lower is better.
    public var rank: Double
}
