#if canImport(Glibc)
import Glibc
#endif

/// Compares names as sequences of Unicode code points, with no normalisation (spec 9.21).
///
/// UTF-8 keeps code-point order and is one-to-one, so both questions are answered on the UTF-8 bytes, compared with
/// `memcmp` where the strings hold them contiguously (every native string does) rather than a byte at a time.
public enum NameOrder {
    /// True when `a` sorts before `b` by code points.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let order = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let common = min(x.count, y.count)
                let sign = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return sign != 0 ? sign < 0 : x.count < y.count
            }
        }
        return (order ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// True when `a` and `b` are the same code points: the same UTF-8 bytes, compared with `memcmp` (Swift's `==`
    /// would also look for canonical equivalence, which names do not have, spec 9.21).
    ///
    /// Two strings with the same two words are the same value, so those are compared first: a short name is stored
    /// in the words themselves, and a key looked up by the literal it was stored under matches at once.
    public static func same(_ a: String, _ b: String) -> Bool {
        if unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return true }
        guard a.utf8.count == b.utf8.count else { return false }
        let equal = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
        return (equal ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }
}

extension NameOrder {
    /// The position of the first of `names` that is the same name as `name` (by code points), or nil.
    ///
    /// A list of field names is searched for every key of every mapping, so this is done in two passes over the
    /// array's storage, neither of which copies (retains) an element: first for a string with the same two words
    /// as `name` (a short name is held in its words, and a literal shares its words with every copy of it), then,
    /// only when that finds none, for the same bytes among the names of the same length.
    public static func position(of name: String, in names: [String]) -> Int? {
        let words = unsafeBitCast(name, to: (UInt64, UInt64).self)
        let found = names.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            for i in 0..<buffer.count where raw.load(fromByteOffset: i * MemoryLayout<String>.stride, as: (UInt64, UInt64).self) == words {
                return i
            }
            return -1
        }
        guard found == -1 else { return found }
        let count = name.utf8.count
        for i in names.indices where names[i].utf8.count == count && same(names[i], name) { return i }
        return nil
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
        let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil {
            var copy = text
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        hasher.combine(text.utf8.count)
    }
}
