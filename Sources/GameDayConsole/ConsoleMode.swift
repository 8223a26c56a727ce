/// Who sits at the console: a responder practising alone, or the scribe and facilitator of a live game day.
public enum ConsoleMode: String, Sendable, Hashable {
    /// `gameday play`: the responder sees what the team would see, no more.
    case play
    /// `gameday facilitate`: the facilitator sees the whole script, the scribe records who did what.
    case facilitate
}
