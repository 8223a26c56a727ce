import GameDayEngine

/// What tab completion may offer at one moment of a session: verbs, console words, names, inject ids.
public struct CompletionVocabulary: Sendable, Hashable {
    /// Team verbs of the drill language.
    public var verbs: [String]
    /// Words of the console itself (`help`, `wait`, ...).
    public var consoleWords: [String]
    /// Roles of the world.
    public var roles: [String]
    /// Whether a line may start with `ROLE:`.
    public var rolePrefixes: Bool
    /// Entity names by collection, as the world stands now.
    public var names: [Collection: [String]]
    /// Injects the team has been shown (what `ack` may name).
    public var shownInjects: [String]
    /// Injects that may still be brought forward (what `inject` may name).
    public var pendingInjects: [String]
    /// The topics `investigate` can find something about.
    public var topics: [String] = []

    /// Creates a vocabulary.
    public init(verbs: [String], consoleWords: [String], roles: [String], rolePrefixes: Bool,
                names: [Collection: [String]], shownInjects: [String], pendingInjects: [String], topics: [String] = []) {
        self.verbs = verbs
        self.consoleWords = consoleWords
        self.roles = roles
        self.rolePrefixes = rolePrefixes
        self.names = names
        self.shownInjects = shownInjects
        self.pendingInjects = pendingInjects
        self.topics = topics
    }
}

extension ConsoleSession {
    /// What completion may offer now: the world's names as they stand, the injects shown so far.
    public var vocabulary: CompletionVocabulary {
        let state = simulator.context.state
        let symbols = simulator.context.symbols
        var names: [Collection: [String]] = [:]
        for collection in Collection.allCases {
            let slot = collection.ordinal
            names[collection] = state.sortedOrder[slot].map { symbols[state.entities[slot][$0].name] }
        }
        let broughtForward = Set(journal.injected.map(\.inject))
        let pending = drill.injects.map(\.id).filter { !simulator.hasBeenDue($0) && !broughtForward.contains($0) }
        return CompletionVocabulary(
            verbs: CommandSpec.all.filter { !$0.attackerOnly }.map(\.verb),
            consoleWords: Self.consoleWords(for: mode),
            roles: roles,
            rolePrefixes: mode == .facilitate,
            names: names,
            shownInjects: shownInjects.map(\.id),
            pendingInjects: pending,
            topics: Self.topics(of: drill))
    }

    /// The distinct topics of `drill`'s findings, in file order.
    public static func topics(of drill: Drill) -> [String] {
        var seen = Set<String>()
        return drill.findings.map(\.topic).filter { seen.insert($0).inserted }
    }
}
