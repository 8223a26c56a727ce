import Foundation
import GameDayEngine

/// Everything of a history that a push copies, read on one snapshot.
struct PushSnapshot {
    /// Every run, every column.
    let allRuns: [SQLRow]
    /// Child rows by table and by run (for `run_stories`: by story).
    let rows: [String: [Int64: [SQLRow]]]
    /// Every story.
    let allStories: [SQLRow]
    /// Every story's events, by story, oldest first.
    let events: [Int64: [SQLRow]]
    /// The search entry of each run, by run.
    let runIndex: [Int64: SQLRow]

    init(_ db: any SQLExecutor) throws {
        allRuns = try db.rows("SELECT * FROM runs ORDER BY id")
        var rows: [String: [Int64: [SQLRow]]] = [:]
        for table in ["run_outcomes", "run_violations", "run_findings"] {
            rows[table] = Dictionary(grouping: try db.rows("SELECT * FROM \(table) ORDER BY run_id, position"), by: { $0.int64("run_id") })
        }
        rows["run_stories"] = Dictionary(grouping: try db.rows("SELECT * FROM run_stories ORDER BY run_id, position"), by: { $0.int64("story_id") })
        self.rows = rows
        allStories = try db.rows("SELECT * FROM stories ORDER BY id")
        events = Dictionary(grouping: try db.rows("SELECT story_id, kind, at, run_id, note FROM story_events ORDER BY id"), by: { $0.int64("story_id") })
        var runIndex: [Int64: SQLRow] = [:]
        for row in try db.rows("SELECT ref, title, body, tags FROM search_index WHERE kind = 'run'") {
            if let id = Int64(row.string("ref")) { runIndex[id] = row }
        }
        self.runIndex = runIndex
    }

    /// The backlogs (drill and team) that have runs, in order.
    var backlogs: [BacklogKey] {
        Set(allRuns.map { BacklogKey(drill: $0.string("drill"), team: $0.string("team")) })
            .sorted { ($0.drill, $0.team) < ($1.drill, $1.team) }
    }

    /// The runs of `backlog`, in the order they happened (the log's start, else the run date; then number).
    func runs(of backlog: BacklogKey) -> [SQLRow] {
        allRuns.filter { $0.string("drill") == backlog.drill && $0.string("team") == backlog.team }.map { row in
            (row, row.optionalString("started").flatMap(Timestamp.parse) ?? Timestamp.parse(row.string("run_date")) ?? .distantPast)
        }.sorted { ($0.1, $0.0.int64("id")) < ($1.1, $1.0.int64("id")) }.map(\.0)
    }

    /// The stories of `backlog`, by number.
    func stories(of backlog: BacklogKey) -> [SQLRow] {
        allStories.filter { $0.string("drill") == backlog.drill && $0.string("team") == backlog.team }
    }
}
