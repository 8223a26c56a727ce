/// Compares names as sequences of Unicode code points, with no normalisation (spec 9.21).
///
/// UTF-8 keeps code-point order and is one-to-one, so both questions are answered on the UTF-8 bytes.
public enum NameOrder {
    /// True when `a` sorts before `b` by code points.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// True when `a` and `b` are the same code points.
    public static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8)
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
    /// Hashes the UTF-8 bytes (the same code points give the same bytes).
    public func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(text.utf8.count)
    }
}
