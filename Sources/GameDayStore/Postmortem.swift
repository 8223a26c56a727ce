import GameDayEngine

/// A postmortem of a real incident, read from Markdown written in the usual template.
public struct Postmortem: Sendable, Hashable {
    /// One line of the incident's timeline.
    public struct TimelineEntry: Sendable, Hashable {
        /// The time as written (`14:02`, `2026-10-14 14:02 UTC`).
        public var time: String
        /// What happened.
        public var text: String

        /// An entry.
        public init(time: String, text: String) {
            self.time = time
            self.text = text
        }
    }

    /// One improvement (action item), with its owner and due date.
    public struct Improvement: Sendable, Hashable {
        /// What to do.
        public var text: String
        /// Who owns it.
        public var owner: String
        /// Due date, `YYYY-MM-DD`.
        public var due: String

        /// An improvement.
        public init(text: String, owner: String, due: String) {
            self.text = text
            self.owner = owner
            self.due = due
        }
    }

    /// The incident's title (without a leading `Postmortem:`).
    public var title: String
    /// The incident's date, `YYYY-MM-DD`.
    public var date: String
    /// Its severity, when given.
    public var severity: Severity?
    /// The team, when given.
    public var team: String?
    /// What happened, in short.
    public var summary: String
    /// Who and what was affected, and how badly.
    public var impact: String
    /// What happened when.
    public var timeline: [TimelineEntry]
    /// Why it happened.
    public var rootCause: String
    /// What made it worse or more likely.
    public var contributingFactors: [String]
    /// What went well.
    public var wentWell: [String]
    /// What went poorly.
    public var wentPoorly: [String]
    /// What the team will change, each with an owner and a due date.
    public var improvements: [Improvement]

    /// A postmortem (the parser makes them from Markdown).
    public init(title: String, date: String, severity: Severity?, team: String?, summary: String, impact: String,
                timeline: [TimelineEntry], rootCause: String, contributingFactors: [String], wentWell: [String],
                wentPoorly: [String], improvements: [Improvement]) {
        self.title = title
        self.date = date
        self.severity = severity
        self.team = team
        self.summary = summary
        self.impact = impact
        self.timeline = timeline
        self.rootCause = rootCause
        self.contributingFactors = contributingFactors
        self.wentWell = wentWell
        self.wentPoorly = wentPoorly
        self.improvements = improvements
    }

    /// Every section as plain text, for the full-text index.
    public var searchText: String {
        var parts = [summary, impact]
        parts += timeline.map { "\($0.time) \($0.text)" }
        parts.append(rootCause)
        parts += contributingFactors + wentWell + wentPoorly
        parts += improvements.map { "\($0.text) (owner \($0.owner), due \($0.due))" }
        return parts.joined(separator: "\n")
    }
}
