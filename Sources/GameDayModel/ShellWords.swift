/// Splits a command line into words the way a POSIX shell removes quotes, with no expansion and no comments.
///
/// The line is read as Unicode scalars, as POSIX reads bytes: a quote, a space or a backslash is seen even when a
/// combining mark follows it (which would make it part of one grapheme cluster), and CR LF separates words.
public enum ShellWords {
    /// Why a line cannot be split.
    public enum Failure: Error, Sendable, Equatable {
        /// A quote is opened and never closed; the quote and its offset in Unicode scalars.
        case unterminatedQuote(Character, offset: Int)
        /// A backslash ends the line.
        case trailingBackslash
    }

    /// The words of `line`.
    public static func split(_ line: String) throws(Failure) -> [String] {
        let scalars = Array(line.unicodeScalars)
        var words: [String] = []
        var current = ScalarWriter()
        var inWord = false
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current.take()); inWord = false }
            case "'":
                inWord = true
                var close = i + 1
                while close < scalars.count, scalars[close] != "'" { close += 1 }
                guard close < scalars.count else { throw .unterminatedQuote("'", offset: i) }
                current.append(contentsOf: scalars[(i + 1)..<close])
                i = close
            case "\"":
                inWord = true
                var j = i + 1
                var closed = false
                while j < scalars.count {
                    let d = scalars[j]
                    if d == "\"" { closed = true; break }
                    if d == "\\", j + 1 < scalars.count, ["$", "`", "\"", "\\", "\n"].contains(scalars[j + 1]) {
                        if scalars[j + 1] != "\n" { current.append(scalars[j + 1]) }
                        j += 2
                        continue
                    }
                    current.append(d)
                    j += 1
                }
                guard closed else { throw .unterminatedQuote("\"", offset: i) }
                i = j
            case "\\":
                guard i + 1 < scalars.count else { throw .trailingBackslash }
                if scalars[i + 1] != "\n" { current.append(scalars[i + 1]); inWord = true }
                i += 1
            default:
                current.append(c)
                inWord = true
            }
            i += 1
        }
        if inWord { words.append(current.take()) }
        return words
    }

    /// Scalars a word may hold and still be written without quotes.
    private static func isBare(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        case "-", "_", ".", "/", ":", "@", "=", "+", ",", "%", "^": return true
        default: return scalar.value >= 0x80 && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
                     && scalar.properties.generalCategory != .nonspacingMark && scalar.properties.generalCategory != .spacingMark
                     && scalar.properties.generalCategory != .enclosingMark
        }
    }

    /// Quotes `word` so that `split` gives it back unchanged (scalar for scalar).
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.unicodeScalars.allSatisfy(isBare) { return word }
        var out = String.UnicodeScalarView()
        out.append("'")
        for scalar in word.unicodeScalars {
            if scalar == "'" { out.append(contentsOf: "'\\''".unicodeScalars) } else { out.append(scalar) }
        }
        out.append("'")
        return String(out)
    }
}
