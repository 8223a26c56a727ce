/// What a console session asks its front end to do, in order: show a line, write the journal, stop.
public enum ConsoleOutput: Sendable, Hashable {
    /// Show a line.
    case line(ConsoleLine)
    /// Append these whole lines to the journal and flush them.
    case appendJournal(String)
    /// Replace the journal's content with this text, atomically.
    case rewriteJournal(String)
    /// The session is over.
    case finished(SessionEnd)
}

/// Why a session is over.
public enum SessionEnd: Sendable, Hashable {
    /// The clock reached the end of the drill.
    case timeUp
    /// Someone typed `end` (or the input ended): the journal records `ended_at`.
    case ended(at: Int)
    /// Someone typed `quit`: the session stops unfinished and can be resumed.
    case left
}
