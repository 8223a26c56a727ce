import ArgumentParser
import Foundation
import GameDayConsole
import GameDayEngine

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
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            // The command a CI job runs on every push starts without the argument parser (see `ValidateCommand.plain`).
            if var validate = ValidateCommand.plain(arguments) {
                try validate.run()
                return
            }
            if let message = misspeltSubcommand(arguments) {
                FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
                Foundation.exit(2)
            }
            var command = try parseAsRoot(arguments)
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

    /// Why `arguments` name no subcommand, with the nearest one (`did you mean 'run'?`), or nil when they do or when
    /// the argument parser should judge them. A word that is no subcommand of a command that has subcommands is a
    /// mistake, unless the command has a default subcommand and the word is not close to any name (then it is
    /// that default's argument, and the parser says what it makes of it).
    static func misspeltSubcommand(_ arguments: [String]) -> String? {
        var command: ParsableCommand.Type = GameDay.self
        var path = ["gameday"]
        for word in arguments {
            let configuration = command.configuration
            guard !configuration.subcommands.isEmpty, !word.hasPrefix("-") else { return nil }
            if let next = configuration.subcommands.first(where: { $0.configuration.commandName == word }) {
                command = next
                path.append(word)
                continue
            }
            if path.count == 1, word == "help" { return nil }
            var shown: [String] = []
            for sub in configuration.subcommands {
                let c = sub.configuration
                if c.shouldDisplay, let name = c.commandName { shown.append(name) }
            }
            let hint = Suggestion.closest(to: word, in: shown)
            if configuration.defaultSubcommand != nil, hint == nil { return nil }
            let safeWord = TerminalText.safe(word)
            return "'\(safeWord)' is not a subcommand of '\(path.joined(separator: " "))'"
                + (hint.map { "; did you mean '\($0)'?" } ?? "; it has \(shown.joined(separator: ", "))")
        }
        return nil
    }
}
