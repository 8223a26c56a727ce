import Foundation
import Testing
@testable import YAMLNode

/// Names compare by Unicode code points with no normalisation (spec 9.21): checked against the UTF-8 bytes compared
/// one at a time, an independent reading of the same rule.
@Suite struct NameOrderTests {
    /// The reference: byte arrays, lexicographically.
    private static func bytesPrecede(_ a: String, _ b: String) -> Bool { Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }

    @Test func canonicallyEquivalentNamesAreNotTheSame() {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed, "Swift's == normalises: the reason NameOrder exists")
        #expect(!NameOrder.same(composed, decomposed))
        #expect(NameOrder.precedes(decomposed, composed), "U+0065 U+0301 comes before U+00E9")
        #expect(!NameOrder.precedes(composed, decomposed))
        #expect(NameKey(composed) != NameKey(decomposed))
        #expect(Set([NameKey(composed), NameKey(decomposed)]).count == 2)
    }

    @Test func prefixesEmptyNamesAndLongNames() {
        let long = String(repeating: "runner-pool-", count: 20)
        #expect(NameOrder.same("", ""))
        #expect(!NameOrder.same("", "a") && !NameOrder.same("a", ""))
        #expect(NameOrder.precedes("", "a") && !NameOrder.precedes("a", "") && !NameOrder.precedes("", ""))
        #expect(NameOrder.precedes("key", "key-2") && !NameOrder.precedes("key-2", "key"))
        #expect(NameOrder.same(long + "a", long + "a") && !NameOrder.same(long + "a", long + "b"))
        #expect(NameOrder.precedes(long + "a", long + "b") && !NameOrder.precedes(long + "b", long + "a"))
        #expect(!NameOrder.precedes(long, long))
        #expect(NameOrder.precedes("Z", "a"), "code points, not a case-insensitive or locale order")
        #expect(NameOrder.precedes("z", "\u{E9}") && NameOrder.precedes("\u{E9}", "\u{1F600}"))
    }

    @Test func aBridgedStringComparesLikeANativeOne() {
        // An NSString-backed String may not hold contiguous UTF-8: the comparison must not depend on that.
        let bridged = NSString(string: "prod-signing-\u{E9}") as String
        #expect(NameOrder.same(bridged, "prod-signing-\u{E9}"))
        #expect(!NameOrder.same(bridged, "prod-signing-e\u{301}"))
        #expect(NameOrder.precedes("prod-signing", bridged) && !NameOrder.precedes(bridged, "prod-signing"))
    }

    @Test func randomNamesAgreeWithTheirBytes() {
        let alphabet: [String] = ["a", "b", "z", "A", "-", "0", "\u{E9}", "e\u{301}", "\u{1F600}", "\u{5C5}", "\u{0}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        func name() -> String { (0..<(next() % 40)).map { _ in alphabet[next() % alphabet.count] }.joined() }
        for _ in 0..<2000 {
            let a = name(), b = next() % 4 == 0 ? a : name()
            #expect(NameOrder.same(a, b) == (Array(a.utf8) == Array(b.utf8)), "\(Array(a.utf8)) \(Array(b.utf8))")
            #expect(NameOrder.precedes(a, b) == Self.bytesPrecede(a, b), "\(Array(a.utf8)) \(Array(b.utf8))")
        }
    }
}
