import Foundation
import GameDayStore
import Testing

/// The two backends the store's tests run against, the same tests for both: SQLite always, and PostgreSQL when a
/// server is given in `GAMEDAY_TEST_POSTGRES` (`scripts/test` starts a throw-away cluster and sets it).
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// A new SQLite file in a temporary folder.
    case sqlite
    /// A new schema of the test database, through `options=-csearch_path=...` in the URL.
    case postgres

    var testDescription: String { rawValue }

    /// The test database's URL, when there is a server to test against.
    static let postgresURL: String? = ProcessInfo.processInfo.environment["GAMEDAY_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// The backends to run every store test against.
    static let all: [Backend] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]

    /// The location of a new, empty history: a file path, or the URL of a new schema.
    func newLocation() throws -> String {
        switch self {
        case .sqlite: return Support.temporaryDatabase()
        case .postgres: return try Self.newSchema()
        }
    }

    /// A new, empty history.
    func store() throws -> HistoryStore { try HistoryStore(location: newLocation()) }

    /// Creates a schema with a fresh name in the test database and returns the URL that puts it first in the search path.
    static func newSchema() throws -> String {
        guard let base = postgresURL else { throw Support.Failure("GAMEDAY_TEST_POSTGRES is not set") }
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql(base, "CREATE SCHEMA \(name)")
        return base + (base.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(name)"
    }

    /// Runs one SQL command with psql on `url` (the password from PGPASSWORD, as the test script sets it).
    static func psql(_ url: String, _ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url.components(separatedBy: "?options=").first ?? url, "-c", command]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Support.Failure("psql: \(String(decoding: message, as: UTF8.self))") }
    }
}

/// The test script asks for both backends: then a missing server is a failure, not a skip.
@Suite struct BackendTests {
    @Test func postgresIsThereWhenTheTestScriptAsksForIt() {
        if ProcessInfo.processInfo.environment["GAMEDAY_REQUIRE_POSTGRES"] == "1" {
            #expect(Backend.all == [.sqlite, .postgres], "GAMEDAY_REQUIRE_POSTGRES=1 but GAMEDAY_TEST_POSTGRES is not set")
        }
    }
}
