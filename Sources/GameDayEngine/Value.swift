/// A run-time value of the expression language; texts are symbols of the run's `SymbolTable`.
public enum Value: Sendable, Hashable {
    /// `null`.
    case null
    /// A bool.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A duration in seconds.
    case duration(Int)
    /// A text.
    case text(Int32)
    /// A list of texts, shared with the world's storage.
    case texts([Int32])
    /// A list of other values.
    case list([Value])
    /// Entity `index` of a collection.
    case entity(Collection, Int)
    /// A whole world collection.
    case collection(Collection)
    /// The admission policy.
    case admission
    /// The incident record.
    case incident
    /// Story `index` of `stories`.
    case story(Int)

    /// True only for `.bool(true)`; null and everything else are false.
    @inline(__always) public var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }

    /// The symbol when the value is a text.
    @inline(__always) public var symbol: Int32? {
        if case .text(let s) = self { return s }
        return nil
    }
}
