/// Splits a command line into words the way a POSIX shell removes quotes, with no expansion and no comments.
public enum ShellWords {
    /// Why a line cannot be split.
    public enum Failure: Error, Sendable, Equatable {
        /// A quote is opened and never closed; the offset of the quote.
        case unterminatedQuote(Character, offset: Int)
        /// A backslash ends the line.
        case trailingBackslash
    }

    /// The words of `line`.
    public static func split(_ line: String) throws(Failure) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current); current = ""; inWord = false }
            case "'":
                inWord = true
                guard let close = chars[(i + 1)...].firstIndex(of: "'") else { throw .unterminatedQuote("'", offset: i) }
                current += String(chars[(i + 1)..<close])
                i = close
            case "\"":
                inWord = true
                var j = i + 1
                var closed = false
                while j < chars.count {
                    let d = chars[j]
                    if d == "\"" { closed = true; break }
                    if d == "\\", j + 1 < chars.count, ["$", "`", "\"", "\\", "\n"].contains(chars[j + 1]) {
                        if chars[j + 1] != "\n" { current.append(chars[j + 1]) }
                        j += 2
                        continue
                    }
                    current.append(d)
                    j += 1
                }
                guard closed else { throw .unterminatedQuote("\"", offset: i) }
                i = j
            case "\\":
                guard i + 1 < chars.count else { throw .trailingBackslash }
                if chars[i + 1] != "\n" { current.append(chars[i + 1]); inWord = true }
                i += 1
            default:
                current.append(c)
                inWord = true
            }
            i += 1
        }
        if inWord { words.append(current) }
        chars.removeAll()
        return words
    }

    /// Quotes `word` so that `split` gives it back unchanged.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:@=+,%^".contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
