/// A runbook: the checklist a team keeps for one alert (runbook-format.md 1), as loaded against a drill.
public struct Runbook: Sendable {
    /// The file's path as given.
    public var file: String
    /// The title, without `Runbook: `.
    public var title: String
    /// The Summary section's text.
    public var summary: String
    /// The Severity section's first word.
    public var severity: Severity
    /// The Owner section's first word: the default role of every step.
    public var owner: String
    /// The Detection items' first code spans that name injects of the drill: the runbook starts when one fires where
    /// the team sees it.
    public var triggers: [String]
    /// The Detection items' first code spans that name detections of the world instead.
    public var detections: [String]
    /// The drill the Related section names (`Drill: \`ID\``), if any.
    public var drillID: String?
    /// The Escalation section's items.
    public var escalation: [String]
    /// The steps, in play order: section order, then list order.
    public var steps: [RunbookStep]

    /// Creates a runbook.
    public init(file: String, title: String, summary: String, severity: Severity, owner: String, triggers: [String],
                detections: [String], drillID: String?, escalation: [String], steps: [RunbookStep]) {
        self.file = file
        self.title = title
        self.summary = summary
        self.severity = severity
        self.owner = owner
        self.triggers = triggers
        self.detections = detections
        self.drillID = drillID
        self.escalation = escalation
        self.steps = steps
    }
}

/// One step of a runbook: a top-level list item of a step section.
public struct RunbookStep: Sendable, Hashable {
    /// The section it is in.
    public var section: RunbookSection
    /// The item's first paragraph, its annotation left out.
    public var text: String
    /// Its commands, in order; none for a manual step.
    public var commands: [RunbookCommand]
    /// How long it takes.
    public var duration: StepDuration
    /// The role that does it (the annotation's, else the runbook's owner).
    public var by: String
    /// An inject whose first firing the team saw must come before the step starts.
    public var after: String?
    /// Where the item starts.
    public var location: SourceLocation

    /// Creates a step.
    public init(section: RunbookSection, text: String, commands: [RunbookCommand], duration: StepDuration, by: String,
                after: String?, location: SourceLocation) {
        self.section = section
        self.text = text
        self.commands = commands
        self.duration = duration
        self.by = by
        self.after = after
        self.location = location
    }

    /// Whether the step has no command: it takes its time and does nothing in the simulation.
    public var isManual: Bool { commands.isEmpty }
}

/// One command of a step: the line as written and the vocabulary command it stands for.
public struct RunbookCommand: Sendable, Hashable {
    /// The line as the runbook writes it.
    public var written: String
    /// The command of the vocabulary (drill-format.md 5), as a response log's `do` would hold it.
    public var line: String
    /// The line's words.
    public var words: [String]
    /// The written line when an alias translated it, else nil.
    public var aliasOf: String?
    /// Where the command is written.
    public var location: SourceLocation

    /// Creates a command.
    public init(written: String, line: String, words: [String], aliasOf: String?, location: SourceLocation) {
        self.written = written
        self.line = line
        self.words = words
        self.aliasOf = aliasOf
        self.location = location
    }
}
