/// A set of names prepared for many `did you mean` look-ups, with the same answers as `Suggestion.closest`.
///
/// The names are sorted by code points, which makes the sorted array an implicit trie: a look-up walks it depth
/// first, carrying the band of the Damerau–Levenshtein table for the prefix so far and leaving every branch whose
/// band already exceeds the best distance. A look-up costs about the number of prefixes within distance 2 of the
/// word, not the number of names, so that thousands of unknown names among thousands of known ones stay fast.
public struct NameSuggester: Sendable {
    /// Every name's scalars, one name after another, in sorted order: name `i` is `scalars[starts[i] ..< starts[i + 1]]`.
    /// (One flat array rather than an array per name: reading a scalar of a name then retains nothing.)
    private let scalars: [Unicode.Scalar]
    private let starts: [Int]
    private let texts: [String]
    private static let limit = Suggestion.maxDistance
    private static let far: Int32 = Int32(Suggestion.maxDistance + 1)

    /// Prepares `candidates` (duplicates, by code points, count once).
    public init(_ candidates: some Sequence<String>) {
        var pairs = candidates.map { (Array($0.unicodeScalars), $0) }
        pairs.sort { $0.0.lexicographicallyPrecedes($1.0) }
        var scalars: [Unicode.Scalar] = []
        var starts: [Int] = [0]
        var texts: [String] = []
        starts.reserveCapacity(pairs.count + 1)
        texts.reserveCapacity(pairs.count)
        var last: [Unicode.Scalar]?
        for (name, text) in pairs where last != name {
            scalars.append(contentsOf: name)
            starts.append(scalars.count)
            texts.append(text)
            last = name
        }
        self.scalars = scalars
        self.starts = starts
        self.texts = texts
    }

    /// The number of names.
    private var count: Int { texts.count }

    /// The length of name `i`, in scalars.
    private func length(_ i: Int) -> Int { starts[i + 1] - starts[i] }

    /// Scalar `d` of name `i`.
    private func scalar(_ i: Int, _ d: Int) -> Unicode.Scalar { scalars[starts[i] + d] }

    /// Name `i`'s scalars.
    private func name(_ i: Int) -> ArraySlice<Unicode.Scalar> { scalars[starts[i] ..< starts[i + 1]] }

    /// Whether `name` is one of the names (by code points).
    public func contains(_ name: String) -> Bool {
        let word = Array(name.unicodeScalars)
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self.name(mid).lexicographicallyPrecedes(word) { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && self.name(lo).elementsEqual(word)
    }

    /// `; did you mean 'x'?` or the empty string.
    public func hint(for word: String) -> String {
        closest(to: word).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// The single closest name within distance 2 (and not the word itself), or nil when there is none or a tie.
    public func closest(to word: String) -> String? {
        let w = Array(word.unicodeScalars)
        var best = Int32(Self.limit)
        var found: Int?
        var tie = false
        func consider(_ index: Int, _ d: Int32) {
            guard d > 0, d <= best else { return }
            if found == nil || d < best { best = d; found = index; tie = false } else { tie = true }
        }
        // A node of the implicit trie: names[lo..<hi] share their first `depth` scalars.
        struct Node {
            var lo: Int, hi: Int, depth: Int
            var row: SIMD8<Int32>, above: SIMD8<Int32>
        }
        var stack = [Node(lo: 0, hi: count, depth: 0, row: Self.firstRow(w.count), above: SIMD8(repeating: Self.far))]
        while var node = stack.popLast() {
            guard node.lo < node.hi, Self.minimum(node.row) <= best else { continue }
            if node.hi - node.lo == 1 {
                // One name left: finish its band directly.
                let only = node.lo, onlyLength = length(only)
                var i = node.depth
                while i < onlyLength {
                    let next = Self.step(node.row, node.above, depth: i + 1, scalar: scalar(only, i),
                                         before: i > 0 ? scalar(only, i - 1) : nil, word: w)
                    node.above = node.row
                    node.row = next
                    i += 1
                    if Self.minimum(node.row) > best { break }
                }
                if i == onlyLength { consider(node.lo, Self.final(node.row, depth: i, wordCount: w.count)) }
                continue
            }
            var start = node.lo
            if length(start) == node.depth {
                consider(start, Self.final(node.row, depth: node.depth, wordCount: w.count))
                start += 1
            }
            // The child that follows the word is pushed last, so it is searched first: finding a close name early
            // lowers `best`, which prunes the other branches sooner.
            let wanted: Unicode.Scalar? = node.depth < w.count ? w[node.depth] : nil
            var following: Node?
            // A child whose scalar is none of the word's near this depth gets the same row as any other such child
            // (every cell is a mismatch): that row is made once, and prunes them all at once when it is too far.
            let depth = node.depth + 1
            let before: Unicode.Scalar? = depth > 1 ? scalar(node.lo, depth - 2) : nil
            let nearEnd = min(w.count, depth + 2)
            let near = min(max(0, depth - 4), nearEnd) ..< nearEnd
            var mismatch: SIMD8<Int32>?
            while start < node.hi {
                let first = scalar(start, node.depth)
                var lo = start + 1, hi = node.hi
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if scalar(mid, node.depth) == first { lo = mid + 1 } else { hi = mid }
                }
                let row: SIMD8<Int32>
                if w[near].contains(first) {
                    row = Self.step(node.row, node.above, depth: depth, scalar: first, before: before, word: w)
                } else {
                    if mismatch == nil { mismatch = Self.step(node.row, node.above, depth: depth, scalar: nil, before: before, word: w) }
                    row = mismatch!
                }
                if Self.minimum(row) <= best {
                    let child = Node(lo: start, hi: lo, depth: node.depth + 1, row: row, above: node.row)
                    if first == wanted { following = child } else { stack.append(child) }
                }
                start = lo
            }
            if let following { stack.append(following) }
        }
        guard let found, !tie else { return nil }
        return texts[found]
    }

    /// Row 0 of the band: D[0][j] = j for j = -2 ... 2 (index j + 2).
    private static func firstRow(_ wordCount: Int) -> SIMD8<Int32> {
        var row = SIMD8<Int32>(repeating: far)
        for k in 0...(2 * limit) {
            let j = k - limit
            if j >= 0, j <= wordCount { row[k] = Int32(j) }
        }
        return row
    }

    /// Row `depth` of the band, from the two rows above it: `scalar` is the name's scalar `depth - 1` (nil for one
    /// that matches no scalar of the word near this depth), and `before` its scalar `depth - 2`.
    private static func step(_ row: SIMD8<Int32>, _ above: SIMD8<Int32>, depth i: Int, scalar c: Unicode.Scalar?,
                             before: Unicode.Scalar?, word w: [Unicode.Scalar]) -> SIMD8<Int32> {
        var next = SIMD8<Int32>(repeating: far)
        for k in 0...(2 * limit) {
            let j = i + k - limit
            guard j >= 0, j <= w.count else { continue }
            if j == 0 { next[k] = min(Int32(i), far); continue }
            var value = far
            if k < 2 * limit { value = min(value, row[k + 1] + 1) }
            if k > 0 { value = min(value, next[k - 1] + 1) }
            value = min(value, row[k] + (c != nil && c == w[j - 1] ? 0 : 1))
            if let c, let before, j > 1, c == w[j - 2], before == w[j - 1] { value = min(value, above[k] + 1) }
            next[k] = min(value, far)
        }
        return next
    }

    private static func minimum(_ row: SIMD8<Int32>) -> Int32 {
        var m = far
        for k in 0...(2 * limit) { m = min(m, row[k]) }
        return m
    }

    /// D[depth][wordCount], when it lies in the band.
    private static func final(_ row: SIMD8<Int32>, depth: Int, wordCount: Int) -> Int32 {
        let k = wordCount - depth + limit
        return k >= 0 && k <= 2 * limit ? row[k] : far
    }
}
