/// Lines and places of a source file, counted the way libyaml counts its marks: a leading UTF-8 byte-order mark
/// is not a column, CR LF is one line break, and CR, LF, NEL (U+0085), LS (U+2028) and PS (U+2029) each end a line;
/// columns are Unicode scalars (spec 9.29).
public enum SourceLines {
    /// The UTF-8 byte-order mark.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The number of leading bytes that are a UTF-8 byte-order mark (0 or 3).
    public static func byteOrderMarkLength(_ bytes: [UInt8]) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The text of `bytes` as Unicode scalars (invalid UTF-8 replaced), without a leading byte-order mark.
    public static func scalars(_ bytes: [UInt8]) -> [Unicode.Scalar] {
        let skip = byteOrderMarkLength(bytes)
        return Array(String(decoding: bytes[skip...], as: UTF8.self).unicodeScalars)
    }

    /// Whether `scalar` ends a line (CR LF counts once; the caller checks for it).
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The lines of `bytes`, without their line breaks; line N of a diagnostic is element N - 1.
    public static func lines(_ bytes: [UInt8]) -> [String] {
        let text = scalars(bytes)
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var i = 0
        while i < text.count {
            let s = text[i]
            if isBreak(s) {
                lines.append(String(current))
                current = String.UnicodeScalarView()
                if s == "\r", i + 1 < text.count, text[i + 1] == "\n" { i += 1 }
            } else {
                current.append(s)
            }
            i += 1
        }
        lines.append(String(current))
        return lines
    }

    /// The 1-based line and column (in Unicode scalars) of byte `offset` of `bytes`.
    public static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1, column = 1
        var i = byteOrderMarkLength(bytes)
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1; column = 1
            } else if b == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                line += 1; column = 1
            } else if b == 0xC2, i + 1 < end, bytes[i + 1] == 0x85 {
                i += 1; line += 1; column = 1
            } else if b == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                i += 2; line += 1; column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The encoding `bytes` are in when it is not UTF-8 (by YAML 1.2's rules, 5.2: a byte-order mark or the
    /// pattern of NUL bytes at the start), or nil for UTF-8.
    public static func foreignEncoding(_ bytes: [UInt8]) -> String? {
        let b = bytes.prefix(4).map { Int($0) } + [Int](repeating: -1, count: max(0, 4 - bytes.count))
        if b[0] == 0x00, b[1] == 0x00, b[2] == 0xFE, b[3] == 0xFF { return "UTF-32 (big-endian, with a byte-order mark)" }
        if b[0] == 0xFF, b[1] == 0xFE, b[2] == 0x00, b[3] == 0x00 { return "UTF-32 (little-endian, with a byte-order mark)" }
        if b[0] == 0xFE, b[1] == 0xFF { return "UTF-16 (big-endian, with a byte-order mark)" }
        if b[0] == 0xFF, b[1] == 0xFE { return "UTF-16 (little-endian, with a byte-order mark)" }
        if b[0] == 0x00, b[1] == 0x00, b[2] == 0x00, b[3] > 0 { return "UTF-32 (big-endian)" }
        if b[0] > 0, b[1] == 0x00, b[2] == 0x00, b[3] == 0x00 { return "UTF-32 (little-endian)" }
        if b[0] == 0x00, b[1] > 0 { return "UTF-16 (big-endian)" }
        if b[0] > 0, b[1] == 0x00 { return "UTF-16 (little-endian)" }
        return nil
    }
}
