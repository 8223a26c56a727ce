/// One alias (runbook-format.md 2): a pattern of words a team really types, and the vocabulary command it means.
public struct Alias: Sendable, Hashable {
    /// One word of a `match` pattern.
    public enum Pattern: Sendable, Hashable {
        /// A literal word matches itself.
        case literal(String)
        /// `{name}` matches any one word and binds it.
        case bind(String)
        /// `...` matches any number of words, none included.
        case rest
        /// A word with `{name}`s inside literal text, like `deployment/{workload}` or `{pkg}=={version}` (an
        /// extension of the catalog's): each name binds a non-empty part, the first as long as it can be.
        case template([Segment])
    }

    /// A piece of a template word.
    public enum Segment: Sendable, Hashable {
        /// Literal text.
        case text(String)
        /// `{name}`.
        case name(String)
    }

    /// The pattern, word by word.
    public var match: [Pattern]
    /// The command's words, each of which may hold `{name}`s bound by the pattern.
    public var template: [String]
    /// The `match` as written.
    public var matchText: String
    /// The `do` as written.
    public var doText: String
    /// Where the alias is written.
    public var location: SourceLocation

    /// Creates an alias.
    public init(match: [Pattern], template: [String], matchText: String, doText: String, location: SourceLocation) {
        self.match = match
        self.template = template
        self.matchText = matchText
        self.doText = doText
        self.location = location
    }

    /// The names `{name}` bound by the pattern, in order.
    public var boundNames: [String] {
        match.flatMap { pattern -> [String] in
            switch pattern {
            case .bind(let name): [name]
            case .template(let segments): segments.compactMap { if case .name(let n) = $0 { n } else { nil } }
            default: []
            }
        }
    }

    /// The bindings of a template word's names when `word` fits it, else nil.
    static func fit(_ segments: [Segment], _ word: String) -> [String: String]? {
        let scalars = Array(word.unicodeScalars)
        var bound: [String: String] = [:]
        func fits(_ s: Int, _ at: Int) -> Bool {
            if s == segments.count { return at == scalars.count }
            switch segments[s] {
            case .text(let text):
                let t = Array(text.unicodeScalars)
                guard at + t.count <= scalars.count, Array(scalars[at..<(at + t.count)]) == t else { return false }
                return fits(s + 1, at + t.count)
            case .name(let name):
                var end = scalars.count
                while end > at {
                    bound[name] = String(String.UnicodeScalarView(scalars[at..<end]))
                    if fits(s + 1, end) { return true }
                    end -= 1
                }
                return false
            }
        }
        return fits(0, 0) ? bound : nil
    }

    /// The segments of a word with `{name}`s in it.
    static func segments(of word: String) -> [Segment] {
        var out: [Segment] = []
        var rest = word[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}"), close > rest.index(after: open) {
            if open > rest.startIndex { out.append(.text(String(rest[..<open]))) }
            out.append(.name(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { out.append(.text(String(rest))) }
        return out
    }

    /// The bindings when `words` match the pattern, else nil. `...` takes as few words as it can.
    public func bindings(for words: [String]) -> [String: String]? {
        // Positions (pattern, word) already known to fail; the pattern is short, so this is linear in practice.
        var failed = Set<Int>()
        var bound: [String: String] = [:]
        func matches(_ p: Int, _ w: Int) -> Bool {
            if p == match.count { return w == words.count }
            let key = p * (words.count + 1) + w
            if failed.contains(key) { return false }
            switch match[p] {
            case .literal(let word):
                if w < words.count, words[w] == word, matches(p + 1, w + 1) { return true }
            case .bind(let name):
                if w < words.count {
                    bound[name] = words[w]
                    if matches(p + 1, w + 1) { return true }
                }
            case .template(let segments):
                if w < words.count, let parts = Self.fit(segments, words[w]) {
                    bound.merge(parts) { _, new in new }
                    if matches(p + 1, w + 1) { return true }
                }
            case .rest:
                var next = w
                while next <= words.count {
                    if matches(p + 1, next) { return true }
                    next += 1
                }
            }
            failed.insert(key)
            return false
        }
        return matches(0, 0) ? bound : nil
    }

    /// The command's words for `bindings`: every `{name}` in the template replaced by its word.
    public func expand(_ bindings: [String: String]) -> [String] {
        template.map { word in
            // One pass, so that a bound word holding `{x}` is never expanded again.
            var out = ""
            var rest = word[...]
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                out += rest[..<open]
                let name = String(rest[rest.index(after: open)..<close])
                out += bindings[name] ?? String(rest[open...close])
                rest = rest[rest.index(after: close)...]
            }
            return out + rest
        }
    }

    /// The `{name}`s a template word uses.
    static func placeholders(in word: String) -> [String] {
        var names: [String] = []
        var rest = word[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
