import GameDayEngine

/// Who made an inject's move: the attacker, a third party (a vendor purging tokens, a code host disabling an
/// action) or the world itself (a nightly build). Only the attacker's moves are "what the attacker achieved".
public struct Mover: Sendable, Hashable {
    /// The three kinds of mover (spec 3.1, `actor`).
    public enum Kind: String, Sendable, Hashable {
        /// The attacker.
        case attacker
        /// A third party.
        case thirdParty = "third-party"
        /// The world.
        case world
    }

    /// Which kind.
    public var kind: Kind
    /// Who, when the inject's `from` names them (untrusted text).
    public var name: String?

    /// The mover of `inject`'s effects.
    ///
    /// The inject's `actor` decides (v1.1). A drill written before `actor` existed marks every move the attacker's,
    /// so one more rule keeps a vendor's message from being read as an attack: an inject with a `from` that does not
    /// say attacker, none of whose effects is an attacker-only command, is that sender's move (a third party's).
    public init(_ inject: Inject) {
        switch inject.actor {
        case .thirdParty: self.init(kind: .thirdParty, name: inject.from)
        case .world: self.init(kind: .world, name: inject.from)
        case .attacker:
            let attackerOnly = inject.effects.contains { CommandSpec.named($0.verb)?.attackerOnly == true }
            if let from = inject.from, !from.lowercased().contains("attacker"), !attackerOnly {
                self.init(kind: .thirdParty, name: from)
            } else {
                self.init(kind: .attacker, name: nil)
            }
        }
    }

    /// A mover.
    public init(kind: Kind, name: String?) {
        self.kind = kind
        self.name = name
    }

    /// `attacker`, `third party (registry-security)`, `the world (nightly)`.
    public var label: String {
        switch kind {
        case .attacker: "attacker"
        case .thirdParty: "third party" + (name.map { " (\($0))" } ?? "")
        case .world: "the world" + (name.map { " (\($0))" } ?? "")
        }
    }

    /// The timeline lane and CSS class word: `attacker`, `third-party`, `world`.
    public var lane: String { kind.rawValue }
}
