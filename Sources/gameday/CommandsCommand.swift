import ArgumentParser
import GameDayEngine

/// `gameday commands`: the command vocabulary of logs, effects and live play.
struct CommandsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "List the commands a team (and an attacker) can use."
    )

    mutating func run() {
        // One column as wide as the longest usage, so that no option name is ever cut.
        let width = (CommandSpec.all.map(\.usage.count).max() ?? 0) + 2
        print("Team commands:")
        for spec in CommandSpec.all where !spec.attackerOnly {
            print("  \(CommandSpec.column(spec.usage, width: width))\(spec.summary)")
        }
        print("\nAttacker commands (inject effects only):")
        for spec in CommandSpec.all where spec.attackerOnly {
            print("  \(CommandSpec.column(spec.usage, width: width))\(spec.summary)")
        }
    }
}
