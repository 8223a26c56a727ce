import GameDayEngine

/// Turns console lines into text for the screen: made safe, wrapped to the width, coloured when allowed.
public struct ConsoleStyle: Sendable, Hashable {
    /// What the terminal allows.
    public var capabilities: TerminalCapabilities

    /// Creates a style.
    public init(capabilities: TerminalCapabilities) {
        self.capabilities = capabilities
    }

    /// The SGR parameters for a style, or nil for none.
    static func sgr(_ style: ConsoleLine.Style) -> String? {
        switch style {
        case .inject(let channel):
            switch channel {
            case .page, .alert, .phone: "1;31"
            case .chat: "1;36"
            case .silent: "2"
            default: "1;33"
            }
        case .attacker: "35"
        case .applied: "32"
        case .rejected: "31"
        case .finding: "36"
        case .progress: "1;32"
        case .heading: "1"
        case .info: nil
        case .muted: "2"
        case .error: "1;31"
        }
    }

    /// The text of `line`, wrapped to `width` columns when one is given, each physical line ending with a newline.
    public func render(_ line: ConsoleLine, width: Int?) -> String {
        let text = TerminalText.safe(line.text)
        let pieces = width.map { Self.wrap(text, width: $0, indent: line.hangingIndent) } ?? [text]
        var out = ""
        for piece in pieces {
            if capabilities.color, let code = Self.sgr(line.style) {
                out += "\u{1B}[\(code)m\(piece)\u{1B}[0m\n"
            } else {
                out += piece + "\n"
            }
        }
        return out
    }

    /// `text` broken at spaces into lines of at most `width` columns (longer words are cut), continuation lines indented.
    public static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        let width = max(width, 10)
        guard DisplayWidth.of(text) > width else { return [text] }
        let indent = min(max(0, indent), width / 2)
        let pad = String(repeating: " ", count: indent)
        let leading = String(text.prefix { $0 == " " }.prefix(width / 2))
        var lines: [String] = []
        var current = leading
        var used = leading.count
        var contentStart = used
        for piece in text.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: false) {
            if piece.isEmpty {
                // A run of spaces inside the text is kept (one space is added before the next word anyway).
                if used > contentStart, used + 1 <= width { current += " "; used += 1 }
                continue
            }
            var word = Substring(piece)
            var wordWidth = DisplayWidth.of(word)
            let space = used > contentStart ? 1 : 0
            if used + space + wordWidth <= width {
                current += (space == 1 ? " " : "") + word
                used += space + wordWidth
                continue
            }
            if used > contentStart {
                lines.append(current)
                current = pad
                used = indent
                contentStart = indent
            }
            while used + wordWidth > width {
                var taken = ""
                var takenWidth = 0
                for c in word {
                    let w = DisplayWidth.of(c)
                    if used + takenWidth + w > width, !taken.isEmpty { break }
                    taken.append(c)
                    takenWidth += w
                }
                lines.append(current + taken)
                word = word.dropFirst(taken.count)
                wordWidth -= takenWidth
                current = pad
                used = indent
                contentStart = indent
            }
            current += word
            used += wordWidth
        }
        if used > contentStart || lines.isEmpty { lines.append(current) }
        return lines
    }
}
