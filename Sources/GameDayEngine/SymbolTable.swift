/// Interns texts as small integers so that the engine compares and looks up names without hashing strings.
public struct SymbolTable: Sendable {
    /// The interned texts, by symbol.
    public private(set) var texts: [String] = []
    private var index: [NameKey: Int32] = [:]
    /// Each symbol's position in code-point order of the texts, for the symbols present at the last `rank()`.
    private var ranks: [Int32] = []

    /// An empty table.
    public init() {}

    /// The symbol of `text`, interning it when new.
    public mutating func intern(_ text: String) -> Int32 {
        let key = NameKey(text)
        if let s = index[key] { return s }
        let s = Int32(texts.count)
        texts.append(text)
        index[key] = s
        return s
    }

    /// The symbol of `text` when it is interned.
    public func lookup(_ text: String) -> Int32? { index[NameKey(text)] }

    /// The text of symbol `s`.
    public subscript(s: Int32) -> String { texts[Int(s)] }

    /// Records every symbol's place in code-point order, so that `precedes` compares integers.
    public mutating func rank() {
        guard ranks.count != texts.count else { return }
        let order = texts.indices.sorted { NameOrder.precedes(texts[$0], texts[$1]) }
        ranks = [Int32](repeating: 0, count: texts.count)
        for (position, symbol) in order.enumerated() { ranks[symbol] = Int32(position) }
    }

    /// Whether the text of `a` sorts before the text of `b` by code points.
    @inline(__always) public func precedes(_ a: Int32, _ b: Int32) -> Bool {
        if Int(a) < ranks.count, Int(b) < ranks.count { return ranks[Int(a)] < ranks[Int(b)] }
        return NameOrder.precedes(texts[Int(a)], texts[Int(b)])
    }

    /// The number of symbols.
    public var count: Int { texts.count }
}
