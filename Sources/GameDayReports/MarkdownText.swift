import Mustache

/// Escapes text for Markdown (CommonMark and GitHub's tables) so that it reads as plain inline text.
///
/// A value cannot start a block (heading, list, quote, fence, table, setext underline), open a link, image,
/// emphasis, code span, math or raw HTML, or end a table cell: line breaks become spaces, leading spaces go,
/// and the characters that could do any of that where they stand are backslash-escaped — and only those, so
/// that the Markdown file reads cleanly as text too (`story #5`, `Urgent!`, `a -> b`, `ci_token` stay as they are).
public struct MarkdownText: MustacheContentType {
    /// Creates the escaper.
    public init() {}

    /// Characters escaped wherever they stand.
    static let alwaysEscaped: Set<Character> = ["\\", "`", "*", "[", "]", "<", "|", "~", "$"]
    /// Characters escaped at the start of the value, where they could begin a heading, a list, a quote, a setext
    /// underline or a break (a value is always on one line, so only its start can be a line's start).
    static let leadingEscaped: Set<Character> = ["-", "+", "=", "#", ">"]

    /// `text` as safe inline Markdown.
    public static func escape(_ text: String) -> String {
        let chars = Array(UntrustedText.oneLine(text).drop { $0 == " " })
        var escapeAt: Int?
        if let first = chars.first {
            if leadingEscaped.contains(first) {
                escapeAt = 0
            } else if first.isASCII, first.isNumber,
                      let j = chars.firstIndex(where: { !($0.isASCII && $0.isNumber) }), chars[j] == "." || chars[j] == ")",
                      j + 1 == chars.count || chars[j + 1] == " " {
                escapeAt = j  // "1. " or "1)" at the end would start an ordered list
            }
        }
        func isWordCharacter(_ i: Int) -> Bool { i >= 0 && i < chars.count && (chars[i].isLetter || chars[i].isNumber) }
        var out = ""
        out.reserveCapacity(chars.count + 8)
        for (i, c) in chars.enumerated() {
            let escaped: Bool
            switch c {
            case _ where i == escapeAt: escaped = true
            // `_` inside a word (`ci_token`) can neither open nor close emphasis.
            case "_": escaped = !(isWordCharacter(i - 1) && isWordCharacter(i + 1))
            // `&` opens a character reference only as `&name;`, `&#123;` or `&#x1F;`.
            case "&": escaped = Self.opensReference(chars, at: i)
            default: escaped = alwaysEscaped.contains(c)
            }
            if escaped { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Whether the `&` at `i` begins a character reference: `&`, an optional `#`, letters or digits, `;`.
    static func opensReference(_ chars: [Character], at i: Int) -> Bool {
        var j = i + 1
        if j < chars.count, chars[j] == "#" { j += 1 }
        let start = j
        while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber, j - start < 32 { j += 1 }
        return j > start && j < chars.count && chars[j] == ";"
    }

    /// Escapes `text` for a Markdown template.
    public func escapeText(_ text: String) -> String { Self.escape(text) }
}
