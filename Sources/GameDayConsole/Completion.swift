/// What tab completion found for the word before the cursor.
public struct Completion: Sendable, Hashable {
    /// Where the word being completed starts, in characters of the line.
    public var wordStart: Int
    /// The word as typed so far.
    public var word: String
    /// Every candidate that starts with the word, sorted.
    public var candidates: [String]
    /// What to put in place of the word: the one candidate (quoted when needed) and a space, or the candidates'
    /// longest common prefix when that is longer than the word; nil when there is nothing to add.
    public var replacement: String?

    /// Creates a completion.
    public init(wordStart: Int, word: String, candidates: [String], replacement: String?) {
        self.wordStart = wordStart
        self.word = word
        self.candidates = candidates
        self.replacement = replacement
    }
}
