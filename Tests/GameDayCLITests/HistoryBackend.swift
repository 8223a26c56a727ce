import Foundation
import Testing

/// The history backends the command-line tests of the history run against: a SQLite file, and, when the test script
/// started a PostgreSQL server (`GAMEDAY_TEST_POSTGRES`), a fresh schema of its test database, given to gameday as
/// `--db URL` or `GAMEDAY_DB` like a user's.
enum HistoryBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// A new SQLite file in the test's folder.
    case sqlite
    /// A new schema of the test database.
    case postgres

    var testDescription: String { rawValue }

    /// The test database's URL, when there is a server to test against.
    static let postgresURL: String? = ProcessInfo.processInfo.environment["GAMEDAY_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// The backends to run against.
    static let all: [HistoryBackend] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]

    /// A new, empty history: a file in `folder`, or the URL of a new schema.
    func location(in folder: URL) throws -> String {
        switch self {
        case .sqlite:
            return folder.appendingPathComponent("history.sqlite").path
        case .postgres:
            let base = try #require(Self.postgresURL)
            let name = "cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try Self.psql(base, "CREATE SCHEMA \(name)")
            return base + (base.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(name)"
        }
    }

    /// Runs one SQL command with psql on `url` (the password from PGPASSWORD, as the test script sets it).
    static func psql(_ url: String, _ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", command]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "psql: \(String(decoding: message, as: UTF8.self))")
    }
}
