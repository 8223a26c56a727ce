import Foundation
import Testing
@testable import GameDayEngine

/// After each event the simulator evaluates only the checks that read what changed and are not settled for the run:
/// through a bit mask with at most 64 checks, through a loop with more. Both give the results the rules give.
@Suite struct CheckSelectionTests {
    /// `outcomes` outcomes in a repeating pattern of three, and one forbidden move.
    private func drill(outcomes: Int) throws -> Harness {
        var lines = ["expect:"]
        for i in 0..<outcomes {
            switch i % 3 {
            case 0: lines.append("  - {id: paged-\(i), phase: detect, check: '\"security-lead\" in paged', within: 10m}")
            case 1: lines.append("  - {id: revoked-\(i), phase: contain, check: 'keys[\"prod\"].state == \"disabled\"', within: 15m}")
            default: lines.append("  - {id: distrusted-\(i), phase: recover, hold: true, check: '!(\"prod\" in admission.trusted_keys)'}")
            }
        }
        lines += ["forbid:", "  - {id: revoked-prod, check: 'done(\"revoke-key\", \"prod\")', penalty: 1}"]
        return try Harness(lines.joined(separator: "\n") + "\n")
    }

    @Test(arguments: [10, 63, 64, 70])
    func onlyChangedUnsettledChecksAreEvaluatedWithTheRulesResults(outcomes: Int) throws {
        let h = try drill(outcomes: outcomes)
        #expect((CompiledDrill(h.drill).body.checks.readers == nil) == (outcomes + 1 > 64))
        let report = h.run([("5m", "page security-lead"), ("10m", "distrust-key prod"), ("12m", "trust-key prod"),
                            ("20m", "revoke-key prod"), ("30m", "distrust-key prod")])
        #expect(report.actions.allSatisfy { $0.outcome == .applied }, "\(report.actions.map(\.outcome))")
        #expect(report.outcomes.count == outcomes)
        for (i, outcome) in report.outcomes.enumerated() {
            switch i % 3 {
            case 0: #expect(outcome.status == .met && outcome.metAt == 300, "\(outcome.id)")
            // Met at 20m, five minutes after its 15-minute deadline.
            case 1: #expect(outcome.status == .late && outcome.metAt == 1200, "\(outcome.id)")
            // A hold outcome: true at 10m, false at 12m, true again from 30m to the end.
            default: #expect(outcome.status == .met && outcome.metAt == 1800, "\(outcome.id)")
            }
        }
        #expect(report.violations.map(\.at) == [1200])
    }
}
