import Foundation
import GameDayEngine

extension HistoryStore {
    /// The recorded runs of one drill and/or team (nil: all), in the order the drills happened: by the log's
    /// `started`, else the run's date, then by run number (not in the order they were recorded).
    public func history(drill: String? = nil, team: String? = nil) throws -> [HistoryEntry] {
        try runs(drill: drill, team: team, source: nil, reports: false).map(\.entry)
    }

    /// The recorded runs whose source is `kind` (of one team, or all), in the order the drills happened:
    /// `runbook list` finds when each runbook was last tested among the `.runbook` ones.
    public func history(source kind: RunSource.Kind, team: String? = nil) throws -> [HistoryEntry] {
        try runs(drill: nil, team: team, source: kind, reports: false).map(\.entry)
    }

    /// The runs of one drill and team with their stored `gameday.report/v1` JSON, in the order the drills happened:
    /// what `whatif --from-history` measures a team's step times from.
    public func reports(drill: String, team: String) throws -> [(entry: HistoryEntry, reportJSON: String)] {
        try runs(drill: drill, team: team, source: nil, reports: true).map { ($0.entry, $0.reportJSON ?? "") }
    }

    /// The recorded runs with these numbers, by number; a number with no run is left out.
    public func runs(ids: [Int64]) throws -> [Int64: HistoryEntry] {
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return [:] }
        let entries = try runs(drill: nil, team: nil, source: nil, reports: false,
                               where: "id IN (" + unique.map { _ in "?" }.joined(separator: ", ") + ")", unique.map { .integer($0) })
        return Dictionary(uniqueKeysWithValues: entries.map { ($0.entry.runID, $0.entry) })
    }

    private func runs(drill: String?, team: String?, source: RunSource.Kind?, reports: Bool, where extra: String? = nil,
                      _ extraArguments: [SQLValue] = []) throws -> [(entry: HistoryEntry, reportJSON: String?)] {
        var conditions: [String] = extra.map { [$0] } ?? []
        var arguments: [SQLValue] = extraArguments
        if let drill { conditions.append("drill = ?"); arguments.append(.text(drill)) }
        if let team { conditions.append("team = ?"); arguments.append(.text(team)) }
        if let source { conditions.append("source = ?"); arguments.append(.text(source.rawValue)) }
        let filterSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try read { db in
            try db.rows("""
                SELECT id, drill, title, team, started, run_date, score, passed, time_to_acknowledge, time_to_detect,
                    time_to_contain, time_to_eradicate, time_to_recover, time_to_learn, story_count, source, source_path,
                    source_title\(reports ? ", report_json" : "")
                FROM runs \(filterSQL) ORDER BY id
                """, arguments).map { (entry: Self.entry($0), reportJSON: reports ? $0.string("report_json") : nil) }
        }
        return rows.sorted { ($0.entry.time, $0.entry.runID) < ($1.entry.time, $1.entry.runID) }
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
            timeToAcknowledge: row.optionalInt("time_to_acknowledge"), timeToPhase: phases, storyCount: row.int("story_count"),
            source: RunSource.stored(kind: row.string("source"), path: row.optionalString("source_path"),
                                     title: row.optionalString("source_title")))
    }
}
