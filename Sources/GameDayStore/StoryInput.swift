import GameDayEngine

/// A story a run files, whatever its source: a gap story of the report or a story the team filed.
struct StoryInput: Sendable, Hashable {
    var key: String
    var title: String
    var owner: String
    var severity: Severity
    var due: String
    /// `outcome`, `violation`, `exposure`, `detection`, `team`, or a source a later drill language adds.
    var source: String
    var text: String?

    init(key: String, title: String, owner: String, severity: Severity, due: String, source: String, text: String?) {
        self.key = key
        self.title = title
        self.owner = owner
        self.severity = severity
        self.due = due
        self.source = source
        self.text = text
    }

    init(_ story: RunReport.Story) {
        key = story.key
        title = story.title
        owner = story.owner
        severity = story.severity
        due = story.due
        source = story.source.rawValue
        text = story.text
    }

    init(_ story: TeamStory) {
        key = story.key
        title = story.title
        owner = story.owner
        severity = story.severity
        due = story.due
        source = TeamStory.source
        let by = story.filedBy.map { " by \($0)" } ?? ""
        text = "Filed\(by) during the drill, at \(DurationText.clock(story.filedAt))."
    }

    /// Sources whose story a later run verifies by not having it: the gap shows in every run that has it. An
    /// outcome's story is verified only when the outcome was met; a team's story (and a source this store does not
    /// know) only by hand.
    static let verifiedByAbsence: Set<String> = ["violation", "detection", "exposure"]
}
