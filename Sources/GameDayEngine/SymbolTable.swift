/// Interns texts as small integers so that the engine compares and looks up names without hashing strings.
public struct SymbolTable: Sendable {
    /// The interned texts, by symbol.
    public private(set) var texts: [String] = []
    private var index: [NameKey: Int32] = [:]

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

    /// The number of symbols.
    public var count: Int { texts.count }
}
