import ArgumentParser
import Foundation
import GameDayEngine
import GameDayStore

/// `gameday history [list]`: score and response times, run after run; with `--teams`, each team's last runs.
struct HistoryListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show recorded runs in the order the drills happened: score, Δ against the same drill and team's previous run, times.",
        discussion: "With --teams: each team's last run of each drill, and how its score moved over the last runs."
    )

    @Option(help: "Only runs of this drill.") var drill: String?
    @Option(help: "Only runs of this team.") var team: String?
    @Flag(help: "Each team's last run of each drill and its trend.") var teams = false
    @Flag(help: "Print JSON.") var json = false
    @Option(help: ArgumentHelp("Also write the trend chart as an SVG file.", valueName: "file")) var svg: String?
    @OptionGroup var store: StoreOptions

    mutating func run() throws {
        let history = try store.open()
        if teams {
            if svg != nil { throw usageFailure("--svg draws one series of runs: leave out --teams") }
            return try printTrends(try storeCall { try history.teamTrends(drill: drill, team: team) })
        }
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
        var table = TableText(header: ["RUN", "WHEN", "DRILL", "TEAM", "SCORE", "Δ", "VERDICT", "ACK", "CONTAIN", "RECOVER", "GAPS"])
        var previous: [String: Decimal] = [:]
        for e in entries {
            // Entries come in the drills' time order, so the previous score of a series is its previous run.
            let series = e.drill + "\u{0}" + (e.team ?? "")
            let delta = previous[series].map { Self.signed(e.score - $0) } ?? ""
            previous[series] = e.score
            table.rows.append(["#\(e.runID)", Self.when(e), e.drill, e.team ?? "-", Self.score(e.score), delta,
                               e.passed ? "passed" : "NOT PASSED", Self.time(e.timeToAcknowledge), Self.time(e.timeToContain),
                               Self.time(e.timeToRecover), "\(e.storyCount)"])
        }
        print(table.text, terminator: "")
    }

    private func printTrends(_ trends: [TeamTrend]) throws {
        if json {
            print(JSONValue.array(trends.map { t in
                .object([("team", .string(t.team)), ("drill", .string(t.drill)), ("title", .string(t.title)), ("runs", .int(t.runs)),
                         ("last", t.latest.json), ("previous_score", t.previous.map { .decimal($0.score, forceFraction: true) } ?? .null),
                         ("delta", t.delta.map { .decimal($0, forceFraction: true) } ?? .null),
                         ("recent_scores", .array(t.recentScores.map { .decimal($0, forceFraction: true) }))])
            }).rendered())
            return
        }
        guard !trends.isEmpty else {
            print("No runs recorded.")
            return
        }
        var table = TableText(header: ["TEAM", "DRILL", "RUNS", "LAST", "WHEN", "SCORE", "Δ", "VERDICT", "TREND"])
        for t in trends {
            table.rows.append([t.team ?? "-", t.drill, "\(t.runs)", "#\(t.latest.runID)", Self.when(t.latest), Self.score(t.latest.score),
                               t.delta.map(Self.signed) ?? "", t.latest.passed ? "passed" : "NOT PASSED", Self.sparkline(t.recentScores)])
        }
        print(table.text, terminator: "")
    }

    static func when(_ e: HistoryEntry) -> String { e.started ?? Timestamp.utcTime(e.runDate, plusSeconds: 0) }
    static func time(_ seconds: Int?) -> String { seconds.map(DurationText.clock) ?? "—" }
    static func score(_ value: Decimal) -> String { JSONValue.decimal(value, forceFraction: true).rendered() }

    /// `+12.5`, `-3.0` or `±0`.
    static func signed(_ value: Decimal) -> String {
        if value == 0 { return "±0" }
        return (value > 0 ? "+" : "") + JSONValue.decimal(value, forceFraction: true).rendered()
    }

    /// Scores from 0 to 100 as bars of eight heights, oldest first: `▂▅█`.
    static func sparkline(_ scores: [Decimal]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        return String(scores.map { score in
            let value = NSDecimalNumber(decimal: score).doubleValue
            return bars[max(0, min(7, Int((value / 100 * 7).rounded())))]
        })
    }
}
