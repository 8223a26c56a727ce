/// Makes text from drills and logs safe to print on a terminal: control characters never reach the TTY.
public enum TerminalText {
    /// `text` with control characters (C0, DEL, C1, bidi overrides) shown as escapes.
    public static func safe(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                if scalar == "\n" { out.append(contentsOf: "\\n".unicodeScalars) } else if scalar == "\t" { out.append(" ") } else {
                    out.append(contentsOf: "\\u{\(String(v, radix: 16))}".unicodeScalars)
                }
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `text` with each line longer than `width` broken at spaces, never inside a word that fits on a line;
    /// a continuation keeps the line's indentation plus two columns. Unchanged when `width` is nil.
    public static func wrapped(_ text: String, width: Int?) -> String {
        guard let width, width > 0 else { return text }
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count + 2
            out += ConsoleStyle.wrap(String(line), width: max(10, width - 1), indent: indent).joined(separator: "\n") + "\n"
        }
        return String(out.dropLast())
    }
}
