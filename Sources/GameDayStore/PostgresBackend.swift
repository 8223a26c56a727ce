internal import Logging
internal import NIOConcurrencyHelpers
internal import NIOCore
internal import NIOSSL
internal import PostgresNIO
import Foundation

/// The history in a PostgreSQL database, through postgres-nio: one connection, used by one transaction at a time.
///
/// Every write is one `SERIALIZABLE` transaction, run again (with a growing, jittered pause) when the server
/// reports a serialization failure or a deadlock. A write that changes a backlog first takes a session advisory
/// lock on that drill and team, so that recorders of one team queue up instead of failing each other; the lock
/// goes with the connection, so a killed process never leaves it held.
final class PostgresBackend: StoreBackend {
    /// The database.
    let url: PostgresURL
    let location: String
    private let connection: PostgresConnection
    private let lock = NIOLock()
    private let logger: Logger

    /// Connects to `url` (the password from `environment`: `PGPASSWORD` or the password file) and migrates the schema.
    init(url: PostgresURL, environment: [String: String]) throws {
        self.url = url
        location = url.description
        logger = Logger(label: "gameday.store", factory: { _ in SwiftLogNoOpLogHandler() })
        let password = PostgresPassword.lookup(url, environment: environment)
        do {
            var configuration: PostgresConnection.Configuration
            if let socket = url.socketPath, url.host == nil {
                configuration = .init(unixSocketPath: socket, username: url.user, password: password.password, database: url.database)
            } else {
                configuration = .init(host: url.host ?? "localhost", port: url.port, username: url.user, password: password.password,
                                      database: url.database, tls: try Self.tls(url, environment: environment))
            }
            configuration.options.connectTimeout = .seconds(Int64(url.connectTimeout))
            var startup = [("application_name", url.applicationName)]
            if let options = url.options { startup.append(("options", options)) }
            configuration.options.additionalStartupParameters = startup
            connection = try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                                                        id: 1, logger: logger).wait()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(path: url.description, message: Self.message(error, url: url, password: password))
        }
        try PostgresSchema.migrate(self)
    }

    /// Closes the connection (postgres-nio wants it closed before it goes); the store is never released on one of
    /// the driver's event loops, so waiting here is safe.
    deinit {
        let closing: EventLoopFuture<Void> = connection.close()
        try? closing.wait()
    }

    /// The TLS configuration `sslmode` asks for.
    static func tls(_ url: PostgresURL, environment: [String: String]) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        var rootFile = url.sslRootCert
        if rootFile == nil {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            let libpqDefault = URL(fileURLWithPath: home).appendingPathComponent(".postgresql/root.crt").path
            if url.sslMode == .verifyCA || url.sslMode == .verifyFull, FileManager.default.fileExists(atPath: libpqDefault) { rootFile = libpqDefault }
        }
        if let rootFile, rootFile != "system" {
            guard FileManager.default.isReadableFile(atPath: rootFile) else {
                throw StoreError.badLocation(text: url.description, message: "sslrootcert '\(rootFile)' is not a readable file")
            }
            configuration.trustRoots = .file(rootFile)
        }
        switch url.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            configuration.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: configuration))
        case .require:
            // As in libpq: with a root certificate given, `require` checks the chain like `verify-ca`.
            configuration.certificateVerification = url.sslRootCert == nil ? .none : .noHostnameVerification
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: configuration))
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            return .require(try NIOSSLContext(configuration: configuration))
        }
    }

    func write<T>(backlog: BacklogKey?, _ body: (any SQLExecutor) throws -> T) throws -> T {
        try lock.withLock {
            let executor = PostgresExecutor(connection: connection, logger: logger)
            return try failures {
                let key = backlog.map { "gameday/backlog/\($0.drill)/\($0.team)" }
                if let key { try executor.execute("SELECT pg_advisory_lock(hashtextextended(coalesce(current_schema(), '') || ?, 0))", key) }
                defer {
                    if let key { try? executor.execute("SELECT pg_advisory_unlock(hashtextextended(coalesce(current_schema(), '') || ?, 0))", key) }
                }
                return try Self.retrying(executor) { try body(executor) }
            }
        }
    }

    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T {
        try lock.withLock {
            let executor = PostgresExecutor(connection: connection, logger: logger)
            return try failures {
                try executor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                do {
                    let result = try body(executor)
                    try executor.execute("COMMIT")
                    return result
                } catch {
                    try? executor.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }

    /// Runs `body` outside any transaction (the migrations' advisory lock and DDL), with the connection to itself.
    func session<T>(_ body: (PostgresExecutor) throws -> T) throws -> T {
        try lock.withLock {
            try failures { try body(PostgresExecutor(connection: connection, logger: logger)) }
        }
    }

    /// How many times a transaction is tried before a serialization failure is reported.
    static let attempts = 200

    /// Runs `body` in a serializable transaction, again after each serialization failure or deadlock.
    static func retrying<T>(_ executor: PostgresExecutor, _ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            try executor.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
            do {
                let result = try body()
                try executor.execute("COMMIT")
                return result
            } catch {
                try? executor.execute("ROLLBACK")
                guard isRetryable(error), attempt < attempts else { throw error }
                // A pause that grows with each attempt, with jitter so that conflicting writers drift apart.
                let ceiling = min(200_000, 2_000 << min(attempt, 7))
                usleep(UInt32.random(in: UInt32(ceiling / 4)...UInt32(ceiling)))
            }
        }
    }

    /// Whether the server asks for the transaction to be tried again: a serialization failure or a deadlock.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    /// Runs `body`, turning the driver's errors into a `StoreError` that names the database.
    private func failures<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(path: location, message: Self.message(error, url: url, password: nil))
        }
    }

    /// A one-line message for a driver error: the server's own message, or what went wrong with the connection.
    static func message(_ error: any Error, url: PostgresURL, password: PostgresPassword?) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let info = error.serverInfo, let message = info[.message] {
            var text = message
            if let detail = info[.detail] { text += " (\(detail))" }
            if let state = info[.sqlState], state.hasPrefix("28") {
                if password?.password == nil {
                    text += "; set PGPASSWORD or add the server to ~/.pgpass"
                    if let note = password?.note { text += " (\(note))" }
                }
            } else if let hint = info[.hint] {
                text += "; \(hint)"
            }
            return text
        }
        let target = url.host.map { "\($0):\(url.port)" } ?? url.socketPath ?? "the server"
        switch error.code {
        case .authMechanismRequiresPassword:
            var text = "the server asks for a password: set PGPASSWORD or add the server to ~/.pgpass (a file only you can read)"
            if let note = password?.note { text += "; \(note)" }
            return text
        case .sslUnsupported:
            return "\(target) does not offer TLS, but sslmode=\(url.sslMode.rawValue) requires it"
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .failedToAddSSLHandler:
            let reason = error.underlying.map { Self.describe($0) } ?? "the connection failed"
            return "cannot talk to \(target): \(reason)"
        default:
            return "\(error.code)" + (error.underlying.map { ": \(Self.describe($0))" } ?? "")
        }
    }

    /// A readable description of an underlying network or TLS error.
    static func describe(_ error: any Error) -> String {
        if let error = error as? NIOSSLError {
            if case .handshakeFailed(let inner) = error { return "TLS handshake failed (\(inner)): is the server's certificate trusted (sslrootcert) and for this host name?" }
            return "TLS: \(error)"
        }
        if let error = error as? NIOSSLExtraError { return "TLS: \(error)" }
        if let error = error as? IOError { return error.description }
        return String(describing: error)
    }
}
