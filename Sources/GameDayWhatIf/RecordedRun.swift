import Foundation

/// A team's recorded run as the history latency model reads it (`whatif --from-history`): when each inject was first
/// shown to the team, and what the team typed when.
public struct RecordedRun: Sendable, Hashable {
    /// A command as the model compares commands: its verb, its positional words and its options (in any order).
    public struct CommandKey: Sendable, Hashable {
        /// The verb.
        public var verb: String
        /// The positional words.
        public var positionals: [String]
        /// The options, by name.
        public var options: [String: String]

        /// The key of a parsed command.
        public init(_ command: ParsedCommand) {
            verb = command.verb
            positionals = command.positionals
            options = command.options
        }

        /// The key of a command line of the vocabulary, nil when it does not parse.
        public init?(line: String) {
            guard let words = try? ShellWords.split(line), case .success(let parsed) = CommandParser.parse(words: words, text: line) else { return nil }
            self.init(parsed)
        }
    }

    /// One action of the team: when, and the command (nil when its line does not parse).
    public struct Action: Sendable, Hashable {
        /// Seconds from T0.
        public var at: Int
        /// The command.
        public var command: CommandKey?

        /// An action.
        public init(at: Int, command: CommandKey?) {
            self.at = at
            self.command = command
        }
    }

    /// The run's number in the history.
    public var runID: Int64
    /// Per inject id, the first time it fired where the team could see it (fired and not silent).
    public var firstShown: [String: Int]
    /// The team's actions, in time order (as a report lists them).
    public var actions: [Action]

    /// A run.
    public init(runID: Int64, firstShown: [String: Int], actions: [Action]) {
        self.runID = runID
        self.firstShown = firstShown
        self.actions = actions
    }

    /// Reads a stored `gameday.report/v1` JSON report: its `injects` that `fired` (those `drill` does not make silent
    /// count as shown) and its `actions`. Nil when the JSON is not such a report.
    public init?(runID: Int64, reportJSON: String, drill: Drill) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(reportJSON.utf8))) as? [String: Any],
              let injects = object["injects"] as? [[String: Any]], let actions = object["actions"] as? [[String: Any]] else { return nil }
        let silent = Set(drill.injects.filter { $0.channel == .silent }.map(\.id))
        var shown: [String: Int] = [:]
        for inject in injects {
            guard let id = inject["id"] as? String, let at = (inject["at"] as? NSNumber)?.intValue, inject["status"] as? String == "fired",
                  !silent.contains(id) else { continue }
            shown[id] = min(shown[id] ?? at, at)
        }
        let read: [Action] = actions.compactMap { action in
            guard let at = (action["at"] as? NSNumber)?.intValue, let line = action["do"] as? String else { return nil }
            return Action(at: at, command: CommandKey(line: line))
        }
        self.init(runID: runID, firstShown: shown, actions: read)
    }

    /// The first action with `command` at or after `time`, nil when there is none.
    func firstAction(_ command: CommandKey, atOrAfter time: Int) -> Int? {
        actions.first { $0.at >= time && $0.command == command }?.at
    }
}
