internal import GRDB
import Foundation

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
        try write { db in
            let existing = try Int64.fetchOne(db, sql: "SELECT id FROM postmortems WHERE title = ? AND date = ?",
                                              arguments: [postmortem.title, postmortem.date])
            let values: StatementArguments = [postmortem.severity?.rawValue, postmortem.team, source, markdown, postmortem.summary,
                                              postmortem.impact, postmortem.rootCause, Self.isoTime(importedAt)]
            let id: Int64
            if let existing {
                id = existing
                try db.execute(sql: """
                    UPDATE postmortems SET severity = ?, team = ?, source = ?, markdown = ?, summary = ?, impact = ?,
                        root_cause = ?, imported_at = ? WHERE id = ?
                    """, arguments: values + [id])
                for table in ["postmortem_timeline", "postmortem_notes", "postmortem_improvements"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE postmortem_id = ?", arguments: [id])
                }
                try db.execute(sql: "DELETE FROM search_index WHERE kind = 'postmortem' AND ref = ?", arguments: [String(id)])
            } else {
                try db.execute(sql: """
                    INSERT INTO postmortems (title, date, severity, team, source, markdown, summary, impact, root_cause, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [postmortem.title, postmortem.date] + values)
                id = db.lastInsertedRowID
            }
            for (position, entry) in postmortem.timeline.enumerated() {
                try db.execute(sql: "INSERT INTO postmortem_timeline (postmortem_id, position, time, text) VALUES (?, ?, ?, ?)",
                               arguments: [id, position, entry.time, entry.text])
            }
            for (section, items) in [("contributing_factor", postmortem.contributingFactors), ("went_well", postmortem.wentWell),
                                     ("went_poorly", postmortem.wentPoorly)] {
                for (position, text) in items.enumerated() {
                    try db.execute(sql: "INSERT INTO postmortem_notes (postmortem_id, section, position, text) VALUES (?, ?, ?, ?)",
                                   arguments: [id, section, position, text])
                }
            }
            for (position, item) in postmortem.improvements.enumerated() {
                try db.execute(sql: "INSERT INTO postmortem_improvements (postmortem_id, position, text, owner, due) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, position, item.text, item.owner, item.due])
            }
            try Self.index(db, kind: .postmortem, ref: String(id), title: "Postmortem: \(postmortem.title) (\(postmortem.date))",
                           body: postmortem.searchText,
                           tags: ([postmortem.team] + postmortem.improvements.map(\.owner)).compactMap { $0 }.joined(separator: " "))
            return PostmortemImport(id: id, replaced: existing != nil)
        }
    }
}
