import Foundation
import Testing
@testable import GameDayConsole
import GameDayEngine

/// Seeded random sessions of every drill: whatever is typed, waited, brought forward, crashed and resumed, the
/// journal replays (as `gameday run` does) to exactly the answers the console gave.
@Suite struct ReplayAgreementTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let drills = ["signing-key-compromised", "malicious-image-in-registry", "runner-compromise", "source-repo-compromise",
                         "dependency-confusion", "malicious-dependency", "oidc-trust-misconfigured", "secrets-in-prod"]

    /// The command lines of a drill's reference logs, plus some the system rejects.
    static func pool(for drill: Drill) throws -> [String] {
        var lines: [String] = []
        for kind in ["exemplary", "slow"] {
            let path = ConsoleFixture.root.appendingPathComponent("drills/responses/\(drill.id).\(kind).yaml").path
            lines += try #require(DrillLoader().loadResponseLog(path: path, drill: drill).value).actions.map(\.line)
        }
        lines += drill.injects.map { "ack \($0.id)" }
        lines += ["revoke-key ghost", "deploy nowhere nothing", "rollback checkout-api", "compromise nw-prod-signing", "declare P9", "note done"]
        return lines
    }

    @Test(arguments: drills) func journalsReplayToTheAnswersTheConsoleGave(_ id: String) throws {
        let drill = try ConsoleFixture.drill(id)
        let pool = try Self.pool(for: drill)
        let roles = drill.roles
        for seed in 0..<6 {
            var rng = Generator(state: UInt64(seed) &* 7919 &+ UInt64(id.utf8.count))
            let mode: ConsoleMode = seed % 2 == 0 ? .play : .facilitate
            var d = SessionDriver(drill, mode: mode)
            var crashed = false
            for _ in 0..<60 where d.ended == nil {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: d.type("wait")
                case 1, 2: d.type("wait \(Int.random(in: 1...900, using: &rng))s")
                case 3 where mode == .facilitate: d.type("inject \(drill.injects.randomElement(using: &rng)!.id)")
                case 4 where !crashed && Bool.random(using: &rng):
                    // Crash and resume from what is on disk, a torn line and all.
                    crashed = true
                    let torn = d.journal + "  - {at: 9"
                    let kept = String(decoding: JournalDocument.dropTornLine(Array(torn.utf8)).kept, as: UTF8.self)
                    let before = d.session.simulator.events.compactMap { if case .action(let a) = $0 { a } else { nil } }
                    d = try SessionDriver(resuming: kept, drill: drill, mode: mode)
                    let after = d.session.simulator.events.compactMap { if case .action(let a) = $0 { a } else { nil } }
                    #expect(after == before, "seed \(seed): the resumed engine answers differently")
                default:
                    let line = pool.randomElement(using: &rng)!
                    d.type(Bool.random(using: &rng) ? "\(roles.randomElement(using: &rng)!): \(line)" : line)
                }
            }
            if d.ended == nil { d.type(Int.random(in: 0..<2, using: &rng) == 0 ? "end" : "wait 1w") }
            let report = try ConsoleFixture.replay(d.journal, drill: drill)
            let live = d.session.simulator.events.compactMap { if case .action(let a) = $0 { a } else { nil } }
            #expect(report.actions == live, "seed \(seed), \(mode)")
            let liveInjects = d.session.simulator.events.compactMap { if case .inject(let t) = $0 { t } else { nil } }
            let mismatch = zip(report.injects, liveInjects).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(mismatch == nil && report.injects.count >= liveInjects.count,
                    "seed \(seed), \(mode): \(mismatch.map { "at #\($0.offset): replay \($0.element.0), live \($0.element.1)" } ?? "live has more")")
        }
    }
}
