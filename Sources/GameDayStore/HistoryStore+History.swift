internal import GRDB
import Foundation
import GameDayEngine

extension HistoryStore {
    /// The recorded runs, oldest first, of one drill and/or team (nil: all).
    public func history(drill: String? = nil, team: String? = nil) throws -> [HistoryEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let drill { conditions.append("drill = ?"); arguments += [drill] }
        if let team { conditions.append("team = ?"); arguments += [team] }
        let filterSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, drill, title, team, started, run_date, score, passed, time_to_acknowledge, time_to_detect,
                    time_to_contain, time_to_eradicate, time_to_recover, time_to_learn, story_count
                FROM runs \(filterSQL) ORDER BY id
                """, arguments: arguments).map { row in
                var phases: [Phase: Int] = [:]
                for phase in Phase.allCases {
                    if let seconds: Int = row["time_to_\(phase.rawValue)"] { phases[phase] = seconds }
                }
                let team: String = row["team"]
                let runDate: String = row["run_date"]
                let score: String = row["score"]
                return HistoryEntry(
                    runID: row["id"], drill: row["drill"], title: row["title"], team: team.isEmpty ? nil : team,
                    started: row["started"], runDate: Timestamp.parse(runDate) ?? Date(timeIntervalSince1970: 0),
                    score: Decimal(string: score, locale: Locale(identifier: "en_US_POSIX")) ?? 0, passed: row["passed"],
                    timeToAcknowledge: row["time_to_acknowledge"], timeToPhase: phases, storyCount: row["story_count"])
            }
        }
    }
}
