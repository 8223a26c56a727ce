/// Loads an alias file (runbook-format.md 2), reporting every problem at its place.
public struct AliasFileLoader: Sendable {
    /// The limits on hostile input.
    public var limits: YAMLLimits

    /// Creates a loader.
    public init(limits: YAMLLimits = .standard) { self.limits = limits }

    /// The team verbs of the vocabulary.
    static let teamVerbs = CommandSpec.all.filter { !$0.attackerOnly }.map(\.verb)

    /// Loads the alias file at `path`.
    public func load(path: String) -> LoadResult<[Alias]> {
        load(document: YAMLLoader.load(path: path, limits: limits))
    }

    /// Loads an alias file already read by the YAML loader.
    public func load(document result: YAMLLoader.Result) -> LoadResult<[Alias]> {
        var reader = NodeReader()
        reader.diagnostics = result.diagnostics
        guard let root = result.root, !result.diagnostics.contains(where: { $0.severity == .error }) else {
            return LoadResult(value: nil, diagnostics: reader.diagnostics.sorted())
        }
        var aliases: [Alias] = []
        if let top = reader.fields(root, of: "an alias file", allowed: ["aliases"], required: ["aliases"]),
           let (_, list) = top["aliases"], let items = reader.items(list, "aliases") {
            for item in items {
                if let alias = read(item, &reader) { aliases.append(alias) }
            }
        }
        let diagnostics = Array(Set(reader.diagnostics)).sorted()
        return LoadResult(value: diagnostics.contains { $0.severity == .error } ? nil : aliases, diagnostics: diagnostics)
    }

    private func read(_ item: Node, _ reader: inout NodeReader) -> Alias? {
        guard let f = reader.fields(item, of: "an alias", allowed: ["match", "do"], required: ["match", "do"]),
              let (_, matchNode) = f["match"], let matchText = reader.string(matchNode, "match"),
              let (_, doNode) = f["do"], let doText = reader.string(doNode, "do") else { return nil }
        var ok = true
        var pattern: [Alias.Pattern] = []
        var bound: [String] = []
        switch Self.words(matchText) {
        case .failure(let failure):
            reader.error("cannot split 'match' into words: \(failure.message)", at: matchNode.location)
            return nil
        case .success(let words):
            guard !words.isEmpty else {
                reader.error("'match' is empty: write the command as typed, like 'kubectl drain {node} ...'", at: matchNode.location)
                return nil
            }
            guard words.count <= Alias.maxPatternWords else {
                reader.error("'match' has \(words.count) words; an alias matches at most \(Alias.maxPatternWords)", at: matchNode.location)
                return nil
            }
            for word in words {
                let segments = Alias.segments(of: word)
                let names = segments.compactMap { if case .name(let n) = $0 { n } else { nil } }
                for name in names {
                    if bound.contains(name) {
                        reader.error("'match' binds {\(name)} twice; give each word its own name", at: matchNode.location)
                        ok = false
                    }
                    bound.append(name)
                }
                if word == "..." {
                    pattern.append(.rest)
                } else if segments.count == 1, names.count == 1 {
                    pattern.append(.bind(names[0]))
                } else if !names.isEmpty {
                    if zip(segments, segments.dropFirst()).contains(where: { if case .name = $0.0, case .name = $0.1 { true } else { false } }) {
                        reader.error("'\(word)' puts two {names} side by side; separate them with literal text", at: matchNode.location)
                        ok = false
                    }
                    pattern.append(.template(segments))
                } else {
                    pattern.append(.literal(word))
                }
            }
            if case .literal = pattern[0] {} else {
                reader.error("the first word of 'match' must be a literal word (the tool's name), not '\(words[0])'", at: matchNode.location)
                ok = false
            }
        }
        guard case .success(let template) = Self.words(doText), let verb = template.first else {
            reader.error("'do' must be one command of the vocabulary, like 'drain {node}'", at: doNode.location)
            return nil
        }
        if let spec = CommandSpec.named(verb) {
            if spec.attackerOnly {
                reader.error("'\(verb)' is the attacker's move; an alias's 'do' must be a team command", at: doNode.location)
                ok = false
            }
        } else {
            reader.error("'\(verb)' is not a command of the vocabulary (see 'gameday commands')\(Suggestion.hint(for: verb, in: Self.teamVerbs))",
                         at: doNode.location)
            ok = false
        }
        for name in template.flatMap(Alias.placeholders(in:)) where !bound.contains(name) {
            reader.error("'do' uses {\(name)}, which 'match' does not bind\(Suggestion.hint(for: name, in: bound))", at: doNode.location)
            ok = false
        }
        if ok, CommandSpec.named(verb) != nil {
            let sample = template.map { word in Alias.placeholders(in: word).isEmpty ? word : word.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "") }
            if case .failure(let shape) = CommandParser.parse(words: sample, text: doText) {
                reader.error("'do' does not fit its verb: \(shape.message)", at: doNode.location)
                ok = false
            }
        }
        return ok ? Alias(match: pattern, template: template, matchText: matchText, doText: doText, location: item.location) : nil
    }

    private static func words(_ text: String) -> Result<[String], AliasWordsError> {
        do { return .success(try ShellWords.split(text)) } catch {
            switch error {
            case .unterminatedQuote(let q, _): return .failure(AliasWordsError(message: "an unterminated quote \(q)"))
            case .trailingBackslash: return .failure(AliasWordsError(message: "it ends with a backslash"))
            }
        }
    }
}

/// Why an alias's text cannot be split into words.
struct AliasWordsError: Error {
    let message: String
}
