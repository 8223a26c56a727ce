import GameDayEngine
import Testing

/// `did you mean` hints: the banded distance and the suggester's trie search agree with the textbook full-table
/// algorithm, and a long name costs linear time (the old full table of a 20 000-character name took 3 GB).
@Suite struct SuggestionTests {
    /// The textbook optimal-string-alignment distance with the whole (n+1)×(m+1) table: the reference.
    static func reference(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    /// The closest name by the reference: nil on a tie or when none is within 2.
    static func referenceClosest(_ word: String, _ names: [String]) -> String? {
        let w = Array(word.unicodeScalars)
        var best: Int?
        var winners: [[Unicode.Scalar]] = []
        for name in names {
            let s = Array(name.unicodeScalars)
            let d = reference(w, s)
            guard d > 0, d <= 2 else { continue }
            if best == nil || d < best! { best = d; winners = [s] } else if d == best!, !winners.contains(s) { winners.append(s) }
        }
        return winners.count == 1 ? String(String.UnicodeScalarView(winners[0])) : nil
    }

    /// A deterministic generator (SplitMix64), so that a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func name(alphabet: [Unicode.Scalar], maxLength: Int) -> String {
            var view = String.UnicodeScalarView()
            for _ in 0..<below(maxLength + 1) { view.append(alphabet[below(alphabet.count)]) }
            return String(view)
        }
        /// `name` with up to three random edits (substitution, insertion, deletion, transposition).
        mutating func edit(_ name: String, alphabet: [Unicode.Scalar]) -> String {
            var s = Array(name.unicodeScalars)
            for _ in 0..<below(4) {
                let i = s.isEmpty ? 0 : below(s.count)
                switch below(4) {
                case 0 where !s.isEmpty: s[i] = alphabet[below(alphabet.count)]
                case 1: s.insert(alphabet[below(alphabet.count)], at: min(i, s.count))
                case 2 where !s.isEmpty: s.remove(at: i)
                case 3 where s.count > 1 && i + 1 < s.count: s.swapAt(i, i + 1)
                default: break
                }
            }
            return String(String.UnicodeScalarView(s))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func bandedDistanceAgreesWithTheFullTable(_ seed: Int) {
        var g = Generator(state: UInt64(seed))
        let alphabet: [Unicode.Scalar] = ["a", "b", "c", "\u{301}", "漢"]
        for _ in 0..<400 {
            let a = Array(g.name(alphabet: alphabet, maxLength: 9).unicodeScalars)
            let b = Array(g.edit(String(String.UnicodeScalarView(a)), alphabet: alphabet).unicodeScalars)
            let exact = Self.reference(a, b)
            for limit in 0...3 {
                #expect(Suggestion.distance(a, b, atMost: limit) == min(exact, limit + 1), "\(a) \(b) limit \(limit)")
            }
            #expect(Suggestion.distance(a, b) == exact)
        }
    }

    @Test(arguments: [11, 12, 13, 14, 15, 16])
    func theSuggesterAgreesWithTheReference(_ seed: Int) {
        var g = Generator(state: UInt64(seed))
        let alphabet: [Unicode.Scalar] = ["a", "b", "-", "1", "e\u{301}".unicodeScalars.last!]
        for _ in 0..<30 {
            let names = (0..<(1 + g.below(60))).map { _ in g.name(alphabet: alphabet, maxLength: 7) }
            let suggester = NameSuggester(names)
            for _ in 0..<20 {
                let word = g.below(3) == 0 ? g.name(alphabet: alphabet, maxLength: 7) : g.edit(names[g.below(names.count)], alphabet: alphabet)
                let expected = Self.referenceClosest(word, names)
                #expect(suggester.closest(to: word) == expected, "\(word) in \(names)")
                #expect(Suggestion.closest(to: word, in: names) == expected, "\(word) in \(names)")
            }
        }
    }

    @Test func aLongNameIsComparedInLinearTime() {
        let long = String(repeating: "ab", count: 200_000)
        let misspelt = String(long.dropLast()) + "c"
        #expect(Suggestion.closest(to: misspelt, in: ["x", long]) == long)
        #expect(NameSuggester(["x", long, long + "zzz"]).closest(to: misspelt) == long)
        #expect(Suggestion.distance(Array(long.unicodeScalars), Array((long + "abc").unicodeScalars), atMost: 2) == 3)
    }

    @Test func namesCompareByCodePoints() {
        // "é" precomposed and decomposed are different names (spec 9.21): one of each is a tie at distance 1 from "e".
        #expect(NameSuggester(["\u{E9}", "e\u{301}"]).closest(to: "e") == nil)
        #expect(Suggestion.closest(to: "e", in: ["\u{E9}", "e\u{301}"]) == nil)
        #expect(NameSuggester(["\u{E9}"]).closest(to: "e\u{301}") == "\u{E9}") // distance 2: substitute, delete
        #expect(NameSuggester(["abc", "abc"]).closest(to: "abd") == "abc")
        #expect(NameSuggester(["abc", "abd"]).closest(to: "abe") == nil)
        #expect(NameSuggester([]).closest(to: "abe") == nil)
        #expect(NameSuggester(["abc"]).closest(to: "abc") == nil)
        #expect(NameSuggester(["abc"]).contains("abc") && !NameSuggester(["abc"]).contains("ab"))
    }
}
