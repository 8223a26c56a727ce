import ArgumentParser

/// `gameday stories verify STORY`: verified by hand.
struct StoriesVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Mark a shipped story verified by hand (a run of its drill without the gap does it by itself)."
    )

    @OptionGroup var options: StoryChangeOptions

    mutating func run() throws {
        try options.apply { try $0.verify(storyID: $1, at: $2, note: $3) }
    }
}
