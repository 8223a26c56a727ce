import ArgumentParser

/// `gameday postmortem`: real incidents, beside the game days.
struct PostmortemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postmortem",
        abstract: "Bring postmortems of real incidents into the history, so search finds them beside game-day gaps.",
        subcommands: [PostmortemImportCommand.self]
    )
}
