import Foundation

extension HistoryStore {
    /// Everything wrong with the history, empty when it is sound: SQLite's `integrity_check` and `foreign_key_check`
    /// (PostgreSQL enforces its constraints itself), and the history's own rules — every run has all its outcome,
    /// violation, finding and story rows and its search entry, and every story's recurrence count matches the runs
    /// that had it, and every story was filed.
    public func integrityProblems() throws -> [String] {
        try read { db in
            var problems: [String] = []
            if db.dialect == .sqlite {
                for row in try db.rows("PRAGMA integrity_check") where row.values.first?.text != "ok" {
                    problems.append("integrity_check: \(row.values.first?.text ?? "?")")
                }
                for row in try db.rows("PRAGMA foreign_key_check") {
                    let values = row.values + [SQLValue](repeating: .null, count: 3)
                    problems.append("foreign key: row \(values[1].integer ?? -1) of \(values[0].text ?? "?") names a missing \(values[2].text ?? "?")")
                }
            }
            let counts = [("run_outcomes", "outcome_count", "outcomes"), ("run_violations", "violation_count", "violations"),
                          ("run_findings", "finding_count", "findings"), ("run_stories", "story_count + team_story_count", "stories")]
            for (table, expected, key) in counts {
                for row in try db.rows("""
                    SELECT id, \(expected) AS expected, (SELECT count(*) FROM \(table) WHERE run_id = runs.id) AS actual FROM runs
                    WHERE (SELECT count(*) FROM \(table) WHERE run_id = runs.id) != \(expected)
                    """) {
                    problems.append("run #\(row.int64("id")) has \(row.int("actual")) \(key) rows; it should have \(row.int("expected"))")
                }
            }
            problems += try Self.reportMismatches(db)
            for row in try db.rows("""
                SELECT id FROM runs WHERE NOT EXISTS (SELECT 1 FROM search_index WHERE kind = 'run' AND ref = CAST(runs.id AS TEXT))
                ORDER BY id
                """) {
                problems.append("run #\(row.int64("id")) is not in the search index")
            }
            for row in try db.rows("""
                SELECT id, occurrences, (SELECT count(*) FROM run_stories WHERE story_id = stories.id) AS runs FROM stories
                WHERE occurrences != (SELECT count(*) FROM run_stories WHERE story_id = stories.id) ORDER BY id
                """) {
                problems.append("story #\(row.int64("id")) counts \(row.int("occurrences")) occurrences but \(row.int("runs")) runs had it")
            }
            for row in try db.rows("""
                SELECT id FROM stories WHERE NOT EXISTS (SELECT 1 FROM story_events WHERE story_id = stories.id AND kind = 'filed')
                ORDER BY id
                """) {
                problems.append("story #\(row.int64("id")) has no 'filed' event")
            }
            return problems
        }
    }

    /// Runs whose stored counts disagree with the arrays of their own JSON report.
    private static func reportMismatches(_ db: any SQLExecutor) throws -> [String] {
        let keys = [("outcome_count", "outcomes"), ("violation_count", "violations"), ("finding_count", "findings"), ("story_count", "stories")]
        var problems: [String] = []
        switch db.dialect {
        case .sqlite:
            for (column, key) in keys {
                for row in try db.rows("""
                    SELECT id, \(column) AS expected, json_array_length(report_json, '$.\(key)') AS reported FROM runs
                    WHERE json_valid(report_json) AND json_type(report_json, '$.\(key)') = 'array'
                        AND json_array_length(report_json, '$.\(key)') != \(column)
                    ORDER BY id
                    """) {
                    problems.append("run #\(row.int64("id")) stores \(row.int("expected")) \(key); its report has \(row.int("reported"))")
                }
            }
        case .postgres:
            // A report that is not JSON would stop the whole query: check under a savepoint and say so instead.
            try db.execute("SAVEPOINT report_counts")
            do {
                for (column, key) in keys {
                    for row in try db.rows("""
                        SELECT id, \(column) AS expected, jsonb_array_length(report_json::jsonb -> '\(key)') AS reported FROM runs
                        WHERE jsonb_typeof(report_json::jsonb -> '\(key)') = 'array'
                            AND jsonb_array_length(report_json::jsonb -> '\(key)') != \(column)
                        ORDER BY id
                        """) {
                        problems.append("run #\(row.int64("id")) stores \(row.int("expected")) \(key); its report has \(row.int("reported"))")
                    }
                }
                try db.execute("RELEASE SAVEPOINT report_counts")
            } catch {
                try db.execute("ROLLBACK TO SAVEPOINT report_counts")
                problems.append("a run's stored report is not valid JSON")
            }
        }
        return problems
    }
}
