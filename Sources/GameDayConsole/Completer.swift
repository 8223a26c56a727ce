import GameDayEngine

/// Tab completion for the console: verbs and console words first, then each argument by what it names.
public struct Completer: Sendable {
    /// What may be offered.
    public var vocabulary: CompletionVocabulary

    /// Creates a completer over `vocabulary`.
    public init(vocabulary: CompletionVocabulary) {
        self.vocabulary = vocabulary
    }

    /// Candidates for the word that ends at `cursor` (a character offset) in `line`.
    public func complete(_ line: String, cursor: Int) -> Completion {
        let chars = Array(line)
        let prefix: ArraySlice<Character> = chars[0..<min(max(0, cursor), chars.count)]
        let end = prefix.count
        guard !hasOpenQuote(prefix) else { return Completion(wordStart: end, word: "", candidates: [], replacement: nil) }
        let endsInSpace: Bool = prefix.last.map { $0.isWhitespace } ?? true
        var tokens: [String] = prefix.split(whereSeparator: { $0.isWhitespace }).map { String($0) }
        let word = endsInSpace ? "" : (tokens.popLast() ?? "")
        let wordStart = end - word.count
        let pool = candidates(before: tokens, word: word)
        var seen = Set<String>()
        let found = pool.filter { $0.unicodeScalars.starts(with: word.unicodeScalars) && seen.insert($0).inserted }
            .sorted(by: NameOrder.precedes)
        return Completion(wordStart: wordStart, word: word, candidates: found, replacement: replacement(for: word, found))
    }

    private func hasOpenQuote(_ chars: ArraySlice<Character>) -> Bool {
        var quote: Character?
        var escaped = false
        for c in chars {
            if escaped { escaped = false; continue }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "\\" {
                escaped = true
            }
        }
        return quote != nil || escaped
    }

    private func replacement(for word: String, _ found: [String]) -> String? {
        if found.count == 1 { return ShellWords.quote(found[0]) + " " }
        guard var common = found.first.map({ Array($0.unicodeScalars) }) else { return nil }
        for candidate in found.dropFirst() {
            let scalars = Array(candidate.unicodeScalars)
            var n = 0
            while n < common.count, n < scalars.count, common[n] == scalars[n] { n += 1 }
            common = Array(common[0..<n])
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: common)
        let prefix = String(text)
        guard common.count > word.unicodeScalars.count, ShellWords.quote(prefix) == prefix else { return nil }
        return prefix
    }

    private func candidates(before tokens: [String], word: String) -> [String] {
        var tokens = tokens
        if tokens.first == "at" {
            // `at 12m ...`: the time first, then a line like any other.
            guard tokens.count >= 2 else { return [] }
            tokens.removeFirst(2)
        }
        if tokens.isEmpty {
            var all = vocabulary.consoleWords + vocabulary.verbs
            if vocabulary.rolePrefixes { all += vocabulary.roles.map { $0 + ":" } }
            return all
        }
        if let first = tokens.first, first.hasSuffix(":"), first.count > 1 {
            tokens.removeFirst()
            if tokens.isEmpty { return vocabulary.verbs }
        }
        let verb = tokens[0]
        let arguments = Array(tokens.dropFirst())
        switch verb {
        case "help": return arguments.isEmpty ? vocabulary.verbs : []
        case "as": return arguments.isEmpty ? vocabulary.roles : []
        case "inject": return arguments.isEmpty && vocabulary.consoleWords.contains("inject") ? vocabulary.pendingInjects : []
        default: break
        }
        guard let spec = CommandSpec.named(verb), !spec.attackerOnly, !spec.freeText else { return [] }
        var positionals = 0
        var used = Set<String>()
        var valueFor: String?
        for token in arguments {
            if valueFor != nil { valueFor = nil; continue }
            if let option = spec.options.first(where: { $0.name == token }) {
                used.insert(token)
                if option.takesValue { valueFor = token }
            } else {
                positionals += 1
            }
        }
        if let option = valueFor { return values(for: option) }
        if word.hasPrefix("-") {
            return spec.options.map(\.name).filter { !used.contains($0) }
        }
        if spec.targetOrAll {
            return positionals == 0 && !used.contains("--all") ? (vocabulary.names[.pipelines] ?? []) + ["--all"] : []
        }
        guard positionals < spec.argumentKinds.count else { return [] }
        switch spec.argumentKinds[positionals] {
        case .entity(let collection): return vocabulary.names[collection] ?? []
        case .inject: return vocabulary.shownInjects
        case .severity: return Severity.allCases.map(\.rawValue)
        case .text:
            if verb == "set-registry-policy" { return ["ci-only"] }
            if verb == "investigate" { return vocabulary.topics }
            return []
        }
    }

    private func values(for option: String) -> [String] {
        switch option {
        case "--owner": vocabulary.roles
        case "--key", "--sign-with": vocabulary.names[.keys] ?? []
        case "--registry": vocabulary.names[.registries] ?? []
        case "--using": vocabulary.names[.credentials] ?? []
        case "--backend": ["file", "hsm", "kms"]
        case "--egress": ["allowlist"]
        default: []
        }
    }
}
