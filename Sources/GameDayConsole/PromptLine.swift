/// Draws the input line of an interactive console: a status bar, the prompt and the buffer, on one terminal row.
///
/// The line never wraps: a buffer wider than the terminal scrolls sideways to keep the cursor in view, and the
/// status bar is left out when the terminal is too narrow for it. Without escape sequences (a `dumb` terminal) the
/// line is redrawn with a carriage return and spaces only.
public struct PromptLine: Sendable {
    /// What the terminal allows.
    public var capabilities: TerminalCapabilities
    /// Columns drawn by the last call, for erasing without escape sequences.
    public private(set) var drawnWidth = 0

    /// Creates a prompt line.
    public init(capabilities: TerminalCapabilities) {
        self.capabilities = capabilities
    }

    /// The bytes that draw the line over whatever the row holds, leaving the cursor where the editor's cursor is.
    public mutating func draw(status: String?, prompt: String, buffer: [Character], cursor: Int, width: Int) -> String {
        let width = max(width, 8)
        let prompt = TerminalText.safe(prompt)
        var bar = ""
        var barWidth = 0
        if let status {
            let text = TerminalText.safe(status)
            let shown = capabilities.color ? " \(text) " : "[\(text)]"
            let w = DisplayWidth.of(shown) + 1
            if width - w - DisplayWidth.of(prompt) >= 20 {
                bar = capabilities.color ? "\u{1B}[7m\(shown)\u{1B}[0m " : shown + " "
                barWidth = w
            }
        }
        var promptText = prompt
        var promptWidth = DisplayWidth.of(prompt)
        if width - barWidth - promptWidth < 6 {
            promptText = "> "
            promptWidth = 2
        }
        let available = max(1, width - 1 - barWidth - promptWidth)
        let cursor = min(max(0, cursor), buffer.count)
        var start = 0
        var beforeCursor = DisplayWidth.of(String(buffer[0..<cursor]))
        while beforeCursor >= available, start < cursor {
            beforeCursor -= DisplayWidth.of(buffer[start])
            start += 1
        }
        var shown = ""
        var shownWidth = 0
        for c in buffer[start...] {
            let w = DisplayWidth.of(c)
            if shownWidth + w > available { break }
            shown.append(c)
            shownWidth += w
        }
        let total = barWidth + promptWidth + shownWidth
        let cursorColumn = barWidth + promptWidth + beforeCursor
        var out = "\r" + bar + promptText + shown
        if capabilities.ansi {
            out += "\u{1B}[K"
            out += cursorColumn > 0 ? "\r\u{1B}[\(cursorColumn)C" : "\r"
        } else {
            if drawnWidth > total { out += String(repeating: " ", count: drawnWidth - total) }
            out += "\r" + bar + promptText + String(buffer[start..<cursor])
        }
        drawnWidth = total
        return out
    }

    /// The bytes that blank the row and put the cursor at its start, so that output can be printed there.
    public mutating func erase() -> String {
        defer { drawnWidth = 0 }
        if capabilities.ansi { return "\r\u{1B}[K" }
        return "\r" + String(repeating: " ", count: drawnWidth) + "\r"
    }
}
