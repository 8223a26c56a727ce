import ArgumentParser

/// `gameday stories`: the backlog of gap stories.
struct StoriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "List, show and move the gap stories that runs filed.",
        discussion: """
        A story is open when a run files it, shipped when the team says the fix is out, and verified when a later \
        run of the same drill and team no longer has the gap. A gap that comes back after its fix shipped reopens \
        its story (a regression). STORY is a number (12 or #12) or a story key (DRILL/ID, with --team when \
        several teams have it).
        """,
        subcommands: [StoriesListCommand.self, StoriesShowCommand.self, StoriesShipCommand.self,
                      StoriesVerifyCommand.self, StoriesReopenCommand.self],
        defaultSubcommand: StoriesListCommand.self
    )
}
