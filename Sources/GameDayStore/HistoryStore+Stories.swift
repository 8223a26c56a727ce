internal import GRDB
import Foundation
import GameDayEngine

extension HistoryStore {
    /// The stories that pass `filter`, most severe first, then by due date and number.
    public func stories(_ filter: StoryFilter = StoryFilter()) throws -> [BacklogStory] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let team = filter.team { conditions.append("team = ?"); arguments += [team] }
        if let drill = filter.drill { conditions.append("drill = ?"); arguments += [drill] }
        if let owner = filter.owner { conditions.append("owner = ?"); arguments += [owner] }
        if let severity = filter.severity { conditions.append("severity = ?"); arguments += [severity.rawValue] }
        if let status = filter.status {
            if status == .open { conditions.append("status IN ('open', 'reopened')") } else {
                conditions.append("status = ?")
                arguments += [status.rawValue]
            }
        }
        if let day = filter.overdueOn { conditions.append("status IN ('open', 'reopened') AND due < ?"); arguments += [day] }
        let filterSQL = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM stories \(filterSQL) ORDER BY severity, due, id", arguments: arguments).map(Self.story)
        }
    }

    /// The story with number `id`.
    public func story(id: Int64) throws -> BacklogStory {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM stories WHERE id = ?", arguments: [id]) else {
                throw StoreError.noSuchStory("#\(id)")
            }
            return Self.story(row)
        }
    }

    /// The number of the story that `reference` names: `12`, `#12`, or a story key (with `team` when several teams have it).
    public func storyID(_ reference: String, team: String? = nil) throws -> Int64 {
        let digits = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
        return try read { db in
            if let id = Int64(digits) {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM stories WHERE id = ?", arguments: [id]) != nil else {
                    throw StoreError.noSuchStory(reference)
                }
                return id
            }
            var sql = "SELECT id, team FROM stories WHERE key = ?"
            var arguments: StatementArguments = [reference]
            if let team { sql += " AND team = ?"; arguments += [team] }
            let rows = try Row.fetchAll(db, sql: sql + " ORDER BY team", arguments: arguments)
            guard let first = rows.first else { throw StoreError.noSuchStory(reference) }
            guard rows.count == 1 else { throw StoreError.ambiguousStory(key: reference, teams: rows.map { $0["team"] }) }
            return first["id"]
        }
    }

    /// A story's life, oldest first.
    public func events(storyID: Int64) throws -> [StoryEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT kind, at, run_id, note FROM story_events WHERE story_id = ? ORDER BY id",
                             arguments: [storyID]).map { row in
                StoryEvent(kind: StoryEvent.Kind(rawValue: row["kind"]) ?? .filed, at: row["at"], runID: row["run_id"], note: row["note"])
            }
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
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM stories WHERE id = ?", arguments: [id]) else {
                throw StoreError.noSuchStory("#\(id)")
            }
            var story = Self.story(row)
            guard allowed.contains(story.status) else { throw StoreError.invalidTransition(story: id, from: story.status, action: action) }
            try db.execute(sql: "UPDATE stories SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
            try Self.event(db, story: id, run: nil, kind: event, at: Self.isoTime(date), note: note)
            story.status = status
            return story
        }
    }

    static func story(_ row: Row) -> BacklogStory {
        let team: String = row["team"]
        return BacklogStory(
            id: row["id"], key: row["key"], team: team.isEmpty ? nil : team, drill: row["drill"], title: row["title"],
            owner: row["owner"], severity: Severity(rawValue: row["severity"]) ?? .p3, due: row["due"],
            source: RunReport.Story.Source(rawValue: row["source"]) ?? .outcome, text: row["text"],
            status: StoryStatus(rawValue: row["status"]) ?? .open, occurrences: row["occurrences"],
            firstRunID: row["first_run_id"], lastRunID: row["last_run_id"])
    }
}
