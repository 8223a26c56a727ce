import GameDayEngine

/// What the attacker achieved, what was still exposed at the end, and what the team averted.
public struct AttackImpact: Sendable {
    /// One line of the impact, at a time when it has one.
    public struct Item: Sendable, Hashable {
        /// When it happened (nil for the state at the end).
        public var at: Int?
        /// What happened, in words (untrusted names inside: escape before output).
        public var text: String
    }

    /// Each attacker move that succeeded, in time order.
    public var achieved: [Item] = []
    /// What was still exposed when the run ended.
    public var exposedAtEnd: [Item] = []
    /// Attacker moves that failed or never happened because of what the team did.
    public var averted: [Item] = []
    /// Images the attacker pushed.
    public var imagesPushed: [String] = []
    /// Workloads the attacker deployed to.
    public var workloadsDeployed: [String] = []
    /// How many attacker deploys went through.
    public var deploys = 0
    /// Workloads running a malicious image at the end.
    public var maliciousWorkloads: [String] = []
    /// Credentials exposed and still active at the end.
    public var exposedCredentials: [String] = []

    /// The impact of the run in `record`.
    public init(_ record: RunRecord) {
        let world = record.world
        for effect in record.report.effects {
            guard let command = Self.parse(effect.command) else { continue }
            if let reason = effect.outcome.reason {
                averted.append(Item(at: effect.at, text: "\(effect.command) — averted: \(reason)"))
                continue
            }
            achieved.append(Item(at: effect.at, text: describe(command, world: world)))
        }
        for trace in record.report.injects where trace.status == .skipped {
            guard let inject = record.drill.inject(trace.id), !inject.effects.isEmpty else { continue }
            let moves = inject.effects.map(\.text).joined(separator: "; ")
            averted.append(Item(at: trace.at, text: "\(inject.id) did not happen: its condition no longer held (\(moves))"))
        }
        exposedAtEnd = Self.exposures(world, impact: &self)
    }

    private mutating func describe(_ command: ParsedCommand, world: WorldReader) -> String {
        let p = command.positionals
        switch command.verb {
        case "push-image" where p.count == 1:
            imagesPushed.append(p[0])
            var text = "pushed image \(p[0])"
            if let registry = command.option("--registry") { text += " to \(registry)" }
            if let i = world.find(.images, p[0]) {
                text += world.text(.images, i, "signed_by").map { ", signed by \($0)" } ?? ", unsigned"
            }
            if command.has("--malicious") { text += " (malicious)" }
            return text
        case "deploy" where p.count == 2:
            deploys += 1
            if !workloadsDeployed.contains(p[0]) { workloadsDeployed.append(p[0]) }
            return "deployed \(p[1]) to workload \(p[0])"
        case "commit" where p.count == 2:
            return "committed \(p[1]) to repo \(p[0])" + (command.has("--malicious") ? " (malicious)" : "")
        case "publish-package" where p.count == 1:
            return "published package version \(p[0])" + (command.has("--malicious") ? " (malicious)" : "")
        case "compromise" where p.count == 1:
            return "compromised \(p[0])"
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
