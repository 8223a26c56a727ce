/// Rules for ids and entity names (spec 1).
public enum Identifier {
    /// True when `text` matches `[a-z0-9][a-z0-9-]{0,63}`.
    public static func isValidID(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, scalars.count <= 64, isLowerAlnum(first) else { return false }
        return scalars.allSatisfy { isLowerAlnum($0) || $0 == "-" }
    }

    /// True when `text` is a non-empty name without whitespace or control characters.
    public static func isValidName(_ text: String) -> Bool {
        if !text.isEmpty, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return true }
        return !text.isEmpty && !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
    }

    private static func isLowerAlnum(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("0"..."9").contains(s)
    }
}
