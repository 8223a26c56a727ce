internal import GRDB
import Foundation

extension HistoryStore {
    /// Full-text search over runs, findings, stories and postmortems, best match first (SQLite FTS5, bm25).
    ///
    /// Every word of `text` must match (words are stemmed: `revoking` finds `revoked`); when no entry has them
    /// all, entries with any of them are returned. Titles weigh more than bodies, bodies more than ids and keys.
    public func search(_ text: String, limit: Int = 20) throws -> [SearchHit] {
        let words = Self.words(text)
        guard !words.isEmpty, limit > 0 else { return [] }
        let all = words.map { "\"\($0)\"" }.joined(separator: " ")
        return try read { db in
            let hits = try Self.search(db, query: all, limit: limit)
            if !hits.isEmpty || words.count == 1 { return hits }
            return try Self.search(db, query: words.map { "\"\($0)\"" }.joined(separator: " OR "), limit: limit)
        }
    }

    private static func search(_ db: Database, query: String, limit: Int) throws -> [SearchHit] {
        try Row.fetchAll(db, sql: """
            SELECT kind, ref, title, snippet(search_index, -1, '[', ']', '…', 16) AS passage,
                bm25(search_index, 0.0, 0.0, 4.0, 1.0, 0.5) AS score
            FROM search_index WHERE search_index MATCH ?
            ORDER BY score, CASE kind WHEN 'postmortem' THEN 0 WHEN 'story' THEN 1 WHEN 'finding' THEN 2 ELSE 3 END,
                CAST(ref AS INTEGER) DESC, ref
            LIMIT ?
            """, arguments: [query, limit]).map { row in
            SearchHit(kind: SearchHit.Kind(rawValue: row["kind"]) ?? .run, reference: row["ref"], title: row["title"],
                      snippet: row["passage"], rank: row["score"])
        }
    }

    /// The words of a query: runs of letters and digits (FTS5 operators and quotes are not passed through).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
