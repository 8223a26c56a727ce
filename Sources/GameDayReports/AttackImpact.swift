import GameDayEngine

/// What the attacker achieved, what third parties and the world did, how long each bad state lasted, what was
/// still exposed at the end, and what the team averted. A move that repeats is one move, counted once.
public struct AttackImpact: Sendable {
    /// One line of the impact, at a time when it has one.
    public struct Item: Sendable, Hashable {
        /// When it happened first (nil for the state at the end).
        public var at: Int?
        /// What happened, in words (untrusted names inside: escape before output).
        public var text: String
    }

    /// Each distinct attacker move that succeeded, in time order of its first success.
    public var achieved: [Item] = []
    /// Each distinct move a third party or the world made, in time order, its mover named.
    public var others: [Item] = []
    /// How long each bad state lasted: the drill's exposures, or the windows read from the world.
    public var windows: [ExposureWindow] = []
    /// What was still exposed when the run ended.
    public var exposedAtEnd: [Item] = []
    /// Attacker moves that failed or never happened because of what the team did, distinct, in time order.
    public var averted: [Item] = []
    /// Attacker moves averted only by a forbidden move the team made: never something that went well.
    public var avertedByForbiddenMove: [Item] = []
    /// Outcomes met only by a forbidden move (outcome id → the move's title).
    public var metByForbiddenMove: [String: String] = [:]
    /// Distinct images the attacker pushed.
    public var imagesPushed: [String] = []
    /// Workloads the attacker deployed to.
    public var workloadsDeployed: [String] = []
    /// How many distinct attacker deploys went through.
    public var deploys = 0
    /// How many distinct attacker image pushes went through.
    public var pushes = 0
    /// Distinct package versions the attacker published.
    public var packagesPublished = 0
    /// Distinct commits the attacker made.
    public var commits = 0
    /// How many distinct `compromise` moves went through.
    var compromisedMoves = 0
    /// What the attacker compromised (keys, runner pools, credentials), by name.
    public var compromised: [String] = []
    /// Workloads running a malicious image at the end.
    public var maliciousWorkloads: [String] = []
    /// Credentials exposed and still active at the end.
    public var exposedCredentials: [String] = []

    /// A move seen once or more: when first, how often, and until when.
    private struct Move {
        var first: Int
        var last: Int
        var count: Int
        var text: String
    }

    /// The impact of the run in `record`.
    public init(_ record: RunRecord) {
        let world = record.world, drill = record.drill
        let forbidden = ForbiddenEffects(record)
        metByForbiddenMove = forbidden.outcomes
        var achievedMoves: [String: Move] = [:], otherMoves: [String: Move] = [:], avertedMoves: [String: Move] = [:]
        var forbiddenMoves: [String: Move] = [:]
        var achievedOrder: [String] = [], otherOrder: [String] = [], avertedOrder: [String] = [], forbiddenOrder: [String] = []
        func note(_ key: String, _ text: @autoclosure () -> String, at: Int, in moves: inout [String: Move], order: inout [String]) {
            if moves[key] == nil {
                moves[key] = Move(first: at, last: at, count: 1, text: text())
                order.append(key)
            } else {
                moves[key]!.count += 1
                moves[key]!.last = at
            }
        }
        for effect in record.report.effects {
            let mover = drill.inject(effect.inject).map(Mover.init) ?? Mover(kind: .attacker, name: nil)
            let key = mover.label + "\u{0}" + effect.command
            if let reason = effect.outcome.reason, mover.kind != .attacker {
                note(key, "\(mover.label): \(effect.command) — did not apply: \(reason)", at: effect.at, in: &otherMoves, order: &otherOrder)
                continue
            }
            if let reason = effect.outcome.reason {
                if let move = forbidden.averted[.init(inject: effect.inject, at: effect.at, command: effect.command)] {
                    note(key, "\(effect.command) — averted: \(reason); only because of the forbidden move “\(move)”",
                         at: effect.at, in: &forbiddenMoves, order: &forbiddenOrder)
                } else {
                    note(key, "\(effect.command) — averted: \(reason)", at: effect.at, in: &avertedMoves, order: &avertedOrder)
                }
                continue
            }
            guard let command = Self.parse(effect.command) else { continue }
            if mover.kind == .attacker {
                if achievedMoves[key] == nil { Self.count(command, impact: &self) }
                note(key, Self.describe(command, world: world), at: effect.at, in: &achievedMoves, order: &achievedOrder)
            } else {
                note(key, "\(mover.label): \(Self.describe(command, world: world))", at: effect.at, in: &otherMoves, order: &otherOrder)
            }
        }
        for trace in record.report.injects where trace.status == .skipped {
            guard let inject = drill.inject(trace.id), !inject.effects.isEmpty, Mover(inject).kind == .attacker else { continue }
            let moves = inject.effects.map(\.text).joined(separator: "; ")
            let text = "\(inject.id) did not happen: its condition no longer held (\(moves))"
            if let move = forbidden.averted[.init(inject: trace.id, at: trace.at, command: "")] {
                note("skipped\u{0}" + inject.id, text + "; only because of the forbidden move “\(move)”", at: trace.at,
                     in: &forbiddenMoves, order: &forbiddenOrder)
            } else {
                note("skipped\u{0}" + inject.id, text, at: trace.at, in: &avertedMoves, order: &avertedOrder)
            }
        }
        func items(_ moves: [String: Move], _ order: [String]) -> [Item] {
            order.map { key in
                let m = moves[key]!
                let repeats = m.count > 1 ? " (\(m.count) times, the last at \(record.clock.label(m.last)))" : ""
                return Item(at: m.first, text: m.text + repeats)
            }
        }
        achieved = items(achievedMoves, achievedOrder)
        others = items(otherMoves, otherOrder)
        averted = items(avertedMoves, avertedOrder)
        avertedByForbiddenMove = items(forbiddenMoves, forbiddenOrder)
        windows = ExposureWindow.of(record)
        exposedAtEnd = Self.exposures(world, impact: &self)
    }

    /// Keeps count of the first success of each distinct attacker move, for the summary.
    private static func count(_ command: ParsedCommand, impact: inout AttackImpact) {
        let p = command.positionals
        switch command.verb {
        case "push-image" where p.count == 1:
            impact.pushes += 1
            if !impact.imagesPushed.contains(p[0]) { impact.imagesPushed.append(p[0]) }
        case "deploy" where p.count == 2:
            impact.deploys += 1
            if !impact.workloadsDeployed.contains(p[0]) { impact.workloadsDeployed.append(p[0]) }
        case "publish-package" where p.count == 1: impact.packagesPublished += 1
        case "commit" where p.count == 2: impact.commits += 1
        case "compromise" where p.count == 1:
            impact.compromisedMoves += 1
            if !impact.compromised.contains(p[0]) { impact.compromised.append(p[0]) }
        default:
            break
        }
    }

    /// How many distinct attacker moves were neither image pushes nor deploys.
    var otherAttackerMoves: Int { achieved.count - deploys - pushes - packagesPublished - commits - compromisedMoves }

    private static func describe(_ command: ParsedCommand, world: WorldReader) -> String {
        let p = command.positionals
        switch command.verb {
        case "push-image" where p.count == 1:
            var text = "pushed image \(p[0])"
            if let registry = command.option("--registry") { text += " to \(registry)" }
            if let i = world.find(.images, p[0]) {
                text += world.text(.images, i, "signed_by").map { ", signed by \($0)" } ?? ", unsigned"
            }
            if command.has("--malicious") { text += " (malicious)" }
            return text
        case "deploy" where p.count == 2:
            return "deployed \(p[1]) to workload \(p[0])"
        case "commit" where p.count == 2:
            return "committed \(p[1]) to repo \(p[0])" + (command.has("--malicious") ? " (malicious)" : "")
        case "publish-package" where p.count == 1:
            return "published package version \(p[0])" + (command.has("--malicious") ? " (malicious)" : "")
        case "compromise" where p.count == 1:
            return "compromised \(p[0])"
        case "rebuild" where p.count == 1:
            return "rebuilt \(p[0])" + (command.option("--as").map { " as \($0)" } ?? "") + (command.option("--from").map { " from \($0)" } ?? "")
        case "unpublish" where p.count == 1:
            return "unpublished package version \(p[0])"
        default:
            return "ran \(command.text)"
        }
    }

    private static func exposures(_ world: WorldReader, impact: inout AttackImpact) -> [Item] {
        var items: [Item] = []
        for w in world.entities(.workloads) {
            guard let image = world.text(.workloads, w, "image"), let i = world.find(.images, image),
                  world.flag(.images, i, "malicious") else { continue }
            impact.maliciousWorkloads.append(world.name(.workloads, w))
            items.append(Item(text: "workload \(world.name(.workloads, w)) runs the malicious image \(image)"))
        }
        for c in world.entities(.credentials)
        where world.flag(.credentials, c, "exposed") && world.text(.credentials, c, "state") == "active" {
            impact.exposedCredentials.append(world.name(.credentials, c))
            items.append(Item(text: "credential \(world.name(.credentials, c)) is exposed and still active"))
        }
        let trusted = world.state.trustedKeys.map { world.symbols[$0] }
        for k in world.entities(.keys)
        where world.flag(.keys, k, "compromised") && world.text(.keys, k, "state") == "active" {
            let name = world.name(.keys, k)
            items.append(Item(text: "key \(name) is compromised and still active" + (trusted.contains(name) ? " and trusted by admission" : "")))
        }
        for p in world.entities(.runnerPools) where world.flag(.runnerPools, p, "compromised") && world.flag(.runnerPools, p, "enabled") {
            items.append(Item(text: "runner pool \(world.name(.runnerPools, p)) is compromised and still enabled"))
        }
        for r in world.entities(.repos) {
            let commits = world.list(.repos, r, "malicious_commits")
            if !commits.isEmpty {
                items.append(Item(text: "repo \(world.name(.repos, r)) still holds malicious commits: \(commits.joined(separator: ", "))"))
            }
        }
        for p in world.entities(.packages) {
            let bad = world.list(.packages, p, "malicious_versions")
            guard !bad.isEmpty, !world.flag(.packages, p, "blocked"), world.text(.packages, p, "pinned") == nil else { continue }
            items.append(Item(text: "package \(world.name(.packages, p)) still resolves to its malicious version \(bad.last!)"))
        }
        for i in world.entities(.images)
        where world.flag(.images, i, "malicious") && !world.flag(.images, i, "deleted") && !world.flag(.images, i, "quarantined") {
            items.append(Item(text: "image \(world.name(.images, i)) is malicious and neither quarantined nor deleted"))
        }
        return items
    }

    private static func parse(_ line: String) -> ParsedCommand? {
        guard let words = try? ShellWords.split(line), case .success(let command) = CommandParser.parse(words: words, text: line) else { return nil }
        return command
    }
}
