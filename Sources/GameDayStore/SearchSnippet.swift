import Foundation

/// The passage a search hit shows: one line of one field, never text from two fields or two lines (two outcomes'
/// statuses side by side would read as one), with the matching words between `[` and `]`.
enum SearchSnippet {
    /// The most words a snippet shows; a longer line is cut around its matches, with `…` where it was cut.
    static let maxWords = 16

    /// The snippet of an entry, given the words (lowercased) that match the query.
    static func make(title: String, body: String, tags: String, matched: Set<String>) -> String {
        // Candidates in order of preference on a tie: the body's lines, then the title, then the tags.
        let lines = body.split(separator: "\n").map(String.init) + [title, tags]
        var best: (line: String, distinct: Int, total: Int)?
        for line in lines where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let words = HistoryStore.words(line).map { $0.lowercased() }.filter(matched.contains)
            let score = (line, Set(words).count, words.count)
            if best == nil || (score.1, score.2) > (best!.distinct, best!.total) { best = score }
        }
        return render(best?.line ?? title, matched: matched)
    }

    /// `line` with its matching words marked, cut to the window of `maxWords` words that holds the most matches.
    static func render(_ line: String, matched: Set<String>) -> String {
        let text = line.trimmingCharacters(in: .whitespaces)
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let isWord = text[index].unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) }
            if isWord, start == nil { start = index }
            if !isWord, let s = start { ranges.append(s..<index); start = nil }
            index = text.index(after: index)
        }
        if let s = start { ranges.append(s..<text.endIndex) }
        let isMatch = ranges.map { matched.contains(text[$0].lowercased()) }
        var first = 0
        if ranges.count > maxWords {
            var bestCount = -1
            for candidate in 0...(ranges.count - maxWords) {
                let count = isMatch[candidate..<(candidate + maxWords)].filter { $0 }.count
                if count > bestCount { bestCount = count; first = max(0, candidate) }
            }
            // Lead with a word or two of context before the first match, when the window allows it.
            if let firstMatch = isMatch[first..<(first + maxWords)].firstIndex(of: true), firstMatch - first > 2 {
                first = min(firstMatch - 2, ranges.count - maxWords)
            }
        }
        let last = ranges.isEmpty ? 0 : min(ranges.count, first + maxWords) - 1
        guard !ranges.isEmpty else { return text }
        let from = first == 0 ? text.startIndex : ranges[first].lowerBound
        let to = last == ranges.count - 1 ? text.endIndex : ranges[last].upperBound
        var out = first == 0 ? "" : "…"
        var cursor = from
        for k in first...last where isMatch[k] {
            out += text[cursor..<ranges[k].lowerBound] + "[" + text[ranges[k]] + "]"
            cursor = ranges[k].upperBound
        }
        out += text[cursor..<to]
        if last < ranges.count - 1 { out += "…" }
        return out
    }
}
