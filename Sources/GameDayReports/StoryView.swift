import Foundation
import GameDayEngine

/// A gap story as the exports show it: the engine's story plus why it was filed, when it is done, labels and
/// the file it is written to.
public struct StoryView: Sendable, Hashable {
    /// `DRILL/ID` or `DRILL/detection/NAME`.
    public var key: String
    /// Title, on one line.
    public var title: String
    /// Owning role.
    public var owner: String
    /// `P1`..`P4`.
    public var severity: String
    /// The tracker priority for the severity: Highest, High, Medium, Low.
    public var priority: String
    /// Due date, `YYYY-MM-DD`.
    public var due: String
    /// `outcome`, `violation`, `exposure`, `detection`, or `team` for a story the team filed during the drill.
    public var source: String
    /// Labels for trackers.
    public var labels: [String]
    /// The labels, space-separated (one CSV cell).
    public var labelText: String
    /// Drill id.
    public var drill: String
    /// Team, when the log names one.
    public var team: String?
    /// The run's id.
    public var run: String
    /// The story's file, relative to the report folder.
    public var file: String
    /// The drill's own story text, in paragraphs.
    public var paragraphs: [String]
    /// Why it was filed: what happened in the run.
    public var why: String
    /// When it is done.
    public var doneWhen: String
    /// Everything a tracker's description field needs, as plain text.
    public var description: String
    /// 1-based position.
    public var number: Int

    /// Builds the gap stories of `record`, each with a distinct file name under `stories/`.
    static func make(_ record: RunRecord) -> [StoryView] {
        var used = Set<String>()
        return make(record, width: max(2, String(record.report.stories.count).count), used: &used)
    }

    /// The stories the report folder exports (`stories/`, `stories.csv`, `stories.json`): the gap stories, then the
    /// stories the team filed during the drill (source `team`), numbered on from them.
    static func exports(_ record: RunRecord) -> [StoryView] {
        let team = TeamStory.filed(in: record.report, drill: record.drill, runDate: record.runDate)
        let width = max(2, String(record.report.stories.count + team.count).count)
        var used = Set<String>()
        var views = make(record, width: width, used: &used)
        let identity = record.identity, clock = record.clock, drill = record.drill
        for story in team {
            let number = views.count + 1
            let digits = String(number)
            var slug = String(repeating: "0", count: max(0, width - digits.count)) + digits + "-"
                + FileName.slug("team-" + String(story.key.dropFirst(drill.id.count + "/team/".count)), limit: 60, fallback: "story")
            while !used.insert(slug).inserted { slug += "-x" }
            let labels = ["gameday", "drill:\(drill.id)", "severity:\(story.severity.rawValue)", "source:\(TeamStory.source)"]
            let who = story.filedBy.map { "the \($0)" } ?? "the team"
            let why = "In run \(identity.id) of drill “\(drill.title)”, \(who) filed this story during the drill, at \(clock.both(story.filedAt))."
            let done = "The owner ships it and verifies it by hand (gameday stories ship, then verify): no run of the drill checks it."
            let description = [why, "Done when: " + done].joined(separator: "\n\n")
            views.append(StoryView(key: story.key, title: UntrustedText.oneLine(story.title), owner: story.owner,
                                   severity: story.severity.rawValue, priority: Self.priority(story.severity), due: story.due,
                                   source: TeamStory.source, labels: labels, labelText: labels.joined(separator: " "), drill: drill.id,
                                   team: record.report.team, run: identity.id, file: "stories/\(slug).md", paragraphs: [], why: why,
                                   doneWhen: done, description: description, number: number))
        }
        return views
    }

    private static func make(_ record: RunRecord, width: Int, used: inout Set<String>) -> [StoryView] {
        let report = record.report, drill = record.drill, clock = record.clock, identity = record.identity
        return report.stories.enumerated().map { index, story in
            let id = String(story.key.dropFirst(drill.id.count + 1))
            var slug = FileName.slug(id, limit: 60, fallback: "story")
            let number = String(index + 1)
            slug = String(repeating: "0", count: max(0, width - number.count)) + number + "-" + slug
            while !used.insert(slug).inserted { slug += "-x" }
            var labels = ["gameday", "drill:\(drill.id)", "severity:\(story.severity.rawValue)", "source:\(story.source.rawValue)"]
            let why: String, done: String
            let run = "In run \(identity.id) of drill “\(drill.title)”"
            switch story.source {
            case .outcome:
                let result = report.outcomes.first { "\(drill.id)/\($0.id)" == story.key }
                let outcome = drill.outcomes.first { "\(drill.id)/\($0.id)" == story.key }
                if let result { labels.append("phase:\(result.phase.rawValue)") }
                let deadline = result?.deadline.map { clock.both($0) } ?? "none"
                let traits = [result?.phase.rawValue, result?.critical == true ? "critical" : nil,
                              result.map { "weight \(Format.decimal($0.weight))" }].compactMap { $0 }.joined(separator: ", ")
                let title = result?.title ?? id
                switch result?.status {
                case .late?:
                    why = "\(run), the outcome “\(title)” (\(traits)) was late: met at \(result!.metAt.map(clock.both) ?? "—") against a deadline of \(deadline)."
                default:
                    let hold = outcome?.hold == true ? " or did not hold at the end" : ""
                    why = "\(run), the outcome “\(title)” (\(traits)) was missed: it was not met by the end of the run\(hold) (deadline \(deadline))."
                }
                done = "The next run of drill \(drill.id) meets “\(title)” within its deadline."
            case .violation:
                let v = report.violations.first { "\(drill.id)/\($0.id)" == story.key }
                let title = v?.title ?? id
                why = "\(run), the forbidden move “\(title)” was made at \(v.map { clock.both($0.at) } ?? "—") and cost \(v.map { Format.decimal($0.penalty) } ?? "0") points."
                done = "The next run of drill \(drill.id) does not make the forbidden move “\(title)”."
            case .exposure:
                let e = report.exposures.first { "\(drill.id)/\($0.id)" == story.key }
                let title = e?.title ?? id
                let windows = e.map { $0.intervals.map { "\(clock.both($0[0])) to \(clock.both($0[1]))" }.joined(separator: ", ") } ?? "—"
                why = "\(run), “\(title)” lasted \(e.map { Format.duration($0.seconds) } ?? "—") (\(windows)) against a budget of \(e.map { Format.duration($0.budget) } ?? "—") and cost \(e.map { Format.decimal($0.penalty) } ?? "0") points."
                done = "In the next run of drill \(drill.id), “\(title)” lasts no longer than its budget."
            case .detection:
                let name = String(story.key.dropFirst(drill.id.count + "/detection/".count))
                let inject = drill.injects.first { $0.requiresDetection == name && $0.gap != nil }
                let trace = inject.flatMap { i in report.injects.first { $0.id == i.id && $0.status == .undetected } }
                why = "\(run), the inject \(inject?.id ?? "?") went unnoticed at \(trace.map { clock.both($0.at) } ?? "—"): the detection \(name) is missing or disabled."
                done = "The detection \(name) exists and is enabled, and the next run of drill \(drill.id) raises its alert."
            }
            let paragraphs = Self.paragraphs(story.text)
            let description = (paragraphs + [why, "Done when: " + done]).joined(separator: "\n\n")
            return StoryView(key: story.key, title: UntrustedText.oneLine(story.title), owner: story.owner, severity: story.severity.rawValue,
                             priority: Self.priority(story.severity), due: story.due, source: story.source.rawValue,
                             labels: labels, labelText: labels.joined(separator: " "), drill: drill.id, team: report.team,
                             run: identity.id, file: "stories/\(slug).md", paragraphs: paragraphs, why: why, doneWhen: done,
                             description: description, number: index + 1)
        }
    }

    /// Splits free text at blank lines; each paragraph on one line.
    static func paragraphs(_ text: String?) -> [String] {
        guard let text else { return [] }
        return UntrustedText.visible(text).components(separatedBy: "\n\n")
            .map { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
            .filter { !$0.isEmpty }
    }

    /// The usual tracker priority name for `severity`.
    static func priority(_ severity: Severity) -> String {
        switch severity { case .p1: "Highest"; case .p2: "High"; case .p3: "Medium"; case .p4: "Low" }
    }
}
