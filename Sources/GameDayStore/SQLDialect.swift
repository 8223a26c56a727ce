/// The two SQL dialects: the few statements that differ (full-text search, integrity checks) switch on it.
enum SQLDialect: Sendable, Hashable {
    /// SQLite with FTS5.
    case sqlite
    /// PostgreSQL with tsvector.
    case postgres
}
