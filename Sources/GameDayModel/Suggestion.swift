/// Finds the one close name for a `did you mean` hint (Damerau–Levenshtein distance at most 2).
///
/// The distance is computed in a band of five cells around the diagonal and stops as soon as it must exceed 2, so
/// one comparison costs time linear in the shorter name and constant memory, whatever the names' lengths. For many
/// look-ups in a large set of names, build a `NameSuggester` once instead.
public enum Suggestion {
    /// The largest distance a hint is given for.
    public static let maxDistance = 2

    /// The single closest candidate within distance 2, or nil when there is none or a tie.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let w = Array(word.unicodeScalars)
        var best: (String, Int)?
        var tie = false
        for candidate in candidates {
            let d = distance(w, candidate.unicodeScalars, atMost: maxDistance)
            guard d <= maxDistance, d > 0 else { continue }
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
        distance(a, b, atMost: max(a.count, b.count))
    }

    /// The optimal-string-alignment distance of `a` and `b` when it is at most `limit`, else `limit + 1`;
    /// O((limit + 1) · length) time and O(limit) memory.
    public static func distance(_ a: [Unicode.Scalar], _ b: some Swift.Collection<Unicode.Scalar>, atMost limit: Int) -> Int {
        let n = a.count
        let m = b.count
        if abs(n - m) > limit { return limit + 1 }
        if n == 0 || m == 0 { return max(n, m) }
        let far = limit + 1
        let width = 2 * limit + 1
        // Row i holds D[i][j] for j in i-limit ... i+limit, at index j - i + limit; cells outside the matrix are `far`.
        var before = [Int](repeating: far, count: width)   // row i-2
        var previous = [Int](repeating: far, count: width) // row i-1
        var current = [Int](repeating: far, count: width)
        for k in 0..<width {
            let j = k - limit
            if j >= 0, j <= m { previous[k] = j }
        }
        let bs = b as? [Unicode.Scalar] ?? Array(b)
        for i in 1...n {
            var rowMin = far
            for k in 0..<width {
                let j = i + k - limit
                guard j >= 0, j <= m else { current[k] = far; continue }
                if j == 0 { current[k] = min(i, far); rowMin = min(rowMin, current[k]); continue }
                var value = far
                if k + 1 < width { value = min(value, previous[k + 1] + 1) }     // deletion: D[i-1][j]
                if k > 0 { value = min(value, current[k - 1] + 1) }              // insertion: D[i][j-1]
                value = min(value, previous[k] + (a[i - 1] == bs[j - 1] ? 0 : 1)) // substitution: D[i-1][j-1]
                if i > 1, j > 1, a[i - 1] == bs[j - 2], a[i - 2] == bs[j - 1] {
                    value = min(value, before[k] + 1)                             // transposition: D[i-2][j-2]
                }
                current[k] = min(value, far)
                rowMin = min(rowMin, current[k])
            }
            if rowMin > limit { return far }
            swap(&before, &previous)
            swap(&previous, &current)
        }
        return min(previous[m - n + limit], far)
    }
}
