import ArgumentParser
import Foundation
import GameDayConsole
import GameDayStore

/// `gameday history push --from PATH.sqlite --db postgres://...`: a laptop's history into the shared one.
struct HistoryPushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Copy a history (a laptop's SQLite file) into the one --db names (the organisation's PostgreSQL database).",
        discussion: """
        Runs are keyed by a content hash, so pushing the same history twice adds nothing; stories are merged by key and \
        team with their lifecycle events; postmortems by title and date. Each drill and team's backlog is copied in one \
        transaction: an interrupted push leaves whole backlogs, and pushing again completes it. Exit status: 0 when the \
        push succeeded, 2 otherwise.
        """
    )

    @Option(help: ArgumentHelp("The history to copy from: an SQLite file (or a PostgreSQL URL).", valueName: "path|url"))
    var from: String
    @OptionGroup var store: StoreOptions

    mutating func run() throws {
        let target = store.location
        if !PostgresURL.isURL(from), !FileManager.default.fileExists(atPath: from) {
            throw usageFailure("no history at \(TerminalText.safe(from)): --from names an existing history file")
        }
        let source = try storeCall { try HistoryStore(location: from) }
        let destination = try store.open()
        guard source.path != destination.path else {
            throw usageFailure("--from and --db name the same history (\(TerminalText.safe(target)))")
        }
        let result = try storeCall("the push stopped; run it again to complete it") { try destination.push(from: source) }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        print("pushed \(TerminalText.safe(source.path)) into \(TerminalText.safe(destination.path)):")
        print("  \(count(result.runsAdded, "run", "runs")) added, \(result.runsPresent) already there")
        print("  \(count(result.storiesAdded, "story", "stories")) added, \(result.storiesMerged) merged, \(count(result.eventsAdded, "lifecycle event", "lifecycle events")) added")
        print("  \(count(result.postmortemsAdded, "postmortem", "postmortems")) added, \(result.postmortemsReplaced) replaced by a later import")
    }
}
