/// Rules for ids and entity names (spec 1).
public enum Identifier {
    /// True when `text` matches `[a-z0-9][a-z0-9-]{0,63}` (every byte ASCII, so it is checked on the UTF-8 bytes).
    public static func isValidID(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, bytes.count <= 64, isLowerAlnum(first) else { return false }
            return bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// True when `text` is a non-empty name without whitespace or control characters.
    public static func isValidName(_ text: String) -> Bool {
        var contiguous = text
        if !text.isEmpty, contiguous.withUTF8({ $0.allSatisfy { $0 > 0x20 && $0 < 0x7F } }) { return true }
        return !text.isEmpty && !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
