import Foundation
import GameDayEngine

extension HistoryStore {
    /// The stories that pass `filter`, most severe first, then by due date and number.
    public func stories(_ filter: StoryFilter = StoryFilter()) throws -> [BacklogStory] {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if let team = filter.team { conditions.append("team = ?"); arguments.append(.text(team)) }
        if let drill = filter.drill { conditions.append("drill = ?"); arguments.append(.text(drill)) }
        if let owner = filter.owner { conditions.append("owner = ?"); arguments.append(.text(owner)) }
        if let severity = filter.severity { conditions.append("severity = ?"); arguments.append(.text(severity.rawValue)) }
        if let status = filter.status {
            if status == .open { conditions.append("status IN ('open', 'reopened')") } else {
                conditions.append("status = ?")
                arguments.append(.text(status.rawValue))
            }
        }
        if let day = filter.overdueOn { conditions.append("status IN ('open', 'reopened') AND due < ?"); arguments.append(.text(day)) }
        let filterSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try db.rows("SELECT * FROM stories \(filterSQL) ORDER BY severity, due, id", arguments).map(Self.story)
        }
    }

    /// The story with number `id`.
    public func story(id: Int64) throws -> BacklogStory {
        try read { db in
            guard let row = try db.row("SELECT * FROM stories WHERE id = ?", id) else { throw StoreError.noSuchStory("#\(id)") }
            return Self.story(row)
        }
    }

    /// The number of the story that `reference` names: `12`, `#12`, or a story key (with `team` when several teams have it).
    public func storyID(_ reference: String, team: String? = nil) throws -> Int64 {
        let digits = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
        return try read { db in
            if let id = Int64(digits) {
                guard try db.row("SELECT 1 AS found FROM stories WHERE id = ?", id) != nil else { throw StoreError.noSuchStory(reference) }
                return id
            }
            var sql = "SELECT id, team FROM stories WHERE key = ?"
            var arguments: [SQLValue] = [.text(reference)]
            if let team { sql += " AND team = ?"; arguments.append(.text(team)) }
            let rows = try db.rows(sql + " ORDER BY team", arguments)
            guard let first = rows.first else { throw StoreError.noSuchStory(reference) }
            guard rows.count == 1 else { throw StoreError.ambiguousStory(key: reference, teams: rows.map { $0.string("team") }) }
            return first.int64("id")
        }
    }

    /// A story's life, oldest first.
    public func events(storyID: Int64) throws -> [StoryEvent] {
        try read { db in
            try db.rows("SELECT kind, at, run_id, note FROM story_events WHERE story_id = ? ORDER BY id", storyID).map(Self.event)
        }
    }

    /// Marks an open or reopened story's fix shipped; the next run of its drill will verify it or reopen it.
    @discardableResult
    public func ship(storyID: Int64, at date: Date, note: String? = nil) throws -> BacklogStory {
        try change(storyID, from: [.open, .reopened], to: .shipped, event: .shipped, action: "shipped", at: date, note: note)
    }

    /// Marks a shipped story verified by hand (a run of its drill does this by itself).
    @discardableResult
    public func verify(storyID: Int64, at date: Date, note: String? = nil) throws -> BacklogStory {
        try change(storyID, from: [.shipped], to: .verified, event: .verified, action: "verified (ship it first)", at: date, note: note)
    }

    /// Reopens a shipped or verified story by hand.
    @discardableResult
    public func reopen(storyID: Int64, at date: Date, note: String? = nil) throws -> BacklogStory {
        try change(storyID, from: [.shipped, .verified], to: .reopened, event: .reopened, action: "reopened", at: date, note: note)
    }

    private func change(_ id: Int64, from allowed: Set<StoryStatus>, to status: StoryStatus, event: StoryEvent.Kind,
                        action: String, at date: Date, note: String?) throws -> BacklogStory {
        // The story's backlog, so that the change queues behind a recording of the same drill and team.
        let backlog = try read { db in
            try db.row("SELECT drill, team FROM stories WHERE id = ?", id).map { BacklogKey(drill: $0.string("drill"), team: $0.string("team")) }
        }
        return try write(backlog: backlog) { db in
            guard let row = try db.row("SELECT * FROM stories WHERE id = ?", id) else { throw StoreError.noSuchStory("#\(id)") }
            var story = Self.story(row)
            guard allowed.contains(story.status) else { throw StoreError.invalidTransition(story: id, from: story.status, action: action) }
            try db.execute("UPDATE stories SET status = ? WHERE id = ?", status.rawValue, id)
            try Self.event(db, story: id, run: nil, kind: event, at: Self.isoTime(date), note: note)
            story.status = status
            return story
        }
    }

    static func story(_ row: SQLRow) -> BacklogStory {
        let team = row.string("team")
        return BacklogStory(
            id: row.int64("id"), key: row.string("key"), team: team.isEmpty ? nil : team, drill: row.string("drill"),
            title: row.string("title"), owner: row.string("owner"), severity: Severity(rawValue: row.string("severity")) ?? .p3,
            due: row.string("due"), source: row.string("source"), text: row.optionalString("text"),
            status: StoryStatus(rawValue: row.string("status")) ?? .open, occurrences: row.int("occurrences"),
            firstRunID: row.int64("first_run_id"), lastRunID: row.int64("last_run_id"))
    }

    static func event(_ row: SQLRow) -> StoryEvent {
        StoryEvent(kind: StoryEvent.Kind(rawValue: row.string("kind")) ?? .filed, at: row.string("at"), runID: row.optionalInt64("run_id"),
                   note: row.optionalString("note"))
    }
}
