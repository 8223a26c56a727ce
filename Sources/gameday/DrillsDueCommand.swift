import ArgumentParser
import Foundation
import GameDayConsole
import GameDayEngine
import GameDayStore

/// `gameday drills due [--every 90d]`: which drill each team has not run within the cadence.
struct DrillsDueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "List the drills each team has not run within the cadence (game day never happens).",
        discussion: """
        Every team that has recorded a run is expected to run every drill that anyone has recorded (and, with \
        --library DIR, every drill in DIR) once per cadence. A drill is due from the day of the team's last run of it \
        (the log's 'started', else the run's date) plus the cadence; one the team never ran is due at once. Runs \
        without a team are left out.
        """
    )

    @Option(help: ArgumentHelp("The cadence: a duration such as 90d (a quarter), 30d, 2w.", valueName: "duration")) var every = "90d"
    @Option(help: "The day to compare with (YYYY-MM-DD); default today (UTC).") var today: String?
    @Option(help: "Only this team.") var team: String?
    @Option(help: "Only this drill.") var drill: String?
    @Option(help: ArgumentHelp("Also expect every drill in this folder (*.yaml).", valueName: "dir")) var library: String?
    @Flag(help: "Print a JSON array.") var json = false
    @OptionGroup var store: StoreOptions

    mutating func run() throws {
        guard let cadence = DurationText.parse(every, allowClock: false), cadence > 0 else {
            throw usageFailure("--every must be a duration such as 90d, not '\(TerminalText.safe(every))'")
        }
        let day = try day(today, name: "--today")
        let drills = try library.map(Self.drills) ?? [:]
        let history = try store.open()
        let due = try storeCall { try history.dueDrills(cadence: cadence, today: day, library: drills, team: team, drill: drill) }
        if json {
            print(JSONValue.array(due.map { d in
                .object([("team", .string(d.team)), ("drill", .string(d.drill)), ("title", .string(d.title)),
                         ("last_run", .int(d.lastRun.map { Int($0.runID) })),
                         ("last_run_at", .string(d.lastRun.map { $0.started ?? Timestamp.utcTime($0.runDate, plusSeconds: 0) })),
                         ("due_since", .string(d.dueSince)), ("days_overdue", .int(d.daysOverdue))])
            }).rendered())
            return
        }
        guard !due.isEmpty else {
            print("Every team has run every drill within \(every).")
            return
        }
        var table = TableText(header: ["TEAM", "DRILL", "LAST RUN", "DUE SINCE", "OVERDUE"])
        for d in due {
            let last = d.lastRun.map { "#\($0.runID) \(HistoryListCommand.when($0))" } ?? "never"
            table.rows.append([d.team, d.drill, last, d.dueSince ?? "now", d.daysOverdue.map { "\($0)d" } ?? "never run"])
        }
        print(table.text, terminator: "")
    }

    /// The drills of a folder, id to title; a file that does not load is reported on stderr and left out.
    static func drills(in folder: String) throws -> [String: String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw usageFailure("--library: cannot read the folder \(TerminalText.safe(folder))")
        }
        var drills: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            let result = DrillLoader().loadDrill(path: path)
            if let drill = result.value {
                drills[drill.id] = drill.title
            } else {
                printError("gameday: \(TerminalText.safe(path)) is left out: it does not load as a drill (gameday validate tells why)\n")
            }
        }
        return drills
    }
}
