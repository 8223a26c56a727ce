import Foundation

/// File and folder names made from untrusted text: lower-case ASCII letters, digits and single hyphens only,
/// so that no id, title or team can climb out of the output folder, hide a file, or collide with a device name.
public enum FileName {
    /// `text` as a name part: `[a-z0-9]` runs joined by `-`, at most `limit` characters, `fallback` when empty.
    public static func slug(_ text: String, limit: Int = 60, fallback: String = "x") -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let lower: Unicode.Scalar? = switch v {
            case 0x30...0x39, 0x61...0x7A: scalar
            case 0x41...0x5A: Unicode.Scalar(v + 32)
            default: nil
            }
            if let lower {
                if pendingHyphen, !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(lower)
            } else {
                pendingHyphen = true
            }
        }
        if out.count > limit {
            out = String(out.prefix(limit))
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out.isEmpty ? fallback : out
    }

    /// Whether `relative` is a plain relative path of slug-like parts (`a/b-1.md`) that stays inside its folder.
    public static func isContained(_ relative: String) -> Bool {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty, !relative.hasPrefix("/") else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part != "." && part != ".." && !part.hasPrefix(".")
                && part.unicodeScalars.allSatisfy { s in
                    (0x30...0x39).contains(s.value) || (0x61...0x7A).contains(s.value) || (0x41...0x5A).contains(s.value)
                        || s == "-" || s == "_" || s == "."
                }
        }
    }
}
