internal import GRDB
import Foundation

/// The history in one SQLite file, through GRDB: WAL mode, a 60-second busy timeout, immediate transactions.
struct SQLiteBackend: StoreBackend {
    /// The database file.
    let path: String
    private let queue: DatabaseQueue

    var location: String { path }

    /// Opens the file at `path`, creating its folder, the file and the schema when they are missing.
    init(path: String) throws {
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
                try SQLiteSchema.migrate(queue, path: path)
                return queue
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempts < 1_200 {
                attempts += 1
                usleep(50_000)
            }
        }
    }

    func write<T>(backlog: BacklogKey?, _ body: (any SQLExecutor) throws -> T) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(GRDBExecutor(db: db))
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

    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        do {
            return try queue.read { db in try body(GRDBExecutor(db: db)) }
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
}
