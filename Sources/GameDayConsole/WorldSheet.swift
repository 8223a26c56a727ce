import GameDayEngine

/// The world as the team may see it: the entities they can act on, without what would give the drill away.
///
/// Built from the drill's world at T0 (an entity the attacker adds later is not listed), without the fields that
/// say what is bad (`compromised`, `malicious`, `malicious_commits`, `malicious_versions`, `exposed`, a repo's
/// `head`) and without the detections' `enabled` (whether an alert can come is for the team to find out).
public struct WorldSheet: Sendable, Hashable {
    /// One entity's row.
    public struct Row: Sendable, Hashable {
        /// The entity's name.
        public var name: String
        /// Its visible fields as `field: value` texts, in field order.
        public var facts: [String]
    }

    /// One collection's rows.
    public struct Section: Sendable, Hashable {
        /// The collection.
        public var collection: Collection
        /// Its entities, by name.
        public var rows: [Row]
    }

    /// The fields never shown to the team.
    public static let hiddenFields: Set<String> = ["compromised", "malicious", "malicious_commits", "malicious_versions", "exposed", "head"]

    /// The sections with at least one entity, in the spec's collection order.
    public var sections: [Section]
    /// Whether admission requires signatures, and the keys it trusts.
    public var admission: String

    /// The sheet of `drill`'s world at T0.
    public init(drill: Drill) {
        let world = drill.world
        sections = Collection.allCases.compactMap { collection in
            let rows = world[collection].map { entity in
                Row(name: entity.name, facts: Self.facts(of: entity, in: collection))
            }
            return rows.isEmpty ? nil : Section(collection: collection, rows: rows)
        }
        admission = (world.requireSignatures ? "admission requires signatures" : "admission does not require signatures")
            + (world.trustedKeys.isEmpty ? "" : "; trusted keys: " + world.trustedKeys.joined(separator: ", "))
    }

    private static func facts(of entity: Entity, in collection: Collection) -> [String] {
        var out: [String] = []
        for (index, field) in collection.fields.enumerated() where index > 0 && index < entity.values.count {
            guard !hiddenFields.contains(field.name), !field.derived else { continue }
            if collection == .detections, field.name == "enabled" { continue }
            let text: String
            switch entity.values[index] {
            case .null: continue
            case .bool(let b): text = b ? "yes" : "no"
            case .int(let i): text = String(i)
            case .text(let t): text = t
            case .list(let l):
                guard !l.isEmpty else { continue }
                text = l.joined(separator: ", ")
            }
            out.append("\(field.name): \(text)")
        }
        return out
    }
}
