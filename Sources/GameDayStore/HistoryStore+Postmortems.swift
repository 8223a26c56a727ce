import Foundation
import GameDayEngine

extension HistoryStore {
    /// What importing a postmortem did.
    public struct PostmortemImport: Sendable, Hashable {
        /// The postmortem's number in the store.
        public var id: Int64
        /// Whether it replaced an earlier import with the same title and date.
        public var replaced: Bool
    }

    /// Stores a postmortem (its Markdown too) and indexes it for search; one with the same title and date is replaced.
    @discardableResult
    public func importPostmortem(_ postmortem: Postmortem, markdown: String, source: String, importedAt: Date) throws -> PostmortemImport {
        try write { db in try Self.importPostmortem(db, postmortem, markdown: markdown, source: source, importedAt: Self.isoTime(importedAt)) }
    }

    static func importPostmortem(_ db: any SQLExecutor, _ postmortem: Postmortem, markdown: String, source: String,
                                 importedAt: String) throws -> PostmortemImport {
        let existing = try db.row("SELECT id FROM postmortems WHERE title = ? AND date = ?", postmortem.title, postmortem.date)?.int64("id")
        let id: Int64
        if let existing {
            id = existing
            try db.execute("""
                UPDATE postmortems SET severity = ?, team = ?, source = ?, markdown = ?, summary = ?, impact = ?,
                    root_cause = ?, imported_at = ? WHERE id = ?
                """, postmortem.severity?.rawValue, postmortem.team, source, markdown, postmortem.summary, postmortem.impact,
                postmortem.rootCause, importedAt, id)
            for table in ["postmortem_timeline", "postmortem_notes", "postmortem_improvements"] {
                try db.execute("DELETE FROM \(table) WHERE postmortem_id = ?", id)
            }
            try db.execute("DELETE FROM search_index WHERE kind = 'postmortem' AND ref = ?", String(id))
        } else {
            id = try db.insert("""
                INSERT INTO postmortems (title, date, severity, team, source, markdown, summary, impact, root_cause, imported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, postmortem.title, postmortem.date, postmortem.severity?.rawValue, postmortem.team, source, markdown,
                postmortem.summary, postmortem.impact, postmortem.rootCause, importedAt)
        }
        for (position, entry) in postmortem.timeline.enumerated() {
            try db.execute("INSERT INTO postmortem_timeline (postmortem_id, position, time, text) VALUES (?, ?, ?, ?)",
                           id, position, entry.time, entry.text)
        }
        for (section, items) in [("contributing_factor", postmortem.contributingFactors), ("went_well", postmortem.wentWell),
                                 ("went_poorly", postmortem.wentPoorly)] {
            for (position, text) in items.enumerated() {
                try db.execute("INSERT INTO postmortem_notes (postmortem_id, section, position, text) VALUES (?, ?, ?, ?)",
                               id, section, position, text)
            }
        }
        for (position, item) in postmortem.improvements.enumerated() {
            try db.execute("INSERT INTO postmortem_improvements (postmortem_id, position, text, owner, due) VALUES (?, ?, ?, ?, ?)",
                           id, position, item.text, item.owner, item.due)
        }
        // Indexed under its own title (a hit reads "postmortem #1: TITLE (DATE)"); "postmortem" is a tag, so the word finds it.
        try index(db, kind: .postmortem, ref: String(id), title: "\(postmortem.title) (\(postmortem.date))", body: postmortem.searchText,
                  tags: (["postmortem", postmortem.team] + postmortem.improvements.map(\.owner)).compactMap { $0 }.joined(separator: " "))
        return PostmortemImport(id: id, replaced: existing != nil)
    }

    /// One stored postmortem with what it was imported from, as `history push` copies it.
    struct StoredPostmortem {
        var postmortem: Postmortem
        var markdown: String
        var source: String
        var importedAt: String
    }

    /// Every stored postmortem, oldest import first.
    func storedPostmortems() throws -> [StoredPostmortem] {
        try read { db in
            try db.rows("SELECT * FROM postmortems ORDER BY id").map { row in
                let id = row.int64("id")
                let timeline = try db.rows("SELECT time, text FROM postmortem_timeline WHERE postmortem_id = ? ORDER BY position", id)
                    .map { Postmortem.TimelineEntry(time: $0.string("time"), text: $0.string("text")) }
                let notes = try db.rows("SELECT section, text FROM postmortem_notes WHERE postmortem_id = ? ORDER BY section, position", id)
                func section(_ name: String) -> [String] { notes.filter { $0.string("section") == name }.map { $0.string("text") } }
                let improvements = try db.rows("SELECT text, owner, due FROM postmortem_improvements WHERE postmortem_id = ? ORDER BY position", id)
                    .map { Postmortem.Improvement(text: $0.string("text"), owner: $0.string("owner"), due: $0.string("due")) }
                let postmortem = Postmortem(
                    title: row.string("title"), date: row.string("date"), severity: row.optionalString("severity").flatMap(Severity.init(rawValue:)),
                    team: row.optionalString("team"), summary: row.string("summary"), impact: row.string("impact"), timeline: timeline,
                    rootCause: row.string("root_cause"), contributingFactors: section("contributing_factor"), wentWell: section("went_well"),
                    wentPoorly: section("went_poorly"), improvements: improvements)
                return StoredPostmortem(postmortem: postmortem, markdown: row.string("markdown"), source: row.string("source"),
                                        importedAt: row.string("imported_at"))
            }
        }
    }
}
