import ArgumentParser
import Foundation

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
                      HistoryCommand.self, StoriesCommand.self, DrillsCommand.self, SearchCommand.self, PostmortemCommand.self, RunbookCommand.self, WhatIfCommand.self,
                      ServeCommand.self, HandoutsCommand.self, RecordLoopCommand.self]
    )
}

extension GameDay {
    /// Runs the command line; a usage mistake (an unknown option, a missing argument) exits 2 like every other
    /// input failure (spec 9.29), not with the argument parser's own 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
