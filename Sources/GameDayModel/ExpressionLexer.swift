/// A token of the expression language.
struct ExprToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case int(Int)
        case duration(Int)
        case string(String)
        case symbol(String)
        case end
    }
    var kind: Kind
    var offset: Int
}

/// Splits an expression into tokens.
///
/// It reads the text's UTF-8 bytes: every token but a quoted text is ASCII, so a byte is a scalar there, and a
/// quoted text's bytes are copied as they are. Offsets are counted in Unicode scalars, as errors are placed.
struct ExpressionLexer {
    static func tokenize(_ text: String) throws(ExpressionError) -> [ExprToken] {
        let s = Array(text.utf8)
        var tokens: [ExprToken] = []
        var i = 0
        /// The offset, in scalars, of byte `i` (one scalar per byte until the first non-ASCII one is passed).
        var scalarsBefore = 0
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        func isIdentStart(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "_")
        }
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                i += 1; scalarsBefore += 1; continue
            }
            let start = scalarsBefore
            let from = i
            if isDigit(c) {
                while i < s.count, isDigit(s[i]) || isIdentStart(s[i]) { i += 1 }
                scalarsBefore += i - from
                let word = ascii(s[from..<i])
                let allDigits = s[from..<i].allSatisfy(isDigit)
                if i < s.count, s[i] == UInt8(ascii: ":"), allDigits {
                    throw ExpressionError(offset: start, "durations in expressions use units, like 45m or 1h30m, not the clock form")
                }
                if allDigits {
                    guard let v = Int(word) else { throw ExpressionError(offset: start, "integer '\(word)' is too large") }
                    tokens.append(ExprToken(kind: .int(v), offset: start))
                } else if let v = DurationText.parseUnits(word) {
                    tokens.append(ExprToken(kind: .duration(v), offset: start))
                } else {
                    throw ExpressionError(offset: start, "'\(word)' is not a number or a duration (write durations like 15m or 1h30m)")
                }
                continue
            }
            if isIdentStart(c) {
                while i < s.count, isIdentStart(s[i]) || isDigit(s[i]) { i += 1 }
                scalarsBefore += i - from
                tokens.append(ExprToken(kind: .identifier(ascii(s[from..<i])), offset: start))
                continue
            }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                var out: [UInt8] = []
                i += 1; scalarsBefore += 1
                var closed = false
                while i < s.count {
                    let d = s[i]
                    if d == c { closed = true; i += 1; scalarsBefore += 1; break }
                    if d == UInt8(ascii: "\\") {
                        guard i + 1 < s.count else { break }
                        switch s[i + 1] {
                        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                        case UInt8(ascii: "'"): out.append(UInt8(ascii: "'"))
                        case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                        case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                        default:
                            throw ExpressionError(offset: scalarsBefore, "unknown escape '\\\(scalar(at: i + 1, in: s))' in a text (use \\\\ \\\" \\' \\n \\t)")
                        }
                        i += 2; scalarsBefore += 2
                        continue
                    }
                    // One scalar, copied byte for byte (a UTF-8 lead byte and its continuation bytes).
                    out.append(d)
                    i += 1
                    while i < s.count, s[i] & 0xC0 == 0x80 { out.append(s[i]); i += 1 }
                    scalarsBefore += 1
                }
                guard closed else { throw ExpressionError(offset: start, "unterminated text; close it with \(Unicode.Scalar(c))") }
                tokens.append(ExprToken(kind: .string(String(decoding: out, as: UTF8.self)), offset: start))
                continue
            }
            if i + 1 < s.count, let two = twoScalarSymbol(c, s[i + 1]) {
                tokens.append(ExprToken(kind: .symbol(two), offset: start))
                i += 2; scalarsBefore += 2
                continue
            }
            if let one = oneScalarSymbol(c) {
                tokens.append(ExprToken(kind: .symbol(one), offset: start))
                i += 1; scalarsBefore += 1
                continue
            }
            if c == UInt8(ascii: "&") || c == UInt8(ascii: "|") || c == UInt8(ascii: "=") {
                let u = Unicode.Scalar(c)
                throw ExpressionError(offset: start, "unexpected '\(u)'; did you mean '\(u)\(u)'?")
            }
            throw ExpressionError(offset: start, "unexpected character '\(scalar(at: i, in: s).escaped(asASCII: true))'")
        }
        tokens.append(ExprToken(kind: .end, offset: scalarsBefore))
        return tokens
    }

    /// The Unicode scalar whose UTF-8 starts at byte `i` of `bytes`.
    private static func scalar(at i: Int, in bytes: [UInt8]) -> Unicode.Scalar {
        var end = i + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[i..<end], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
    }

    /// The text of a run of ASCII bytes (a number, a duration or a name): a short word stays inside the string value.
    private static func ascii(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The two-scalar operator `a` and `b` spell, if any.
    private static func twoScalarSymbol(_ a: UInt8, _ b: UInt8) -> String? {
        switch (Unicode.Scalar(a), Unicode.Scalar(b)) {
        case ("&", "&"): "&&"
        case ("|", "|"): "||"
        case ("=", "="): "=="
        case ("!", "="): "!="
        case ("<", "="): "<="
        case (">", "="): ">="
        default: nil
        }
    }

    /// The one-scalar operator or bracket `c` is, if any.
    private static func oneScalarSymbol(_ c: UInt8) -> String? {
        switch Unicode.Scalar(c) {
        case "<": "<"
        case ">": ">"
        case "!": "!"
        case "(": "("
        case ")": ")"
        case "[": "["
        case "]": "]"
        case ",": ","
        case ".": "."
        case "+": "+"
        case "-": "-"
        default: nil
        }
    }
}
