import GameDayEngine

extension FuzzTarget {
    /// The command-line splitter: any text splits or fails cleanly, and quoting each word splits back to the words,
    /// scalar for scalar (spec 9.13: POSIX quote removal).
    static let commandLine = FuzzTarget("command-line", "ShellWords.split and ShellWords.quote") { bytes in
        let line = FuzzFixtures.text(bytes)
        let scalars = line.unicodeScalars.count
        let words: [String]
        do throws(ShellWords.Failure) {
            words = try ShellWords.split(line)
        } catch {
            if case .unterminatedQuote(_, let offset) = error, offset < 0 || offset >= scalars { return "a quote at offset \(offset) of \(scalars)" }
            return nil
        }
        let same = { (a: [String], b: [String]) in a.map { Array($0.unicodeScalars) } == b.map { Array($0.unicodeScalars) } }
        for word in words {
            guard let back = try? ShellWords.split(ShellWords.quote(word)), same(back, [word]) else {
                return "quote(\(word.debugDescription)) does not split back to the word"
            }
        }
        let joined = words.map(ShellWords.quote).joined(separator: " ")
        guard let again = try? ShellWords.split(joined), same(again, words) else { return "the quoted words do not split back: \(joined.debugDescription)" }
        _ = CommandParser.parse(words: words, text: line)
        return nil
    }
}
