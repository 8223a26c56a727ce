/// One command line, split and checked against its verb's shape: ready to apply.
public struct ParsedCommand: Sendable, Hashable {
    /// The verb.
    public var verb: String
    /// The positional words, options removed.
    public var positionals: [String]
    /// Options given, by name with dashes; flags map to the empty string.
    public var options: [String: String]
    /// The line as written.
    public var text: String

    /// Creates a parsed command.
    public init(verb: String, positionals: [String], options: [String: String], text: String) {
        self.verb = verb
        self.positionals = positionals
        self.options = options
        self.text = text
    }

    /// The value of option `name`.
    public func option(_ name: String) -> String? { options[name] }

    /// Whether flag `name` was given.
    public func has(_ name: String) -> Bool { options[name] != nil }
}

/// Why a command line does not fit its verb (a rejection in a log, an error in a drill's effects).
public struct CommandShapeError: Error, Sendable, Hashable {
    /// What is wrong.
    public var message: String
    /// Index of the offending word, when one word is to blame.
    public var wordIndex: Int?
}

/// Parses command lines of the vocabulary.
public enum CommandParser {
    /// Splits `words` and checks them against the verb's shape.
    public static func parse(words: [String], text: String) -> Result<ParsedCommand, CommandShapeError> {
        guard let verb = words.first else { return .failure(.init(message: "empty command", wordIndex: nil)) }
        guard let spec = CommandSpec.named(verb) else {
            let hint = Suggestion.hint(for: verb, in: CommandSpec.all.map(\.verb))
            return .failure(.init(message: "unknown command '\(verb)'\(hint)", wordIndex: 0))
        }
        var positionals: [String] = []
        var options: [String: String] = [:]
        if spec.freeText {
            positionals = Array(words.dropFirst())
        } else {
            var i = 1
            while i < words.count {
                let word = words[i]
                if word.hasPrefix("--"), word.count > 2 {
                    if word.utf8.contains(UInt8(ascii: "=")) {
                        return .failure(.init(message: "write '\(word.replacingOccurrences(of: "=", with: " "))' without '=': \(spec.usage)", wordIndex: i))
                    }
                    guard let option = spec.options.first(where: { $0.name == word }) else {
                        let hint = Suggestion.hint(for: word, in: spec.options.map(\.name))
                        let known = spec.options.isEmpty ? "\(verb) takes no options" : "usage: \(spec.usage)"
                        return .failure(.init(message: "unknown option '\(word)'\(hint); \(known)", wordIndex: i))
                    }
                    if options[word] != nil {
                        return .failure(.init(message: "option '\(word)' is given twice", wordIndex: i))
                    }
                    if option.takesValue {
                        guard i + 1 < words.count else {
                            return .failure(.init(message: "option '\(word)' needs a value: \(spec.usage)", wordIndex: i))
                        }
                        options[word] = words[i + 1]
                        i += 2
                    } else {
                        options[word] = ""
                        i += 1
                    }
                    continue
                }
                positionals.append(word)
                i += 1
            }
        }
        if spec.freeText {
            if positionals.isEmpty { return .failure(.init(message: "note needs some text: note TEXT...", wordIndex: nil)) }
        } else if spec.targetOrAll {
            let all = options["--all"] != nil
            if all == (positionals.count == 1) || positionals.count > 1 {
                return .failure(.init(message: "\(verb) takes exactly one of a pipeline or --all: \(spec.usage)", wordIndex: nil))
            }
        } else if positionals.count != spec.arguments.count {
            let count = spec.arguments.count
            let what = count == 0 ? "no arguments" : count == 1 ? "one argument" : "\(count) arguments"
            return .failure(.init(message: "\(verb) takes \(what), got \(positionals.count): \(spec.usage)", wordIndex: nil))
        }
        for option in spec.options where option.required && options[option.name] == nil {
            return .failure(.init(message: "\(verb) needs \(option.name): \(spec.usage)", wordIndex: nil))
        }
        return .success(ParsedCommand(verb: verb, positionals: positionals, options: options, text: text))
    }
}
