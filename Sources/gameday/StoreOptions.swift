import ArgumentParser
import Foundation
import GameDayConsole
import GameDayEngine
import GameDayStore

/// `--db PATH|URL`, shared by every command that touches the history.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("""
        The history: an SQLite file, or a PostgreSQL URL postgres://USER@HOST:PORT/DB[?sslmode=require] (the password from \
        PGPASSWORD or ~/.pgpass). Default: $GAMEDAY_DB, else $GAMEDAY_HOME/history.sqlite, else ~/.local/share/gameday/history.sqlite.
        """, valueName: "path|url"))
    var db: String?

    /// The history in use: `--db`, else `$GAMEDAY_DB`, else the default file.
    var location: String { db ?? HistoryStore.defaultLocation() }

    /// Opens (creating and migrating) the history, or prints why not and exits 2; `context` prefixes the message.
    func open(_ context: String? = nil) throws -> HistoryStore {
        try storeCall(context) { try HistoryStore(location: location) }
    }
}

/// Runs `body`; a store error is printed as `error: [CONTEXT: ]...` on stderr and exits 2.
func storeCall<T>(_ context: String? = nil, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        printError("error: \(context.map { $0 + ": " } ?? "")\(TerminalText.safe(error.description))\n")
        throw ExitCode(2)
    }
}

/// A `YYYY-MM-DD` option, or today's UTC date.
func day(_ option: String?, name: String) throws -> String {
    guard let option else { return Timestamp.utcDate(Date(), plusDays: 0) }
    guard option.count == 10, Timestamp.parse(option + "T00:00:00Z") != nil else {
        throw usageFailure("\(name) must be YYYY-MM-DD, got '\(TerminalText.safe(option))'")
    }
    return option
}

/// Prints `error: MESSAGE` on stderr; throw the result to exit 2.
func usageFailure(_ message: String) -> ExitCode {
    printError("error: \(message)\n")
    return ExitCode(2)
}
