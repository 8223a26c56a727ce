import Foundation

/// Text from drills and logs, made harmless before any format sees it: control characters become visible escapes.
public enum UntrustedText {
    /// Whether `scalar` is a control or direction-override character that must never reach a reader raw.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF
    }

    /// `text` with line breaks normalised to `\n`, tabs kept, and every other control character shown as `\u{1b}`.
    public static func visible(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\n":
                if !previousCR { out.append("\n") }
            case "\r":
                out.append("\n")
            case "\t":
                out.append(scalar)
            default:
                if isControl(scalar) {
                    out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// `text` made visible and on one line: each line break and tab becomes a space; no space at either end.
    public static func oneLine(_ text: String) -> String {
        String(visible(text).map { $0 == "\n" || $0 == "\t" ? " " : $0 }).trimmingCharacters(in: .whitespaces)
    }
}
