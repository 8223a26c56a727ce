import Foundation
import GameDayEngine

/// The history of runs and the gap-story backlog: an SQLite file (the default, one facilitator's laptop) or a
/// PostgreSQL database (one history for a whole organisation). Both behave the same; nothing outside the store
/// can tell them apart.
///
/// A history is created and migrated when it is opened. Every change is one transaction, so a process killed at
/// any moment leaves either all of a run or none of it, and several processes can record at once.
public struct HistoryStore: Sendable {
    /// Where the history is: the SQLite file's path, or the PostgreSQL URL (which never holds a password).
    public let path: String
    /// Whether the history is a PostgreSQL database.
    public let isShared: Bool
    let backend: any StoreBackend

    /// Opens the SQLite history at `path`, creating its folder, the file and the schema when they are missing.
    public init(path: String) throws {
        let backend = try SQLiteBackend(path: path)
        self.init(backend: backend, shared: false)
    }

    /// Opens the history `location` names: a PostgreSQL URL (`postgres://USER@HOST:PORT/DB?sslmode=require`,
    /// the password from `PGPASSWORD` or `~/.pgpass`) or the path of an SQLite file.
    public init(location: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if PostgresURL.isURL(location) {
            let url = try PostgresURL(parsing: location, environment: environment)
            self.init(backend: try PostgresBackend(url: url, environment: environment), shared: true)
        } else {
            try self.init(path: location)
        }
    }

    init(backend: any StoreBackend, shared: Bool) {
        self.backend = backend
        path = backend.location
        isShared = shared
    }

    /// The history in use when none is named: `$GAMEDAY_DB` (a path or a PostgreSQL URL), else the default file.
    public static func defaultLocation(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let db = environment["GAMEDAY_DB"], !db.isEmpty { return db }
        return defaultPath(environment: environment)
    }

    /// `$GAMEDAY_HOME/history.sqlite`, else `~/.local/share/gameday/history.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["GAMEDAY_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent("history.sqlite").path
        }
        let user = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: user).appendingPathComponent(".local/share/gameday/history.sqlite").path
    }

    /// Runs `body` in one write transaction: all of it is written, or none (see `StoreBackend.write`).
    func write<T>(backlog: BacklogKey? = nil, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try backend.write(backlog: backlog, body)
    }

    /// Runs `body` on a consistent snapshot.
    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try backend.read(body)
    }

    /// An ISO 8601 UTC time, to the second.
    static func isoTime(_ date: Date) -> String { Timestamp.utcTime(date, plusSeconds: 0) }
}
