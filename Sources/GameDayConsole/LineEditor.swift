/// The line being typed at an interactive console: keys in, an edited buffer and events out; no I/O.
///
/// It reads the bytes a terminal in raw mode sends: printable UTF-8, the usual control keys (Ctrl-A/E/B/F,
/// Ctrl-K/U/W, Ctrl-L, Ctrl-P/N), and the escape sequences of the arrow, Home, End and Delete keys. Other control
/// bytes and unknown sequences are dropped, so nothing typed or pasted can put a control character in a line.
public struct LineEditor: Sendable {
    /// What a key did, for the front end.
    public enum Event: Sendable, Hashable {
        /// The buffer or the cursor changed: redraw the line.
        case changed
        /// Enter: the line is done (the buffer is now empty).
        case submit(String)
        /// Tab: complete the word before the cursor.
        case complete
        /// Ctrl-C.
        case interrupt
        /// Ctrl-D on an empty line.
        case endOfInput
        /// Ctrl-L: clear the screen and redraw.
        case clearScreen
    }

    private enum Escape: Sendable {
        case none, escape, csi(String), ss3
    }

    /// The characters of the line.
    public private(set) var buffer: [Character] = []
    /// The cursor, as a character offset into the buffer.
    public private(set) var cursor = 0
    /// Lines submitted before, oldest first.
    public private(set) var history: [String] = []
    private var historyIndex: Int?
    private var draft: [Character] = []
    private var escape = Escape.none
    private var pending: [UInt8] = []
    private var pendingLength = 0
    private var lastWasCarriageReturn = false

    /// An empty editor.
    public init() {}

    /// The line as text.
    public var text: String { String(buffer) }

    /// Feeds one byte from the terminal; returns what it did, if anything.
    public mutating func feed(_ byte: UInt8) -> Event? {
        let afterCR = lastWasCarriageReturn
        lastWasCarriageReturn = false
        switch escape {
        case .escape:
            switch byte {
            case UInt8(ascii: "["): escape = .csi(""); return nil
            case UInt8(ascii: "O"): escape = .ss3; return nil
            default: escape = .none
            }
        case .csi(let parameters):
            if (0x30...0x3F).contains(byte) {
                escape = .csi(parameters + String(UnicodeScalar(byte)))
                return nil
            }
            escape = .none
            if (0x40...0x7E).contains(byte) { return csi(parameters, final: byte) }
            return nil
        case .ss3:
            escape = .none
            return csi("", final: byte)
        case .none:
            break
        }
        if !pending.isEmpty || byte >= 0x80 { return utf8(byte) }
        switch byte {
        case 0x0D: lastWasCarriageReturn = true; return submit()
        case 0x0A: return afterCR ? nil : submit()
        case 0x1B: escape = .escape; return nil
        case 0x09: return .complete
        case 0x7F, 0x08: return backspace()
        case 0x01: return move(to: 0)
        case 0x05: return move(to: buffer.count)
        case 0x02: return move(to: cursor - 1)
        case 0x06: return move(to: cursor + 1)
        case 0x03: return .interrupt
        case 0x04:
            if buffer.isEmpty { return .endOfInput }
            return deleteForward()
        case 0x0B:
            guard cursor < buffer.count else { return nil }
            buffer.removeSubrange(cursor...)
            return .changed
        case 0x15:
            guard cursor > 0 else { return nil }
            buffer.removeSubrange(..<cursor)
            cursor = 0
            return .changed
        case 0x17: return deleteWordBackward()
        case 0x0C: return .clearScreen
        case 0x10: return historyStep(-1)
        case 0x0E: return historyStep(1)
        case 0x20...0x7E: return insert(Character(UnicodeScalar(byte)))
        default: return nil
        }
    }

    /// Feeds several bytes; returns the events in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Event] {
        bytes.compactMap { feed($0) }
    }

    /// Puts a completion's replacement in place of the word it completed.
    public mutating func apply(_ completion: Completion) -> Bool {
        guard let replacement = completion.replacement, completion.wordStart <= cursor, cursor <= buffer.count else { return false }
        let safe = Array(replacement).filter { !$0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }
        buffer.replaceSubrange(completion.wordStart..<cursor, with: safe)
        cursor = completion.wordStart + safe.count
        return true
    }

    /// Empties the line (Ctrl-C).
    public mutating func clear() {
        buffer = []
        cursor = 0
        historyIndex = nil
    }

    private mutating func submit() -> Event {
        let line = text
        if !line.trimmingWhitespace.isEmpty, history.last != line { history.append(line) }
        clear()
        return .submit(line)
    }

    private mutating func insert(_ c: Character) -> Event {
        buffer.insert(c, at: cursor)
        cursor += 1
        return .changed
    }

    private mutating func backspace() -> Event? {
        guard cursor > 0 else { return nil }
        buffer.remove(at: cursor - 1)
        cursor -= 1
        return .changed
    }

    private mutating func deleteForward() -> Event? {
        guard cursor < buffer.count else { return nil }
        buffer.remove(at: cursor)
        return .changed
    }

    private mutating func deleteWordBackward() -> Event? {
        guard cursor > 0 else { return nil }
        var start = cursor
        while start > 0, buffer[start - 1].isWhitespace { start -= 1 }
        while start > 0, !buffer[start - 1].isWhitespace { start -= 1 }
        buffer.removeSubrange(start..<cursor)
        cursor = start
        return .changed
    }

    private mutating func move(to position: Int) -> Event? {
        let p = min(max(0, position), buffer.count)
        guard p != cursor else { return nil }
        cursor = p
        return .changed
    }

    private mutating func historyStep(_ delta: Int) -> Event? {
        guard !history.isEmpty else { return nil }
        let current = historyIndex ?? history.count
        let next = min(max(0, current + delta), history.count)
        guard next != current else { return nil }
        if historyIndex == nil { draft = buffer }
        historyIndex = next == history.count ? nil : next
        buffer = next == history.count ? draft : Array(history[next])
        cursor = buffer.count
        return .changed
    }

    private mutating func csi(_ parameters: String, final: UInt8) -> Event? {
        switch final {
        case UInt8(ascii: "A"): return historyStep(-1)
        case UInt8(ascii: "B"): return historyStep(1)
        case UInt8(ascii: "C"): return move(to: cursor + 1)
        case UInt8(ascii: "D"): return move(to: cursor - 1)
        case UInt8(ascii: "H"): return move(to: 0)
        case UInt8(ascii: "F"): return move(to: buffer.count)
        case UInt8(ascii: "~"):
            switch parameters {
            case "1", "7": return move(to: 0)
            case "4", "8": return move(to: buffer.count)
            case "3": return deleteForward()
            default: return nil
            }
        default: return nil
        }
    }

    private mutating func utf8(_ byte: UInt8) -> Event? {
        if pending.isEmpty {
            switch byte {
            case 0xC2...0xDF: pendingLength = 2
            case 0xE0...0xEF: pendingLength = 3
            case 0xF0...0xF4: pendingLength = 4
            default: return nil
            }
            pending = [byte]
            return nil
        }
        guard (0x80...0xBF).contains(byte) else {
            pending = []
            return feed(byte)
        }
        pending.append(byte)
        guard pending.count == pendingLength else { return nil }
        let text = String(decoding: pending, as: UTF8.self)
        pending = []
        guard let scalar = text.unicodeScalars.first, text.unicodeScalars.count == 1, scalar != "\u{FFFD}",
              !(0x80...0x9F).contains(scalar.value), !(0x202A...0x202E).contains(scalar.value), !(0x2066...0x2069).contains(scalar.value)
        else { return nil }
        return insert(Character(scalar))
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
