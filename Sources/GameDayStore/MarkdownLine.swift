import Foundation

/// One line of a Markdown file, with HTML comments blanked out (columns stay where they were).
struct MarkdownLine: Sendable {
    /// 1-based line number.
    var number: Int
    /// The text, comments replaced by spaces.
    var text: String
    /// Inside a fenced code block (or a fence line itself).
    var isCode: Bool

    /// Nothing but spaces.
    var isBlank: Bool { text.allSatisfy { $0 == " " || $0 == "\t" } }

    /// The text without leading and trailing spaces.
    var trimmed: String { text.trimmingCharacters(in: .whitespaces) }

    /// 1-based column of the first character that is not a space.
    var firstColumn: Int { (text.unicodeScalars.firstIndex { $0 != " " && $0 != "\t" }.map { text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0) } ?? 0) + 1 }

    /// The lines of `text`: `\r\n` and `\n` endings, `<!-- -->` comments blanked, fenced code marked.
    static func lines(of text: String) -> [MarkdownLine] {
        var out: [MarkdownLine] = []
        var inComment = false, inFence = false
        // Split on scalars: a String sees "\r\n" as one Character, which a split on "\n" would not cut.
        for (index, raw) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var scalars = Array(raw)
            if scalars.last == "\r" { scalars.removeLast() }
            var i = 0
            while i < scalars.count {
                if inComment {
                    if Self.matches(scalars, at: i, "-->") {
                        for j in i..<(i + 3) { scalars[j] = " " }
                        i += 3
                        inComment = false
                    } else {
                        scalars[i] = " "
                        i += 1
                    }
                } else if !inFence, Self.matches(scalars, at: i, "<!--") {
                    inComment = true
                    for j in i..<(i + 4) { scalars[j] = " " }
                    i += 4
                } else {
                    i += 1
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let line = String(view)
            let start = line.drop { $0 == " " }
            let fence = start.hasPrefix("```") || start.hasPrefix("~~~")
            out.append(MarkdownLine(number: index + 1, text: line, isCode: inFence || fence))
            if fence { inFence.toggle() }
        }
        return out
    }

    private static func matches(_ scalars: [Unicode.Scalar], at index: Int, _ word: String) -> Bool {
        let w = Array(word.unicodeScalars)
        guard index + w.count <= scalars.count else { return false }
        return Array(scalars[index..<(index + w.count)]) == w
    }

    /// An ATX heading: its level, its text and the text's column.
    var heading: (level: Int, text: String, column: Int)? {
        guard !isCode else { return nil }
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count, i < 3, s[i] == " " { i += 1 }
        var level = 0
        while i < s.count, s[i] == "#" { level += 1; i += 1 }
        guard (1...6).contains(level), i == s.count || s[i] == " " || s[i] == "\t" else { return nil }
        while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
        var title = Self.string(s[i...]).trimmingCharacters(in: .whitespaces)
        while title.hasSuffix("#") { title.removeLast() }
        return (level, title.trimmingCharacters(in: .whitespaces), i + 1)
    }

    /// A list item (`- `, `* `, `+ `, `1. `, `1) `, with an optional `[ ]` box): the marker's column, the text and its column.
    var listItem: (markerColumn: Int, text: String, column: Int)? {
        guard !isCode else { return nil }
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
        let marker = i
        if i < s.count, s[i] == "-" || s[i] == "*" || s[i] == "+" {
            i += 1
        } else {
            var digits = 0
            while i < s.count, ("0"..."9").contains(s[i]), digits < 9 { i += 1; digits += 1 }
            guard digits > 0, i < s.count, s[i] == "." || s[i] == ")" else { return nil }
            i += 1
        }
        guard i == s.count || s[i] == " " || s[i] == "\t" else { return nil }
        while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
        if i + 2 < s.count, s[i] == "[", s[i + 1] == " " || s[i + 1] == "x" || s[i + 1] == "X", s[i + 2] == "]" {
            i += 3
            while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
        }
        return (marker + 1, Self.string(s[i...]).trimmingCharacters(in: .whitespaces), i + 1)
    }

    /// A thematic break (`---`, `***`, `___`).
    var isRule: Bool {
        let t = trimmed.filter { $0 != " " }
        return t.count >= 3 && (Set(t) == ["-"] || Set(t) == ["*"] || Set(t) == ["_"])
    }

    /// A table row: each cell's text and column (`|` at both ends optional, `\|` escapes a pipe).
    var tableCells: [(text: String, column: Int)]? {
        guard !isCode else { return nil }
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
        guard i < s.count, s[i] == "|" else { return nil }
        i += 1
        var cells: [(String, Int)] = []
        var current: [Unicode.Scalar] = [], start = i
        func close() {
            let lead = current.prefix { $0 == " " || $0 == "\t" }.count
            cells.append((Self.string(current[...]).trimmingCharacters(in: .whitespaces), start + lead + 1))
            current = []
        }
        while i < s.count {
            if s[i] == "\\", i + 1 < s.count, s[i + 1] == "|" {
                current.append("|")
                i += 2
            } else if s[i] == "|" {
                close()
                i += 1
                start = i
            } else {
                current.append(s[i])
                i += 1
            }
        }
        if !current.allSatisfy({ $0 == " " || $0 == "\t" }) { close() }
        return cells
    }

    /// Whether this row is a table's header separator (`|---|:--:|`).
    var isTableSeparator: Bool {
        guard let cells = tableCells, !cells.isEmpty else { return false }
        return cells.allSatisfy { cell in
            var t = Substring(cell.text)
            if t.hasPrefix(":") { t = t.dropFirst() }
            if t.hasSuffix(":") { t = t.dropLast() }
            return !t.isEmpty && t.allSatisfy { $0 == "-" }
        }
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
