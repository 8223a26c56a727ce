import GameDayEngine

/// One line for the screen, with what it is so that a renderer can colour it (or not).
public struct ConsoleLine: Sendable, Hashable {
    /// What a line is.
    public enum Style: Sendable, Hashable {
        /// An inject shown to the team, by channel.
        case inject(Channel)
        /// The attacker's or the world's own move (the facilitator's view).
        case attacker
        /// A command the system applied.
        case applied
        /// A command the system rejected.
        case rejected
        /// What an investigation revealed.
        case finding
        /// An outcome met, or a forbidden move (the facilitator's view).
        case progress
        /// A heading.
        case heading
        /// Plain information.
        case info
        /// Quieter information: hints, skipped injects.
        case muted
        /// A mistake at the console (nothing recorded).
        case error
    }

    /// What the line is.
    public var style: Style
    /// The text, one line; made safe for a terminal when it is printed.
    public var text: String
    /// How far continuation lines are indented when the text is wrapped.
    public var hangingIndent: Int

    /// Creates a line.
    public init(_ style: Style, _ text: String, hangingIndent: Int = 0) {
        self.style = style
        self.text = text
        self.hangingIndent = hangingIndent
    }
}
