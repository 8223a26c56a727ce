/// Compares names as sequences of Unicode code points, with no normalisation (spec 9.21).
public enum NameOrder {
    /// True when `a` sorts before `b` by code points.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// True when `a` and `b` are the same code points.
    public static func same(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }
}

/// A dictionary key that compares strings by code points, not by canonical equivalence.
public struct NameKey: Hashable, Sendable {
    /// The name.
    public let text: String
    /// Wraps a name.
    public init(_ text: String) { self.text = text }
    /// Equal when the code points are equal.
    public static func == (lhs: NameKey, rhs: NameKey) -> Bool { NameOrder.same(lhs.text, rhs.text) }
    /// Hashes the code points.
    public func hash(into hasher: inout Hasher) {
        for s in text.unicodeScalars { hasher.combine(s.value) }
    }
}
