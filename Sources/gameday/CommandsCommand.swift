import ArgumentParser
import GameDayEngine

/// `gameday commands`: the command vocabulary of logs, effects and live play.
struct CommandsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "List the commands a team (and an attacker) can use."
    )

    mutating func run() {
        print("Team commands:")
        for spec in CommandSpec.all where !spec.attackerOnly {
            print("  \(spec.usage.padding(toLength: 52, withPad: " ", startingAt: 0)) \(spec.summary)")
        }
        print("\nAttacker commands (inject effects only):")
        for spec in CommandSpec.all where spec.attackerOnly {
            print("  \(spec.usage.padding(toLength: 52, withPad: " ", startingAt: 0)) \(spec.summary)")
        }
    }
}
