/// Writes text as a YAML scalar that the drill loader reads back unchanged, in a flow mapping or at the top level.
public enum YAMLScalar {
    /// Words a plain scalar must not be, as YAML readers would take them for null or a bool.
    private static let reserved: Set<String> = ["null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
                                                "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]

    /// `text` plain when that is safe (a name like `on-call`), else single-quoted, else double-quoted with escapes.
    public static func plainOrQuoted(_ text: String) -> String {
        if isPlainSafe(text) { return text }
        return quoted(text)
    }

    /// `text` always quoted: single quotes when every character is printable, double quotes with escapes otherwise.
    public static func quoted(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(isPrintable) {
            // Scalar by scalar: a quote followed by a combining mark is one Character, but YAML still sees the quote.
            var out = String.UnicodeScalarView()
            out.append("'")
            for scalar in text.unicodeScalars {
                out.append(scalar)
                if scalar == "'" { out.append("'") }
            }
            out.append("'")
            return String(out)
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    out += "\\x" + hex(scalar.value, 2)
                } else if scalar.value <= 0xFFFF {
                    out += "\\u" + hex(scalar.value, 4)
                } else {
                    out += "\\U" + hex(scalar.value, 8)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, _ digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// YAML 1.1's printable set, less the BOM and the line and paragraph separators that some readers fold.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x20...0x7E: return true
        case 0x85, 0x2028, 0x2029, 0xFEFF: return false
        case 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !reserved.contains(text) else { return false }
        guard first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        // Digits alone, or digits with a unit, would still load as text in this project's loader, but other readers
        // (and people) take them for numbers: quote them.
        if text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ".:_".unicodeScalars.contains($0) }) { return false }
        return text.unicodeScalars.allSatisfy { s in
            (s.value < 0x80 && (s.properties.isAlphabetic || ("0"..."9").contains(s) || "-_./@".unicodeScalars.contains(s)))
        }
    }
}
