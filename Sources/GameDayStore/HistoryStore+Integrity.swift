internal import GRDB
import Foundation

extension HistoryStore {
    /// Everything wrong with the file, empty when it is sound: SQLite's `integrity_check` and `foreign_key_check`,
    /// and the history's own rules — every run has all its outcome, violation, finding and story rows and its
    /// search entry, and every story's recurrence count matches the runs that had its gap.
    public func integrityProblems() throws -> [String] {
        try read { db in
            var problems: [String] = []
            for message in try String.fetchAll(db, sql: "PRAGMA integrity_check") where message != "ok" {
                problems.append("integrity_check: \(message)")
            }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                problems.append("foreign key: row \(row[1] as Int64? ?? -1) of \(row[0] as String? ?? "?") names a missing \(row[2] as String? ?? "?")")
            }
            let counts = [("run_outcomes", "outcome_count", "outcomes"), ("run_violations", "violation_count", "violations"),
                          ("run_findings", "finding_count", "findings"), ("run_stories", "story_count", "stories")]
            for (table, column, key) in counts {
                for row in try Row.fetchAll(db, sql: """
                    SELECT id, \(column) AS expected, (SELECT count(*) FROM \(table) WHERE run_id = runs.id) AS actual,
                        CASE WHEN json_valid(report_json) AND json_type(report_json, '$.\(key)') = 'array'
                             THEN json_array_length(report_json, '$.\(key)') END AS reported
                    FROM runs
                    WHERE actual != expected OR (reported IS NOT NULL AND reported != expected)
                    """) {
                    problems.append("run #\(row["id"] as Int64) has \(row["actual"] as Int) \(key) rows; its report has \(row["reported"] as Int? ?? row["expected"] as Int)")
                }
            }
            for id in try Int64.fetchAll(db, sql: """
                SELECT id FROM runs WHERE NOT EXISTS (SELECT 1 FROM search_index WHERE kind = 'run' AND ref = CAST(runs.id AS TEXT))
                """) {
                problems.append("run #\(id) is not in the search index")
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT id, occurrences, (SELECT count(*) FROM run_stories WHERE story_id = stories.id) AS runs FROM stories
                WHERE occurrences != runs
                """) {
                problems.append("story #\(row["id"] as Int64) counts \(row["occurrences"] as Int) occurrences but \(row["runs"] as Int) runs had its gap")
            }
            for id in try Int64.fetchAll(db, sql: """
                SELECT id FROM stories WHERE NOT EXISTS (SELECT 1 FROM story_events WHERE story_id = stories.id AND kind = 'filed')
                """) {
                problems.append("story #\(id) has no 'filed' event")
            }
            return problems
        }
    }
}
