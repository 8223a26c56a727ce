import ArgumentParser

/// `gameday drills`: the drill library across the organisation's teams.
struct DrillsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drills",
        abstract: "Which drills are due: the organisation's cadence of game days.",
        subcommands: [DrillsDueCommand.self],
        defaultSubcommand: DrillsDueCommand.self
    )
}
