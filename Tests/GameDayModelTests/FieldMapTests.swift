import Foundation
import Testing
@testable import GameDayModel
@testable import YAMLNode

/// `FieldMap` against a plain list of (name, value) pairs kept by hand: the same look-ups, replacements, removals and
/// order, below and past the size where it starts an index.
@Suite struct FieldMapTests {
    private static func node(_ text: String, line: Int) -> Node {
        Node(.scalar(Node.Scalar(text: text, style: .plain, tag: nil)), at: SourceLocation(file: "t.yaml", line: line, column: 1))
    }

    private static func entry(_ n: Int) -> FieldMap.Entry { (node("k\(n)", line: n), node("v\(n)", line: n)) }

    @Test func fieldsKeepTheirOrderAndAreFoundByName() {
        var map = FieldMap(capacity: 3)
        map["title"] = Self.entry(1)
        map["check"] = Self.entry(2)
        map["within"] = Self.entry(3)
        #expect(map.keys == ["title", "check", "within"])
        #expect(map["check"]?.value.text == "v2" && map["missing"] == nil)
        map["title"] = Self.entry(4)
        #expect(map.keys == ["title", "check", "within"], "a replaced field keeps its place")
        #expect(map["title"]?.value.location.line == 4)
        map["check"] = nil
        #expect(map.keys == ["title", "within"] && map.count == 2 && map["check"] == nil)
        #expect(map.map(\.key) == ["title", "within"])
        let literal: FieldMap = ["a": Self.entry(1)]
        #expect(literal.keys == ["a"] && !literal.isEmpty && FieldMap().isEmpty)
    }

    @Test func namesCompareByCodePoints() {
        var map = FieldMap()
        map["caf\u{E9}"] = Self.entry(1)
        #expect(map["cafe\u{301}"] == nil, "canonically equivalent is not the same name (spec 9.21)")
        map["cafe\u{301}"] = Self.entry(2)
        #expect(map.count == 2 && map["caf\u{E9}"]?.value.text == "v1" && map["cafe\u{301}"]?.value.text == "v2")
    }

    @Test func manyFieldsAgreeWithAReferenceList() {
        var map = FieldMap()
        var reference: [(String, Int)] = []
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % n
        }
        for step in 0..<3000 {
            let name = "field-\(next(60))"
            switch next(4) {
            case 0:
                map[name] = nil
                reference.removeAll { $0.0 == name }
            default:
                map[name] = Self.entry(step)
                if let i = reference.firstIndex(where: { $0.0 == name }) { reference[i].1 = step } else { reference.append((name, step)) }
            }
            #expect(map.keys == reference.map(\.0))
            let probe = "field-\(next(60))"
            #expect(map[probe]?.value.location.line == reference.first { $0.0 == probe }?.1)
        }
        #expect(map.count > FieldMap.indexLimit, "the run reached the indexed size")
    }
}
