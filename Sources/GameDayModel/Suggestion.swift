/// Finds the one close name for a `did you mean` hint (Damerau–Levenshtein distance at most 2).
public enum Suggestion {
    /// The single closest candidate within distance 2, or nil when there is none or a tie.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let w = Array(word.unicodeScalars)
        var best: (String, Int)?
        var tie = false
        for candidate in candidates {
            let d = distance(w, Array(candidate.unicodeScalars))
            guard d <= 2, d > 0 else { continue }
            if let current = best {
                if d < current.1 { best = (candidate, d); tie = false }
                else if d == current.1, !NameOrder.same(current.0, candidate) { tie = true }
            } else {
                best = (candidate, d)
            }
        }
        return tie ? nil : best?.0
    }

    /// `; did you mean 'x'?` or the empty string.
    public static func hint(for word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Optimal-string-alignment Damerau–Levenshtein distance.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if abs(a.count - b.count) > 2 { return 3 }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
