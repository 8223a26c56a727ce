import ArgumentParser

/// The `gameday` command: chaos game days for software-delivery pipelines.
@main
struct GameDay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gameday",
        abstract: "Run chaos game-day drills against a simulated software-delivery pipeline.",
        discussion: """
        A drill (YAML) injects timed events into a simulated pipeline; the team answers with commands; \
        the run is scored against expected outcomes with deadlines, and every gap becomes an improvement story.
        """,
        version: "0.1.0",
        subcommands: [ValidateCommand.self, RunCommand.self, PlayCommand.self, FacilitateCommand.self, CommandsCommand.self,
                      HistoryCommand.self, StoriesCommand.self, SearchCommand.self, PostmortemCommand.self, RecordLoopCommand.self]
    )
}
