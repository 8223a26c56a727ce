import Foundation

/// A story the team filed during the drill with `file-story TITLE --owner ROLE [--due DURATION]`.
///
/// The report's `stories` hold the gap stories only (spec 8); the team's own come from its applied `file-story`
/// actions, and go into the backlog and the story exports beside the gap stories, with the source `team`.
/// Its key is `DRILL/team/SLUG` (the title in lowercase letters, digits and hyphens), its severity P3, and its due
/// date `--due` after the run's date (the UTC date of `started`, else the day of the run; a part of a day counts
/// as a day), else the drill's story SLA for P3.
public struct TeamStory: Sendable, Hashable {
    /// The source the backlog and the exports give these stories.
    public static let source = "team"

    /// `DRILL/team/SLUG`.
    public var key: String
    /// The title as the team wrote it.
    public var title: String
    /// The owning role.
    public var owner: String
    /// Always P3: the team did not give one.
    public var severity: Severity
    /// Due date, `YYYY-MM-DD`.
    public var due: String
    /// When it was filed, in seconds from T0.
    public var filedAt: Int
    /// The role that filed it, when the log says.
    public var filedBy: String?

    /// The stories filed by the team's applied `file-story` actions of `report`, in time order, one per key.
    public static func filed(in report: RunReport, drill: Drill, runDate: Date) -> [TeamStory] {
        let base = report.started.flatMap(Timestamp.parse) ?? runDate
        let slaDays = drill.scoring.storySLA[.p3] ?? 30
        var stories: [TeamStory] = []
        for action in report.actions where action.outcome == .applied {
            guard action.command.hasPrefix("file-story"), let words = try? ShellWords.split(action.command),
                  case .success(let command) = CommandParser.parse(words: words, text: action.command),
                  command.verb == "file-story", let title = command.positionals.first, let owner = command.option("--owner") else { continue }
            var days = slaDays
            if let due = command.option("--due"), let seconds = DurationText.parse(due) {
                days = (seconds + 86_399) / 86_400
            }
            let key = "\(report.drill)/team/\(slug(title))"
            guard !stories.contains(where: { $0.key == key }) else { continue }
            stories.append(TeamStory(key: key, title: title, owner: owner, severity: .p3, due: Timestamp.utcDate(base, plusDays: days),
                                     filedAt: action.at, filedBy: action.by))
        }
        return stories
    }

    /// The title as `[a-z0-9-]`, at most 60 characters; a title with other letters (or cut short) gets a hash of
    /// itself appended, so that two such titles do not share a key.
    public static func slug(_ title: String) -> String {
        var slug = ""
        var lossy = false
        for scalar in title.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else {
                if CharacterSet.alphanumerics.contains(scalar) { lossy = true }
                if !slug.isEmpty, !slug.hasSuffix("-") { slug.append("-") }
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 60 {
            slug = String(slug.prefix(60))
            while slug.hasSuffix("-") { slug.removeLast() }
            lossy = true
        }
        if lossy || slug.isEmpty {
            var hash: UInt32 = 2_166_136_261
            for byte in title.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            let hex = String(hash, radix: 16)
            slug += (slug.isEmpty ? "" : "-") + String(repeating: "0", count: 8 - hex.count) + hex
        }
        return slug
    }
}
