/// A command line compiled for the engine: its verb, and its words as symbols.
public final class CompiledCommand: Sendable {
    /// The verb.
    public let verb: String
    /// The verb as an enum, nil for an unknown one.
    let kind: Verb?
    /// The spec of the verb.
    let attackerOnly: Bool
    /// Positional words as symbols.
    public let positionals: [Int32]
    /// Option values as symbols, by option name; flags hold the empty text's symbol.
    let options: [String: Int32]
    /// The line as written.
    public let text: String
    /// The verb and positionals, as `done` compares them.
    let signature: [Int32]

    /// Compiles `command`, interning its words.
    init(_ command: ParsedCommand, symbols: inout SymbolTable) {
        verb = command.verb
        kind = Verb(rawValue: command.verb)
        attackerOnly = CommandSpec.named(command.verb)?.attackerOnly ?? false
        positionals = command.positionals.map { symbols.intern($0) }
        options = command.options.mapValues { symbols.intern($0) }
        text = command.text
        signature = [symbols.intern(command.verb)] + positionals
    }

    /// The value of option `name`.
    func option(_ name: String) -> Int32? { options[name] }
}

/// How a command turned out.
public enum CommandOutcome: Sendable, Hashable {
    /// It changed the world (or had nothing to change).
    case applied
    /// It could not apply, with the reason the system gave; nothing changed.
    case rejected(String)

    /// The reason, when rejected.
    public var reason: String? {
        if case .rejected(let r) = self { return r }
        return nil
    }
}
