/// One row of a report's timeline table.
public struct TimelineRow: Sendable, Hashable {
    /// The time a reader sees: UTC when the log has `started`, else `T+mm:ss`.
    public var time: String
    /// `T+mm:ss`.
    public var offset: String
    /// Which lane it belongs to: `inject`, `attacker`, `action`, `outcome`, `deadline`, `violation` or `end`.
    public var lane: String
    /// Who: a channel and role, `attacker`, a role, or the kind of moment.
    public var who: String
    /// What happened (untrusted text inside).
    public var text: String
    /// How it went, one word from a fixed set (a CSS class too).
    public var status: String
    /// How it went, in words: a rejection's reason and the like.
    public var note: String?
    /// Whether `text` is a command line.
    public var isCommand: Bool
}
