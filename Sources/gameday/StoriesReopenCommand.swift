import ArgumentParser

/// `gameday stories reopen STORY`: the fix did not hold.
struct StoriesReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a shipped or verified story.")

    @OptionGroup var options: StoryChangeOptions

    mutating func run() throws {
        try options.apply { try $0.reopen(storyID: $1, at: $2, note: $3) }
    }
}
