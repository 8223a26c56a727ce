import GameDayConsole
import GameDayEngine

extension FuzzTarget {
    /// The journal writer's round trip: the actions the console would record (lines that split into words), written
    /// by `JournalDocument`, are read back by the log loader as the same actions. Input: a team, then actions, split
    /// by U+001E; an action is `ROLE` U+001F `LINE` (no U+001F: no role).
    static let journal = FuzzTarget("journal", "JournalDocument.text read back by DrillLoader.loadResponseLog") { bytes in
        let text = FuzzFixtures.text(bytes)
        var parts = text.split(separator: "\u{1E}", omittingEmptySubsequences: false).map(String.init)
        let team = parts.removeFirst()
        let roles = FuzzFixtures.drill.world.names(.roles)
        var journal = JournalDocument(drill: FuzzFixtures.drill.id, team: team.isEmpty ? nil : team, started: nil)
        for (i, part) in parts.prefix(50).enumerated() {
            let fields = part.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let line = fields.last!
            // Only what the console records: a line that splits into words, by a role of the world.
            guard let words = try? ShellWords.split(line), !words.isEmpty else { continue }
            let by = fields.count == 2 ? roles[abs(fields[0].unicodeScalars.count) % roles.count] : nil
            journal.actions.append(.init(at: 60 + i, by: by, line: line))
        }
        let path = "fuzz.journal.yaml"
        let document = YAMLLoader.load(bytes: Array(journal.text.utf8), file: path)
        let result = FuzzFixtures.loader.loadResponseLog(path: path, drill: FuzzFixtures.drill, document: document)
        guard let log = result.value else {
            return "the journal does not load: \(result.diagnostics.first.map(\.description) ?? "")\n\(journal.text)"
        }
        let same = { (a: String?, b: String?) in a.map { Array($0.unicodeScalars) } == b.map { Array($0.unicodeScalars) } }
        if !same(log.team, journal.team) { return "the team \(String(describing: journal.team)) came back as \(String(describing: log.team))" }
        guard log.actions.count == journal.actions.count else { return "\(journal.actions.count) actions written, \(log.actions.count) read" }
        for (read, written) in zip(log.actions, journal.actions) {
            guard read.at == written.at, read.by == written.by, same(read.line, written.line) else {
                return "the action \(written.line.debugDescription) came back as \(read.line.debugDescription)"
            }
            guard let words = try? ShellWords.split(written.line),
                  words.map({ Array($0.unicodeScalars) }) == read.words.map({ Array($0.unicodeScalars) }) else {
                return "the words of \(written.line.debugDescription) changed"
            }
        }
        return nil
    }
}
