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
struct ExpressionLexer {
    static func tokenize(_ text: String) throws(ExpressionError) -> [ExprToken] {
        let s = Array(text.unicodeScalars)
        var tokens: [ExprToken] = []
        var i = 0
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        func isIdentStart(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_" }
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            let start = i
            if isDigit(c) {
                while i < s.count, isDigit(s[i]) || isIdentStart(s[i]) { i += 1 }
                let word = ascii(s[start..<i])
                if i < s.count, s[i] == ":", word.unicodeScalars.allSatisfy(isDigit) {
                    throw ExpressionError(offset: start, "durations in expressions use units, like 45m or 1h30m, not the clock form")
                }
                if word.unicodeScalars.allSatisfy(isDigit) {
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
                tokens.append(ExprToken(kind: .identifier(ascii(s[start..<i])), offset: start))
                continue
            }
            if c == "\"" || c == "'" {
                var out = ScalarWriter()
                i += 1
                var closed = false
                while i < s.count {
                    let d = s[i]
                    if d == c { closed = true; i += 1; break }
                    if d == "\\" {
                        guard i + 1 < s.count else { break }
                        switch s[i + 1] {
                        case "\\": out.append("\\")
                        case "\"": out.append("\"")
                        case "'": out.append("'")
                        case "n": out.append("\n")
                        case "t": out.append("\t")
                        default: throw ExpressionError(offset: i, "unknown escape '\\\(s[i + 1])' in a text (use \\\\ \\\" \\' \\n \\t)")
                        }
                        i += 2
                        continue
                    }
                    out.append(d)
                    i += 1
                }
                guard closed else { throw ExpressionError(offset: start, "unterminated text; close it with \(c)") }
                tokens.append(ExprToken(kind: .string(out.take()), offset: start))
                continue
            }
            if i + 1 < s.count, let two = twoScalarSymbol(c, s[i + 1]) {
                tokens.append(ExprToken(kind: .symbol(two), offset: start))
                i += 2
                continue
            }
            if let one = oneScalarSymbol(c) {
                tokens.append(ExprToken(kind: .symbol(one), offset: start))
                i += 1
                continue
            }
            if c == "&" || c == "|" || c == "=" {
                throw ExpressionError(offset: start, "unexpected '\(c)'; did you mean '\(c)\(c)'?")
            }
            throw ExpressionError(offset: start, "unexpected character '\(c.escaped(asASCII: true))'")
        }
        tokens.append(ExprToken(kind: .end, offset: s.count))
        return tokens
    }

    /// The text of a run of ASCII scalars (a number, a duration or a name), written straight into a new string: no
    /// scalar-by-scalar append, and a short word stays inside the string value.
    private static func ascii(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count) { buffer in
            for (k, scalar) in scalars.enumerated() { buffer[k] = UInt8(truncatingIfNeeded: scalar.value) }
            return scalars.count
        }
    }

    /// The two-scalar operator `a` and `b` spell, if any.
    private static func twoScalarSymbol(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> String? {
        switch (a, b) {
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
    private static func oneScalarSymbol(_ c: Unicode.Scalar) -> String? {
        switch c {
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
