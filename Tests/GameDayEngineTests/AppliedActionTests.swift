import Foundation
import Testing
@testable import GameDayEngine

/// `done` and `done_by` over applied actions with short and long signatures, before and past the count where the
/// context keeps every prefix in a set instead of scanning, checked against the times the log gives: each outcome is
/// met exactly when the action it names is applied, and never when no action starts with its words.
@Suite struct AppliedActionTests {
    private static let body = """
    expect:
      - {id: short, phase: detect, check: 'done("note", "a", "b")', within: 2h}
      - {id: long-prefix, phase: detect, check: 'done("note", "a", "b", "c", "d")', within: 2h}
      - {id: long-whole, phase: detect, check: 'done("note", "a", "b", "c", "d", "e", "f")', within: 2h}
      - {id: long-wrong, phase: detect, check: 'done("note", "a", "b", "c", "d", "x")', within: 2h}
      - {id: by-role, phase: detect, check: 'done_by("security-lead", "note", "a", "b", "c", "d", "e")', within: 2h}
      - {id: by-other, phase: detect, check: 'done_by("on-call", "note", "a", "b", "c", "d", "e")', within: 2h}
      - {id: late-short, phase: contain, check: 'done("page", "security-lead")', within: 2h}

    """

    @Test(arguments: [0, 40])
    func shortLongAndManyActionsAreFoundByPrefixAndRole(padding: Int) throws {
        let h = try Harness(Self.body)
        // `padding` notes first (40 takes the context past its scan limit, to the prefix set), then the actions named.
        var actions: [(String, String?, String)] = (0..<padding).map { _ in ("1m", "on-call", "note filler") }
        actions += [("5m", "on-call", "note a b"),
                    ("10m", "security-lead", "note a b c d e f g"),
                    ("20m", "on-call", "page security-lead")]
        let report = h.run(by: actions)
        let metAt = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.id, $0.metAt) })
        #expect(metAt["short"] == 300)
        #expect(metAt["long-prefix"] == 600)
        #expect(metAt["long-whole"] == 600)
        #expect(metAt["long-wrong"] == .some(nil))
        #expect(metAt["by-role"] == 600)
        #expect(metAt["by-other"] == .some(nil))
        #expect(metAt["late-short"] == 1200)
    }
}
