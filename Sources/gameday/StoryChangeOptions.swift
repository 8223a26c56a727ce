import ArgumentParser
import Foundation
import GameDayConsole
import GameDayStore

/// What `stories ship|verify|reopen` take: the story, its team, a note and the database.
struct StoryChangeOptions: ParsableArguments {
    @Argument(help: "The story: a number or a key.") var story: String
    @Option(help: "The team, when several teams have a story with this key.") var team: String?
    @Option(help: "A note kept in the story's history (a link to the fix, say).") var note: String?
    @OptionGroup var store: StoreOptions

    /// Applies `change` to the story and prints its new status.
    func apply(_ change: (HistoryStore, Int64, Date, String?) throws -> BacklogStory) throws {
        let history = try store.open()
        let story = try storeCall {
            let id = try history.storyID(self.story, team: team)
            return try change(history, id, Date(), note)
        }
        print("story #\(story.id) \(TerminalText.safe(story.key)) is now \(story.status.rawValue)")
    }
}
