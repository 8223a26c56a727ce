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
    /// Option values as symbols, by `OptionName` position (-1 when absent); flags hold the empty text's symbol.
    let options: [Int32]
    /// The line as written.
    public let text: String
    /// The verb and positionals, as `done` compares them.
    let signature: [Int32]
    /// Whether the first positional word is a valid entity name (`Identifier.isValidName`), checked once here rather
    /// than on every apply of a command that creates an entity.
    let firstWordIsValidName: Bool

    /// Compiles `command`, interning its words.
    init(_ command: ParsedCommand, symbols: inout SymbolTable) {
        verb = command.verb
        kind = Verb(rawValue: command.verb)
        attackerOnly = CommandSpec.named(command.verb)?.attackerOnly ?? false
        positionals = command.positionals.map { symbols.intern($0) }
        var options = [Int32](repeating: -1, count: OptionName.allCases.count)
        for (name, value) in command.options {
            if let option = OptionName(rawValue: name) { options[option.position] = symbols.intern(value) }
        }
        self.options = options
        text = command.text
        signature = [symbols.intern(command.verb)] + positionals
        firstWordIsValidName = command.positionals.first.map(Identifier.isValidName) ?? false
    }

    /// The value of option `name`.
    func option(_ name: OptionName) -> Int32? {
        let value = options[name.position]
        return value < 0 ? nil : value
    }
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
