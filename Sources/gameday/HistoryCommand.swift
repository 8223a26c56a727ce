import ArgumentParser

/// `gameday history`: the recorded runs, and moving a history to a shared server.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show recorded runs (the default), or push a history into another one.",
        subcommands: [HistoryListCommand.self, HistoryPushCommand.self],
        defaultSubcommand: HistoryListCommand.self
    )
}
