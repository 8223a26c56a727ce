import ArgumentParser

/// `gameday stories ship STORY`: the fix is out.
struct StoriesShipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ship",
        abstract: "Mark an open story's fix shipped; the next run of its drill verifies it or reopens it."
    )

    @OptionGroup var options: StoryChangeOptions

    mutating func run() throws {
        try options.apply { try $0.ship(storyID: $1, at: $2, note: $3) }
    }
}
