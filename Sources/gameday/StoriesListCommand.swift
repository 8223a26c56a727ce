import ArgumentParser
import GameDayEngine
import GameDayStore

/// `gameday stories list`: the backlog, filtered.
struct StoriesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List gap stories, most severe first.")

    @Option(help: "Only this team's stories.") var team: String?
    @Option(help: "Only stories found by this drill.") var drill: String?
    @Option(help: "Only stories owned by this role.") var owner: String?
    @Option(help: "Only stories of this severity (P1-P4).") var severity: String?
    @Option(help: "Only stories with this status: open (with reopened), shipped, verified, reopened.") var status: String?
    @Flag(help: "Only open or reopened stories past their due date.") var overdue = false
    @Option(help: "The day --overdue compares with (YYYY-MM-DD); default today (UTC).") var today: String?
    @Flag(help: "Print a JSON array.") var json = false
    @OptionGroup var store: StoreOptions

    mutating func run() throws {
        var filter = StoryFilter(team: team, drill: drill, owner: owner)
        if let severity {
            guard let value = Severity(rawValue: severity.uppercased()) else {
                throw usageFailure("--severity must be one of P1, P2, P3, P4")
            }
            filter.severity = value
        }
        if let status {
            guard let value = StoryStatus(rawValue: status.lowercased()) else {
                throw usageFailure("--status must be one of open, shipped, verified, reopened")
            }
            filter.status = value
        }
        if overdue { filter.overdueOn = try day(today, name: "--today") }
        let history = try store.open()
        let stories = try storeCall { try history.stories(filter) }
        if json {
            print(JSONValue.array(stories.map(\.json)).rendered())
            return
        }
        guard !stories.isEmpty else {
            print("No stories.")
            return
        }
        let todayText = try day(today, name: "--today")
        var table = TableText(header: ["#", "STATUS", "SEV", "DUE", "SEEN", "OWNER", "TEAM", "KEY / TITLE"])
        for s in stories {
            let due = s.isOverdue(on: todayText) ? s.due + "!" : s.due
            table.rows.append(["\(s.id)", s.status.rawValue, s.severity.rawValue, due, "\(s.occurrences)×", s.owner, s.team ?? "-",
                               "\(s.key) — \(s.title)"])
        }
        print(table.text, terminator: "")
    }
}
