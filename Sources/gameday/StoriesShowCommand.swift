import GameDayConsole
import ArgumentParser
import GameDayEngine
import GameDayStore

/// `gameday stories show STORY`: one story and its life.
struct StoriesShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one story and its history.")

    @Argument(help: "The story: a number or a key.") var story: String
    @Option(help: "The team, when several teams have a story with this key.") var team: String?
    @Flag(help: "Print a JSON object.") var json = false
    @OptionGroup var store: StoreOptions

    mutating func run() throws {
        let history = try store.open()
        let (s, events) = try storeCall {
            let id = try history.storyID(story, team: team)
            return (try history.story(id: id), try history.events(storyID: id))
        }
        if json {
            guard case .object(var entries) = s.json else { return }
            entries.append(("events", .array(events.map(\.json))))
            print(JSONValue.object(entries).rendered())
            return
        }
        let safe = TerminalText.safe
        var out = "Story #\(s.id): \(safe(s.title))\n"
        out += "  key       \(safe(s.key))\n"
        out += "  status    \(s.status.rawValue)\n"
        out += "  severity  \(s.severity.rawValue), due \(s.due)\n"
        out += "  owner     \(safe(s.owner))\(s.team.map { " (team \(safe($0)))" } ?? "")\n"
        out += "  drill     \(safe(s.drill)), \(safe(s.source)) gap, seen in \(s.occurrences) run\(s.occurrences == 1 ? "" : "s") (#\(s.firstRunID) to #\(s.lastRunID))\n"
        if let text = s.text { out += "\n  \(safe(text))\n" }
        out += "\nHistory\n"
        for e in events {
            let run = e.runID.map { " (run #\($0))" } ?? ""
            let note = e.note.map { " — \(safe($0))" } ?? ""
            out += "  \(e.at)  \(e.kind.rawValue)\(run)\(note)\n"
        }
        print(out, terminator: "")
    }
}
