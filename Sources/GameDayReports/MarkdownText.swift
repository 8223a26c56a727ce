import Mustache

/// Escapes text for Markdown (CommonMark and GitHub's tables) so that it reads as plain inline text.
///
/// A value cannot start a block (heading, list, quote, fence, table, setext underline), open a link, image,
/// emphasis, code span, math or raw HTML, or end a table cell: line breaks become spaces, leading spaces go,
/// and the characters that could do any of that are backslash-escaped.
public struct MarkdownText: MustacheContentType {
    /// Creates the escaper.
    public init() {}

    /// Characters escaped wherever they stand.
    static let alwaysEscaped: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "&", "!", "$"]
    /// Characters escaped at the start of the value, where they could begin a list, a setext underline or a break.
    static let leadingEscaped: Set<Character> = ["-", "+", "="]

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
        var out = ""
        out.reserveCapacity(chars.count + 8)
        for (i, c) in chars.enumerated() {
            if alwaysEscaped.contains(c) || i == escapeAt { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Escapes `text` for a Markdown template.
    public func escapeText(_ text: String) -> String { Self.escape(text) }
}
