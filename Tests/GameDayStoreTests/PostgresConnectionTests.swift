import Foundation
@testable import GameDayStore
import Testing

/// PostgreSQL URLs, passwords and TLS: what `--db postgres://...` and `GAMEDAY_DB` accept, and how a connection fails.
@Suite struct PostgresConnectionTests {
    static let environment = ["USER": "alice"]

    @Test(arguments: [
        ("postgres://gd@db.example.org:6543/gameday", "gd", "db.example.org", 6543, "gameday", PostgresURL.SSLMode.prefer),
        ("postgresql://gd@db.example.org/gameday?sslmode=verify-full", "gd", "db.example.org", 5432, "gameday", .verifyFull),
        ("postgres://db.example.org", "alice", "db.example.org", 5432, "alice", .prefer),
        ("postgres://gd@[::1]:5433/x?sslmode=require", "gd", "::1", 5433, "x", .require),
        ("postgres://g%40d@h/d%2Db", "g@d", "h", 5432, "d-b", .prefer),
        ("postgres://gd@h/db?sslmode=disable&application_name=ci&connect_timeout=5", "gd", "h", 5432, "db", .disable),
    ])
    func urlsAreReadAsLibpqReadsThem(_ text: String, user: String, host: String, port: Int, database: String, mode: PostgresURL.SSLMode) throws {
        let url = try PostgresURL(parsing: text, environment: Self.environment)
        #expect(url.user == user && url.host == host && url.port == port && url.database == database && url.sslMode == mode)
        #expect(url.socketDirectory == nil)
    }

    @Test func aURLWithoutAHostUsesTheUnixSocket() throws {
        let url = try PostgresURL(parsing: "postgres://gd@/gameday", environment: Self.environment)
        #expect(url.host == nil && url.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        let folder = try PostgresURL(parsing: "postgres://gd@/gameday?host=/tmp/pg&port=7000", environment: Self.environment)
        #expect(folder.socketPath == "/tmp/pg/.s.PGSQL.7000")
        #expect(folder.description == "postgres://gd@:7000/gameday?host=%2Ftmp%2Fpg")
    }

    @Test(arguments: [
        ("postgres://gd:hunter2@db/gameday", "the URL holds a password"),
        ("postgres://gd@db/gameday?password=hunter2", "the URL holds a password"),
        ("postgres://gd@db:99999/gameday", "the port must be a number from 1 to 65535"),
        ("postgres://gd@db/gameday?sslmode=sometimes", "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full"),
        ("postgres://gd@db/gameday?sslmod=require", "unknown parameter 'sslmod'"),
        ("postgres://gd@a,b/gameday", "several hosts are not supported"),
        ("postgres://gd@/gameday?sslmode=require", "TLS is not used over a unix socket"),
    ])
    func aBadURLIsAClearErrorThatNeverShowsThePassword(_ text: String, message: String) {
        #expect {
            try HistoryStore(location: text, environment: Self.environment)
        } throws: { error in
            let description = String(describing: error)
            return description.contains(message) && !description.contains("hunter2")
        }
    }

    @Test func passwordFilesMatchLikeLibpq() {
        let file = """
            # comment
            other.example.org:5432:*:gd:wrong
            db.example.org:*:gameday:gd:se\\:cret\\\\1
            *:*:*:*:fallback
            """
        #expect(PostgresPassword.match(file, host: "db.example.org", port: 6543, database: "gameday", user: "gd") == "se:cret\\1")
        #expect(PostgresPassword.match(file, host: "db.example.org", port: 6543, database: "other", user: "gd") == "fallback")
        #expect(PostgresPassword.match("h:1:d:u:p", host: "h", port: 2, database: "d", user: "u") == nil)
    }

    // MARK: Against the test server

    static let enabled = Backend.postgresURL != nil

    @Test(.enabled(if: enabled)) func thePasswordComesFromAPasswordFileReadableOnlyByItsOwner() throws {
        let folder = URL(fileURLWithPath: Support.temporaryDatabase()).deletingLastPathComponent()
        let password = ProcessInfo.processInfo.environment["PGPASSWORD"] ?? ""
        let file = folder.appendingPathComponent("pgpass").path
        try "127.0.0.1:*:*:gameday:\(password)\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = nil
        environment["PGPASSFILE"] = file
        let store = try HistoryStore(location: try Backend.newSchema(), environment: environment)
        #expect(try store.history().isEmpty)

        // Readable by others: ignored, as libpq ignores it, and the error says so.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect {
            try HistoryStore(location: try Backend.newSchema(), environment: environment)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("PGPASSWORD") && text.contains("was ignored: group or others can read it (chmod 600")
        }
    }

    @Test(.enabled(if: enabled)) func aWrongPasswordIsAClearError() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = "not-the-password"
        let location = try Backend.newSchema()
        #expect {
            try HistoryStore(location: location, environment: environment)
        } throws: { error in
            guard case StoreError.database(let where_, let message) = error else { return false }
            return !where_.contains("not-the-password") && message.contains("password authentication failed for user \"gameday\"")
        }
    }

    @Test(.enabled(if: enabled)) func nothingListeningIsAClearError() throws {
        #expect {
            try HistoryStore(location: "postgres://gameday@127.0.0.1:1/gameday_test?sslmode=disable")
        } throws: { error in
            String(describing: error).hasPrefix("postgres://gameday@127.0.0.1:1/gameday_test?sslmode=disable: cannot talk to 127.0.0.1:1: ")
        }
    }

    @Test(.enabled(if: enabled)) func aMissingSchemaIsAClearError() throws {
        let base = try #require(Backend.postgresURL)
        #expect {
            try HistoryStore(location: base + "?options=-csearch_path%3Dno_such_schema")
        } throws: { error in
            String(describing: error).contains("no schema has been selected to create in")
        }
    }

    // The server's gameday_tls database refuses connections without TLS (scripts/postgres-cluster).
    static let tls = ProcessInfo.processInfo.environment["GAMEDAY_TEST_POSTGRES_TLS"] ?? ""
    static let authority = ProcessInfo.processInfo.environment["GAMEDAY_TEST_POSTGRES_CA"] ?? ""

    @Test(.enabled(if: enabled)) func tlsIsUsedWhenTheURLAsksForIt() throws {
        #expect {
            try HistoryStore(location: Self.tls + "?sslmode=disable")
        } throws: { error in String(describing: error).contains("no encryption") }
        let required = try HistoryStore(location: Self.tls + "?sslmode=require")
        try required.record(report: try Support.exemplary(), runDate: Support.runDate)
        let verified = try HistoryStore(location: Self.tls + "?sslmode=verify-full&sslrootcert=\(Self.authority)")
        #expect(try verified.history().count >= 1)
        #expect(verified.path.hasSuffix("?sslmode=verify-full"))
    }

    @Test(.enabled(if: enabled)) func aCertificateThatIsNotTrustedIsRefused() throws {
        // verify-full without the test authority checks the server's self-signed certificate against the system's roots.
        let home = URL(fileURLWithPath: Support.temporaryDatabase()).deletingLastPathComponent().path
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        #expect {
            try HistoryStore(location: Self.tls + "?sslmode=verify-full", environment: environment)
        } throws: { error in String(describing: error).contains("TLS") }
        #expect {
            try HistoryStore(location: Self.tls + "?sslmode=verify-full&sslrootcert=/no/such/file.crt")
        } throws: { error in String(describing: error).contains("sslrootcert '/no/such/file.crt' is not a readable file") }
    }
}
