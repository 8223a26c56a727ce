import GameDayConsole
import ArgumentParser
import GameDayEngine
import GameDayStore

/// `gameday search TEXT`: full-text search over the history.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search runs, findings, gap stories and imported postmortems, best match first.",
        discussion: "Every word must match (stemmed: 'revoking' finds 'revoked'); when nothing has them all, any word matches."
    )

    @Argument(help: "The words to look for.") var text: [String]
    @Option(help: "At most this many results.") var limit = 20
    @Flag(help: "Print a JSON array.") var json = false
    @OptionGroup var store: StoreOptions

    mutating func run() throws {
        let history = try store.open()
        let hits = try storeCall { try history.search(text.joined(separator: " "), limit: limit) }
        if json {
            print(JSONValue.array(hits.map(\.json)).rendered())
            return
        }
        guard !hits.isEmpty else {
            print("No matches.")
            return
        }
        var out = ""
        for hit in hits {
            let reference = hit.kind == .finding ? hit.reference : "#" + hit.reference
            out += "\(hit.kind.rawValue) \(TerminalText.safe(reference)): \(TerminalText.safe(hit.title))\n"
            out += "    \(TerminalText.safe(hit.snippet.replacingOccurrences(of: "\n", with: " ")))\n"
        }
        print(out, terminator: "")
    }
}
