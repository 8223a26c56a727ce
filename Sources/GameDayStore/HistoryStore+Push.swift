import Foundation
import GameDayEngine

extension HistoryStore {
    /// Copies every run, story and postmortem of `source` (a laptop's SQLite file, say) into this history (the
    /// organisation's PostgreSQL database, say), so that pushing the same history twice is the same as pushing it once.
    ///
    /// - Runs are keyed by their content hash: a run already here (the same drill, team, start, run date and
    ///   report) is skipped; the second of two identical runs of `source` is copied only if this history has
    ///   fewer than two.
    /// - Stories are merged by key and team. A story new here is copied with its lifecycle events; a story both
    ///   histories have takes the events it lacks, and its status is what all its events make of it in time order
    ///   (a gap filed or seen again after a fix shipped reopens it); its recurrence count is the runs that had it.
    ///   Its title, owner, severity and due date come from whichever history filed or reopened it last.
    /// - Postmortems are keyed by title and date; a later import replaces an earlier one.
    ///
    /// Each drill and team's backlog is one transaction, and each postmortem another: a push that is interrupted
    /// leaves whole backlogs, and pushing again completes it.
    @discardableResult
    public func push(from source: HistoryStore) throws -> PushResult {
        let snapshot = try source.read { db in try PushSnapshot(db) }
        var result = PushResult()
        for backlog in snapshot.backlogs {
            try write(backlog: backlog) { db in
                var pushed = PushResult()
                try Self.push(backlog, from: snapshot, into: db, result: &pushed)
                return pushed
            }.add(to: &result)
        }
        for stored in try source.storedPostmortems() {
            let outcome = try write { db -> PushResult in
                var pushed = PushResult()
                let existing = try db.row("SELECT imported_at FROM postmortems WHERE title = ? AND date = ?", stored.postmortem.title, stored.postmortem.date)
                if let existing, existing.string("imported_at") >= stored.importedAt { return pushed }
                _ = try Self.importPostmortem(db, stored.postmortem, markdown: stored.markdown, source: stored.source, importedAt: stored.importedAt)
                if existing == nil { pushed.postmortemsAdded = 1 } else { pushed.postmortemsReplaced = 1 }
                return pushed
            }
            outcome.add(to: &result)
        }
        return result
    }

    private static func push(_ backlog: BacklogKey, from snapshot: PushSnapshot, into db: any SQLExecutor, result: inout PushResult) throws {
        // Runs, in the order they happened; the k-th run with a hash is copied when this history has fewer than k+1.
        var runMap: [Int64: Int64] = [:]
        var inserted: Set<Int64> = []
        var seen: [String: Int] = [:]
        for run in snapshot.runs(of: backlog) {
            let sourceID = run.int64("id")
            let hash = run.string("content_hash")
            let k = seen[hash, default: 0]
            seen[hash] = k + 1
            let existing = try db.rows("SELECT id FROM runs WHERE content_hash = ? ORDER BY id", hash).map { $0.int64("id") }
            if existing.count > k {
                runMap[sourceID] = existing[k]
                result.runsPresent += 1
                continue
            }
            let targetID = try insertRow(db, table: "runs", row: run, skipping: ["id"], returningID: true)
            runMap[sourceID] = targetID
            inserted.insert(sourceID)
            result.runsAdded += 1
            for table in ["run_outcomes", "run_violations", "run_findings"] {
                for row in snapshot.rows[table]?[sourceID] ?? [] {
                    _ = try insertRow(db, table: table, row: row, replacing: ["run_id": .integer(targetID)])
                }
            }
            for finding in snapshot.rows["run_findings"]?[sourceID] ?? [] {
                if let topic = finding.optionalString("topic"), let text = finding.optionalString("text") {
                    try indexFinding(db, drill: backlog.drill, id: finding.string("finding"), topic: topic, text: text)
                }
            }
            let entry = snapshot.runIndex[sourceID]
            try index(db, kind: .run, ref: String(targetID),
                      title: entry?.string("title") ?? "\(run.string("title")) — \(run.string("score"))", body: entry?.string("body") ?? "",
                      tags: entry?.string("tags") ?? [backlog.drill, backlog.team].filter { !$0.isEmpty }.joined(separator: " "))
        }

        // Stories, merged by key and team.
        for story in snapshot.stories(of: backlog) {
            let sourceID = story.int64("id")
            let links = (snapshot.rows["run_stories"]?[sourceID] ?? []).filter { inserted.contains($0.int64("run_id")) }
            let storyID: Int64
            var created = false
            if let row = try db.row("SELECT id FROM stories WHERE key = ? AND team = ?", story.string("key"), backlog.team) {
                storyID = row.int64("id")
            } else {
                guard let first = runMap[story.int64("first_run_id")], let last = runMap[story.int64("last_run_id")] else { continue }
                storyID = try insertRow(db, table: "stories", row: story, skipping: ["id"], returningID: true,
                                        replacing: ["occurrences": .integer(0), "status": .text("open"),
                                                    "first_run_id": .integer(first), "last_run_id": .integer(last)])
                created = true
            }
            for link in links {
                try db.execute("INSERT INTO run_stories (run_id, story_id, position, change) VALUES (?, ?, ?, ?)",
                               runMap[link.int64("run_id")]!, storyID, link.int64("position"), link.string("change"))
            }
            let mine = (snapshot.events[sourceID] ?? []).map { event in
                StoryEvent(kind: StoryEvent.Kind(rawValue: event.string("kind")) ?? .filed, at: event.string("at"),
                           runID: event.optionalInt64("run_id").flatMap { runMap[$0] }, note: event.optionalString("note"))
            }
            let theirs = try db.rows("SELECT kind, at, run_id, note FROM story_events WHERE story_id = ? ORDER BY id", storyID).map(Self.event)
            var unmatched = theirs
            var new: [StoryEvent] = []
            for event in mine {
                if let index = unmatched.firstIndex(of: event) { unmatched.remove(at: index) } else { new.append(event) }
            }
            guard !new.isEmpty || !links.isEmpty || created else { continue }
            for event in new {
                try db.execute("INSERT INTO story_events (story_id, run_id, kind, at, note) VALUES (?, ?, ?, ?, ?)",
                               storyID, event.runID, event.kind.rawValue, event.at, event.note)
            }
            result.eventsAdded += new.count
            if created { result.storiesAdded += 1 } else { result.storiesMerged += 1 }
            try settle(db, storyID: storyID, existing: theirs, pushed: new, source: story)
        }
    }

    /// Recomputes a merged story from its events and runs: status, recurrence count, first and last run, and its
    /// fields when the pushed history filed or reopened it last; then indexes it again.
    private static func settle(_ db: any SQLExecutor, storyID: Int64, existing: [StoryEvent], pushed: [StoryEvent], source: SQLRow) throws {
        // Both lists keep their own order; they are merged by time, the existing events first on a tie.
        var merged: [(event: StoryEvent, pushed: Bool)] = []
        var i = 0, j = 0
        while i < existing.count || j < pushed.count {
            if j == pushed.count || (i < existing.count && existing[i].at <= pushed[j].at) {
                merged.append((existing[i], false)); i += 1
            } else {
                merged.append((pushed[j], true)); j += 1
            }
        }
        var status: StoryStatus?
        for (event, _) in merged {
            switch event.kind {
            case .filed, .recurred, .regressed:
                status = status.map { $0.isActive ? $0 : .reopened } ?? .open
            case .shipped: status = .shipped
            case .verified: status = .verified
            case .reopened: status = .reopened
            }
        }
        let runs = try db.rows("""
            SELECT runs.id, runs.started, runs.run_date FROM run_stories JOIN runs ON runs.id = run_stories.run_id WHERE run_stories.story_id = ?
            """, storyID).map { row in
            (id: row.int64("id"), time: row.optionalString("started").flatMap(Timestamp.parse) ?? Timestamp.parse(row.string("run_date")) ?? .distantPast)
        }.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        guard let first = runs.first, let last = runs.last else { return }
        try db.execute("UPDATE stories SET status = ?, occurrences = ?, first_run_id = ?, last_run_id = ? WHERE id = ?",
                       (status ?? .open).rawValue, runs.count, first.id, last.id, storyID)
        if merged.last(where: { $0.event.kind == .filed || $0.event.kind == .regressed })?.pushed == true {
            try db.execute("UPDATE stories SET title = ?, owner = ?, severity = ?, due = ?, source = ?, text = ? WHERE id = ?",
                           source.string("title"), source.string("owner"), source.string("severity"), source.string("due"),
                           source.string("source"), source.optionalString("text"), storyID)
        }
        guard let row = try db.row("SELECT * FROM stories WHERE id = ?", storyID) else { return }
        let story = Self.story(row)
        try indexStory(db, id: storyID, story: StoryInput(key: story.key, title: story.title, owner: story.owner, severity: story.severity,
                                                          due: story.due, source: story.source, text: story.text), team: row.string("team"))
    }

    /// Inserts `row` into `table` with the same column names, less `skipping`, with `replacing`'s values.
    private static func insertRow(_ db: any SQLExecutor, table: String, row: SQLRow, skipping: Set<String> = [], returningID: Bool = false,
                                  replacing: [String: SQLValue] = [:]) throws -> Int64 {
        var columns: [String] = []
        var values: [SQLValue] = []
        for (column, value) in zip(row.columns, row.values) where !skipping.contains(column) {
            columns.append(column)
            values.append(replacing[column] ?? value)
        }
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        if returningID { return try db.insert(sql, values) }
        try db.execute(sql, values)
        return 0
    }
}
