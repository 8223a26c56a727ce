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
        let (s, events, runs) = try storeCall {
            let id = try history.storyID(story, team: team)
            let events = try history.events(storyID: id)
            return (try history.story(id: id), events, try history.runs(ids: events.compactMap(\.runID)))
        }
        /// What made the run behind an event, when a run caused it.
        func source(_ event: StoryEvent) -> RunSource? { event.runID.flatMap { runs[$0]?.source } }
        if json {
            guard case .object(var entries) = s.json else { return }
            entries.append(("events", .array(events.map { event in
                guard case .object(var fields) = event.json else { return event.json }
                fields.append(("source", .string(source(event)?.text)))
                return .object(fields)
            })))
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
            let runbook = source(e).flatMap { $0.kind == .runbook ? ", \(safe($0.text))" : nil } ?? ""
            let run = e.runID.map { " (run #\($0)\(runbook))" } ?? ""
            let note = e.note.map { " — \(safe($0))" } ?? ""
            out += "  \(e.at)  \(e.kind.rawValue)\(run)\(note)\n"
        }
        print(out, terminator: "")
    }
}
