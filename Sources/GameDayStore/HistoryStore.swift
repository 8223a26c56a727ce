internal import GRDB
import Foundation
import GameDayEngine

/// The history of runs and the gap-story backlog, in one SQLite file.
///
/// The file is created and migrated when it is opened. It is in WAL mode with a busy timeout, so several
/// processes can record at once; every change is one immediate transaction, so a process killed at any
/// moment leaves either all of a run or none of it.
public struct HistoryStore: Sendable {
    /// The database file.
    public let path: String
    let queue: DatabaseQueue

    /// Opens the history at `path`, creating its folder, the file and the schema when they are missing.
    public init(path: String) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(60)
        configuration.foreignKeysEnabled = true
        configuration.label = "gameday.history"
        do {
            queue = try Self.open(path: path, configuration: configuration)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(path: path, message: Self.message(error))
        }
    }

    /// Opens and migrates the file. Turning a new file to WAL mode needs a lock that SQLite does not wait for
    /// with the busy timeout, so when another process is creating the same file at that moment, try again.
    private static func open(path: String, configuration: Configuration) throws -> DatabaseQueue {
        var attempts = 0
        while true {
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try Schema.migrate(queue, path: path)
                return queue
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempts < 1_200 {
                attempts += 1
                usleep(50_000)
            }
        }
    }

    /// `$GAMEDAY_HOME/history.sqlite`, else `~/.local/share/gameday/history.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["GAMEDAY_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent("history.sqlite").path
        }
        let user = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: user).appendingPathComponent(".local/share/gameday/history.sqlite").path
    }

    /// Runs `body` in one immediate transaction: all of it is written, or none.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(path: path, message: Self.message(error))
        }
    }

    /// Runs `body` on a consistent snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(path: path, message: Self.message(error))
        }
    }

    /// SQLite's message without the SQL statement GRDB appends.
    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode.rawValue)" }
        return String(describing: error)
    }

    /// An ISO 8601 UTC time, to the second.
    static func isoTime(_ date: Date) -> String { Timestamp.utcTime(date, plusSeconds: 0) }
}
