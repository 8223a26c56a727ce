import Foundation
import GameDayEngine

extension HistoryStore {
    /// The recorded runs of one drill and/or team (nil: all), in the order the drills happened: by the log's
    /// `started`, else the run's date, then by run number (not in the order they were recorded).
    public func history(drill: String? = nil, team: String? = nil) throws -> [HistoryEntry] {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if let drill { conditions.append("drill = ?"); arguments.append(.text(drill)) }
        if let team { conditions.append("team = ?"); arguments.append(.text(team)) }
        let filterSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let entries = try read { db in
            try db.rows("""
                SELECT id, drill, title, team, started, run_date, score, passed, time_to_acknowledge, time_to_detect,
                    time_to_contain, time_to_eradicate, time_to_recover, time_to_learn, story_count
                FROM runs \(filterSQL) ORDER BY id
                """, arguments).map(Self.entry)
        }
        return entries.sorted { ($0.time, $0.runID) < ($1.time, $1.runID) }
    }

    static func entry(_ row: SQLRow) -> HistoryEntry {
        var phases: [Phase: Int] = [:]
        for phase in Phase.allCases {
            if let seconds = row.optionalInt("time_to_\(phase.rawValue)") { phases[phase] = seconds }
        }
        let team = row.string("team")
        return HistoryEntry(
            runID: row.int64("id"), drill: row.string("drill"), title: row.string("title"), team: team.isEmpty ? nil : team,
            started: row.optionalString("started"), runDate: Timestamp.parse(row.string("run_date")) ?? Date(timeIntervalSince1970: 0),
            score: Decimal(string: row.string("score"), locale: Locale(identifier: "en_US_POSIX")) ?? 0, passed: row.bool("passed"),
            timeToAcknowledge: row.optionalInt("time_to_acknowledge"), timeToPhase: phases, storyCount: row.int("story_count"))
    }
}
