import ArgumentParser

/// `gameday runbook`: runbooks as tests.
struct RunbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runbook",
        abstract: "Lint, test and list the team's Markdown runbooks against drills.",
        discussion: """
        A runbook that has not been tested is fiction. A runbook is the checklist a team keeps for one alert, \
        written in the runbook template (runbook-format.md): its steps' commands are played one after another \
        against a drill, and what they achieve is scored like a game day. Commands are the drill vocabulary \
        (see 'gameday commands') or the team's own CLI commands translated by aliases.
        """,
        subcommands: [RunbookLintCommand.self, RunbookTestCommand.self, RunbookLogCommand.self]
    )
}
