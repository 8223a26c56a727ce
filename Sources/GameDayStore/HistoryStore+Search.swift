import Foundation

extension HistoryStore {
    /// Full-text search over runs, findings, stories and postmortems, best match first: SQLite FTS5 ranked by bm25,
    /// or PostgreSQL's tsvector ranked by ts_rank, weighted alike (titles over bodies over ids and keys).
    ///
    /// Every word of `text` must match (words are stemmed: `revoking` finds `revoked`); when no entry has them
    /// all, entries with any of them are returned. Each hit's snippet is one line of one field (a title, one
    /// line of a body, the tags), the one with the most matching words, each of them between `[` and `]`.
    public func search(_ text: String, limit: Int = 20) throws -> [SearchHit] {
        let words = Self.words(text)
        guard !words.isEmpty, limit > 0 else { return [] }
        return try read { db in
            let hits = try Self.search(db, words: words, all: true, limit: limit)
            if !hits.isEmpty || words.count == 1 { return hits }
            return try Self.search(db, words: words, all: false, limit: limit)
        }
    }

    /// Ties of rank: postmortems, stories, findings, then runs; newer (higher numbers) first.
    private static let tieOrder = """
        CASE kind WHEN 'postmortem' THEN 0 WHEN 'story' THEN 1 WHEN 'finding' THEN 2 ELSE 3 END
        """

    private static func search(_ db: any SQLExecutor, words: [String], all: Bool, limit: Int) throws -> [SearchHit] {
        let open = "\u{E000}", close = "\u{E001}"
        switch db.dialect {
        case .sqlite:
            let query = words.map { "\"\($0)\"" }.joined(separator: all ? " " : " OR ")
            return try db.rows("""
                SELECT kind, ref, title, body, tags, highlight(search_index, 2, ?, ?) AS title_marked,
                    highlight(search_index, 3, ?, ?) AS body_marked, highlight(search_index, 4, ?, ?) AS tags_marked,
                    bm25(search_index, 0.0, 0.0, 4.0, 1.0, 0.5) AS score
                FROM search_index WHERE search_index MATCH ?
                ORDER BY score, \(tieOrder), CAST(ref AS INTEGER) DESC, ref
                LIMIT ?
                """, open, close, open, close, open, close, query, limit).map { row in
                var matched = Set<String>()
                for column in ["title_marked", "body_marked", "tags_marked"] {
                    matched.formUnion(marked(row.string(column), open: open, close: close))
                }
                return hit(row, matched: matched)
            }
        case .postgres:
            let query = all ? "plainto_tsquery('gameday', ?)"
                : "(" + words.map { _ in "plainto_tsquery('gameday', ?)" }.joined(separator: " || ") + ")"
            let queryArguments: [SQLValue] = all ? [.text(words.joined(separator: " "))] : words.map { .text($0) }
            let rows = try db.rows("""
                SELECT kind, ref, title, body, tags, (-ts_rank('{0.0, 0.125, 0.25, 1.0}', document, query))::float8 AS score
                FROM search_index, (SELECT \(query) AS query) AS q
                WHERE document @@ query
                ORDER BY score, \(tieOrder), CASE WHEN ref ~ '^[0-9]+$' THEN ref::bigint ELSE 0 END DESC, ref
                LIMIT ?
                """, queryArguments + [.integer(Int64(limit))])
            // Which words of the hits match, as PostgreSQL's stemmer sees them: ts_headline marks them.
            var candidates = Set<String>()
            for row in rows {
                for column in ["title", "body", "tags"] { candidates.formUnion(Self.words(row.string(column)).map { $0.lowercased() }) }
            }
            var matched = Set<String>()
            if !candidates.isEmpty {
                let marked = try db.value("""
                    SELECT ts_headline('gameday', ?, \(query), 'HighlightAll=true, StartSel="[", StopSel="]"')
                    """, [.text(candidates.sorted().joined(separator: " "))] + queryArguments)
                matched = Self.marked(marked.text ?? "", open: "[", close: "]")
            }
            return rows.map { hit($0, matched: matched) }
        }
    }

    private static func hit(_ row: SQLRow, matched: Set<String>) -> SearchHit {
        SearchHit(kind: SearchHit.Kind(rawValue: row.string("kind")) ?? .run, reference: row.string("ref"), title: row.string("title"),
                  snippet: SearchSnippet.make(title: row.string("title"), body: row.string("body"), tags: row.string("tags"), matched: matched),
                  rank: row.double("score"))
    }

    /// The words, lowercased, that `text` marks between `open` and `close`.
    static func marked(_ text: String, open: String, close: String) -> Set<String> {
        var found = Set<String>()
        var rest = Substring(text)
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            for word in words(String(rest[start.upperBound..<end.lowerBound])) { found.insert(word.lowercased()) }
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// Adds one searchable thing to the index (replacing the entry of the same kind and reference in PostgreSQL).
    static func index(_ db: any SQLExecutor, kind: SearchHit.Kind, ref: String, title: String, body: String, tags: String) throws {
        switch db.dialect {
        case .sqlite:
            try db.execute("INSERT INTO search_index (kind, ref, title, body, tags) VALUES (?, ?, ?, ?, ?)", kind.rawValue, ref, title, body, tags)
        case .postgres:
            // The document is made of the same words as the query: runs of letters and digits.
            func text(_ field: String) -> String { words(field).joined(separator: " ") }
            try db.execute("""
                INSERT INTO search_index (kind, ref, title, body, tags, document)
                VALUES (?, ?, ?, ?, ?, setweight(to_tsvector('gameday', ?), 'A') || setweight(to_tsvector('gameday', ?), 'B')
                    || setweight(to_tsvector('gameday', ?), 'C'))
                ON CONFLICT (kind, ref) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, tags = EXCLUDED.tags,
                    document = EXCLUDED.document
                WHERE (search_index.title, search_index.body, search_index.tags) IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.body, EXCLUDED.tags)
                """, kind.rawValue, ref, title, body, tags, text(title), text(body), text(tags))
        }
    }

    /// The words of a query: runs of letters and digits (no operator or quote of FTS5 or tsquery is passed through).
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
