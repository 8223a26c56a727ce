import ArgumentParser
import Foundation
import GameDayEngine
import GameDayStore

/// `gameday history`: score and response times, run after run.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show recorded runs: score and times to acknowledge, contain and recover, oldest first."
    )

    @Option(help: "Only runs of this drill.") var drill: String?
    @Option(help: "Only runs of this team.") var team: String?
    @Flag(help: "Print a JSON array.") var json = false
    @Option(help: ArgumentHelp("Also write the trend chart as an SVG file.", valueName: "file")) var svg: String?
    @OptionGroup var store: StoreOptions

    mutating func run() throws {
        let history = try store.open()
        let entries = try storeCall { try history.history(drill: drill, team: team) }
        if let svg {
            let title = "Trend" + (drill.map { " of \($0)" } ?? "") + (team.map { " for \($0)" } ?? "")
            do {
                try TrendChart(title: title).svg(entries).write(toFile: svg, atomically: true, encoding: .utf8)
            } catch {
                throw usageFailure("cannot write \(svg): \(error.localizedDescription)")
            }
        }
        if json {
            print(JSONValue.array(entries.map(\.json)).rendered())
            return
        }
        guard !entries.isEmpty else {
            print("No runs recorded\(drill.map { " for drill \($0)" } ?? "")\(team.map { " for team \($0)" } ?? "").")
            return
        }
        func time(_ seconds: Int?) -> String { seconds.map(DurationText.clock) ?? "—" }
        var table = TableText(header: ["RUN", "WHEN", "DRILL", "TEAM", "SCORE", "Δ", "VERDICT", "ACK", "CONTAIN", "RECOVER", "GAPS"])
        var previous: [String: Decimal] = [:]
        for e in entries {
            let series = e.drill + "\u{0}" + (e.team ?? "")
            let delta = previous[series].map { Self.signed(e.score - $0) } ?? ""
            previous[series] = e.score
            let when = e.started ?? Timestamp.utcTime(e.runDate, plusSeconds: 0)
            table.rows.append(["#\(e.runID)", when, e.drill, e.team ?? "-", JSONValue.decimal(e.score, forceFraction: true).rendered(),
                               delta, e.passed ? "passed" : "NOT PASSED", time(e.timeToAcknowledge), time(e.timeToContain),
                               time(e.timeToRecover), "\(e.storyCount)"])
        }
        print(table.text, terminator: "")
    }

    /// `+12.5`, `-3.0` or `±0`.
    static func signed(_ value: Decimal) -> String {
        if value == 0 { return "±0" }
        return (value > 0 ? "+" : "") + JSONValue.decimal(value, forceFraction: true).rendered()
    }
}
