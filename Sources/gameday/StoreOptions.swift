import ArgumentParser
import Foundation
import GameDayConsole
import GameDayEngine
import GameDayStore

/// `--db PATH`, shared by every command that touches the history.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The history database (default: $GAMEDAY_HOME/history.sqlite, else ~/.local/share/gameday/history.sqlite).", valueName: "path"))
    var db: String?

    /// The path in use: `--db`, else the default.
    var path: String { db ?? HistoryStore.defaultPath() }

    /// Opens (creating and migrating) the history, or prints why not and exits 2.
    func open() throws -> HistoryStore {
        try storeCall { try HistoryStore(path: path) }
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
