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

    /// The longest word a template is matched against; a longer word fits no template.
    public static let maxTemplateWord = 65_536

    /// The bindings of a template word's names when `word` fits it, else nil: each name binds a non-empty part, an
    /// earlier name as long as it can be. A table of which segment suffix fits which part of the word, filled from
    /// the end, keeps it linear in segments × word length.
    static func fit(_ segments: [Segment], _ word: String) -> [String: String]? {
        let scalars = Array(word.unicodeScalars)
        let n = scalars.count, k = segments.count
        guard n <= maxTemplateWord else { return nil }
        let texts = segments.map { segment -> [Unicode.Scalar]? in if case .text(let t) = segment { Array(t.unicodeScalars) } else { nil } }
        let width = n + 1
        // fits[s * width + i]: segments s... fit scalars i...; later[s * width + i]: fits at some position after i.
        var fits = [Bool](repeating: false, count: (k + 1) * width)
        var later = [Bool](repeating: false, count: (k + 1) * width)
        fits[k * width + n] = true
        for s in stride(from: k, through: 0, by: -1) {
            if s < k {
                for i in stride(from: n, through: 0, by: -1) {
                    if let text = texts[s] {
                        fits[s * width + i] = i + text.count <= n && fits[(s + 1) * width + i + text.count]
                            && scalars[i..<(i + text.count)].elementsEqual(text)
                    } else {
                        fits[s * width + i] = later[(s + 1) * width + i]
                    }
                }
            }
            var any = false
            for i in stride(from: n, through: 0, by: -1) {
                later[s * width + i] = any
                if fits[s * width + i] { any = true }
            }
        }
        guard fits[0] else { return nil }
        var bound: [String: String] = [:]
        var i = 0
        for (s, segment) in segments.enumerated() {
            switch segment {
            case .text(let text): i += text.unicodeScalars.count
            case .name(let name):
                var e = n
                while e > i, !fits[(s + 1) * width + e] { e -= 1 }
                bound[name] = String(String.UnicodeScalarView(scalars[i..<e]))
                i = e
            }
        }
        return bound
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

    /// The most words a `match` may have (more is an error of the alias file).
    public static let maxPatternWords = 256

    /// The bindings when `words` match the pattern, else nil. `...` takes as few words as it can.
    ///
    /// A table of which pattern suffix matches which word suffix, filled from the end (time and memory linear in
    /// pattern length × line length, no recursion), then one walk forward that makes the same choices a
    /// backtracking matcher would: `...` stops as soon as the rest can match.
    public func bindings(for words: [String]) -> [String: String]? {
        let p = match.count, w = words.count
        let width = w + 1
        var table = [Bool](repeating: false, count: (p + 1) * width)
        table[p * width + w] = true
        for i in stride(from: p - 1, through: 0, by: -1) {
            for j in stride(from: w, through: 0, by: -1) {
                let fits: Bool
                switch match[i] {
                case .literal(let literal): fits = j < w && words[j] == literal && table[(i + 1) * width + j + 1]
                case .bind: fits = j < w && table[(i + 1) * width + j + 1]
                case .template(let segments): fits = j < w && table[(i + 1) * width + j + 1] && Self.fit(segments, words[j]) != nil
                case .rest: fits = table[(i + 1) * width + j] || (j < w && table[i * width + j + 1])
                }
                table[i * width + j] = fits
            }
        }
        guard table[0] else { return nil }
        var bound: [String: String] = [:]
        var i = 0, j = 0
        while i < p {
            switch match[i] {
            case .literal: i += 1; j += 1
            case .bind(let name): bound[name] = words[j]; i += 1; j += 1
            case .template(let segments): bound.merge(Self.fit(segments, words[j])!) { _, new in new }; i += 1; j += 1
            case .rest:
                if table[(i + 1) * width + j] { i += 1 } else { j += 1 }
            }
        }
        return bound
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
