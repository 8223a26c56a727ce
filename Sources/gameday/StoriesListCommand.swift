import ArgumentParser
import GameDayConsole
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
    @Flag(help: "Every team's stories, grouped by team with counts (the organisation's view).") var allTeams = false
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
        if allTeams, team != nil { throw usageFailure("--all-teams lists every team: leave out --team") }
        if overdue { filter.overdueOn = try day(today, name: "--today") }
        let history = try store.open()
        let stories = try storeCall { try history.stories(filter) }
        let todayText = try day(today, name: "--today")
        if allTeams { return printByTeam(stories, today: todayText) }
        if json {
            print(JSONValue.array(stories.map(\.json)).rendered())
            return
        }
        guard !stories.isEmpty else {
            print("No stories.")
            return
        }
        var table = TableText(header: ["#", "STATUS", "SEV", "DUE", "SEEN", "OWNER", "TEAM", "KEY / TITLE"])
        for s in stories {
            let due = s.isOverdue(on: todayText) ? s.due + "!" : s.due
            table.rows.append(["\(s.id)", s.status.rawValue, s.severity.rawValue, due, "\(s.occurrences)×", s.owner, s.team ?? "-",
                               "\(s.key) — \(s.title)"])
        }
        print(table.text, terminator: "")
    }

    /// The stories grouped by team (teams by name, stories of no team last), each group under a line of counts.
    private func printByTeam(_ stories: [BacklogStory], today: String) {
        let groups = Dictionary(grouping: stories) { $0.team ?? "" }
        let teams = groups.keys.sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }
        if json {
            print(JSONValue.array(teams.map { team in
                let members = groups[team] ?? []
                return .object([("team", .string(team.isEmpty ? nil : team)), ("stories", .int(members.count)),
                                ("overdue", .int(members.filter { $0.isOverdue(on: today) }.count)),
                                ("items", .array(members.map(\.json)))])
            }).rendered())
            return
        }
        guard !stories.isEmpty else {
            print("No stories.")
            return
        }
        var out = ""
        for team in teams {
            let members = groups[team] ?? []
            let late = members.filter { $0.isOverdue(on: today) }.count
            let p1 = members.filter { $0.severity == .p1 }.count
            out += "\(team.isEmpty ? "(no team)" : TerminalText.safe(team)): \(members.count) \(members.count == 1 ? "story" : "stories"), \(late) overdue, \(p1) P1\n"
            var table = TableText(header: ["#", "STATUS", "SEV", "DUE", "SEEN", "OWNER", "KEY / TITLE"])
            for s in members {
                table.rows.append(["\(s.id)", s.status.rawValue, s.severity.rawValue, s.isOverdue(on: today) ? s.due + "!" : s.due,
                                   "\(s.occurrences)×", s.owner, "\(s.key) — \(s.title)"])
            }
            out += table.text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            out += "\n"
        }
        print(out, terminator: "")
    }
}
