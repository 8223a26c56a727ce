/// Reads world collections from scenario and drill files and merges a drill's world over its scenario's.
struct WorldLoader {
    /// One entity as written: its name's node and its fields' nodes.
    struct RawEntity {
        var nameNode: Node
        var body: Node
        var fields: FieldMap
    }

    /// A world as written in one file, before typing.
    struct RawWorld {
        var collections: [Collection: [NameKey: RawEntity]] = [:]
        var order: [Collection: [String]] = [:]
        var admission = FieldMap()
    }

    static let worldKeys = Collection.allCases.map(\.key) + ["admission"]

    /// Reads the collections and admission found in `fields` (the root of a scenario, or a drill's `world`).
    static func readRaw(_ fields: FieldMap, reader: inout NodeReader) -> RawWorld {
        var raw = RawWorld()
        for collection in Collection.allCases {
            guard let (_, value) = fields[collection.key] else { continue }
            if value.isNull { continue }
            guard let entries = value.mapping else {
                reader.error("'\(collection.key)' must be a mapping from name to \(collection.noun), found \(value.kindDescription)", at: value.location)
                continue
            }
            let writable = collection.fields.filter { !$0.derived }.map(\.name)
            var explain: [String: String] = [:]
            if collection == .repos {
                explain["compromised"] = "'compromised' of a repo is derived from 'malicious_commits' and cannot be set"
            }
            // Each collection appears once in `fields`: its entities are gathered here and stored once.
            var entities: [NameKey: RawEntity] = [:], order: [String] = []
            entities.reserveCapacity(entries.count)
            order.reserveCapacity(entries.count)
            for (key, body) in entries {
                guard let name = reader.name(key, collection.noun) else { continue }
                var entityFields = FieldMap()
                if !body.isNull {
                    entityFields = reader.fields(body, of: "\(collection.noun) '\(name)'", allowed: writable, explain: explain) ?? [:]
                }
                entities[NameKey(name)] = RawEntity(nameNode: key, body: body, fields: entityFields)
                order.append(name)
            }
            if !order.isEmpty {
                raw.collections[collection] = entities
                raw.order[collection] = order
            }
        }
        if let (_, value) = fields["admission"], !value.isNull {
            raw.admission = reader.fields(value, of: "admission", allowed: Collection.admissionFields.map(\.name)) ?? [:]
        }
        return raw
    }

    /// Merges `patch` over `base`: fields the patch sets replace the base's; new names are added.
    static func merge(_ base: RawWorld, _ patch: RawWorld) -> RawWorld {
        var merged = base
        for (collection, entities) in patch.collections {
            for name in patch.order[collection] ?? [] {
                let key = NameKey(name)
                guard let entity = entities[key] else { continue }
                if var existing = merged.collections[collection]?[key] {
                    for (field, entry) in entity.fields { existing.fields[field] = entry }
                    merged.collections[collection]![key] = existing
                } else {
                    merged.collections[collection, default: [:]][key] = entity
                    merged.order[collection, default: []].append(name)
                }
            }
        }
        for (field, entry) in patch.admission { merged.admission[field] = entry }
        return merged
    }

    /// Types every entity of `raw`, applies defaults and resolves every reference.
    static func decode(_ raw: RawWorld, reader: inout NodeReader) -> World {
        var world = World()
        // A reference is checked against the names each collection defines: the keys of `raw.collections`.
        let names = raw.collections
        let suggesters = Suggesters(raw.order)
        for collection in Collection.allCases {
            var entities: [Entity] = []
            for name in raw.order[collection] ?? [] {
                guard let entity = raw.collections[collection]?[NameKey(name)] else { continue }
                var values: [FieldValue] = []
                values.reserveCapacity(collection.fields.count)
                for spec in collection.fields {
                    if spec.name == "name" { values.append(.text(name)); continue }
                    if spec.derived { values.append(spec.defaultValue); continue }
                    guard let (_, node) = entity.fields[spec.name] else {
                        if spec.required {
                            let place = entity.body.isNull ? entity.nameNode.location : entity.body.location
                            reader.error("\(collection.noun) '\(name)' is missing the required field '\(spec.name)'", at: place)
                        }
                        values.append(spec.defaultValue)
                        continue
                    }
                    values.append(decodeField(spec, node, collection: collection, names: names, suggesters: suggesters, reader: &reader) ?? spec.defaultValue)
                }
                if collection == .repos, let i = collection.fieldIndex("compromised"), let commits = values[collection.fieldIndex("malicious_commits")!].list {
                    values[i] = .bool(!commits.isEmpty)
                }
                entities.append(Entity(name: name, values: values))
            }
            entities.sort { NameOrder.precedes($0.name, $1.name) }
            world.collections[collection] = entities
        }
        if let (_, node) = raw.admission["require_signatures"], let v = reader.bool(node, "require_signatures") {
            world.requireSignatures = v
        }
        if let (_, node) = raw.admission["trusted_keys"] {
            let spec = Collection.admissionFields[1]
            world.trustedKeys = decodeField(spec, node, collection: nil, names: names, suggesters: suggesters, reader: &reader)?.list ?? []
        }
        return world
    }

    private static func decodeField(_ spec: FieldSpec, _ node: Node, collection: Collection?, names: [Collection: [NameKey: RawEntity]],
                                    suggesters: Suggesters, reader: inout NodeReader) -> FieldValue? {
        func checkReference(_ value: String, _ node: Node) -> Bool {
            guard let target = spec.reference else { return true }
            if names[target]?[NameKey(value)] != nil { return true }
            let hint = suggesters.hint(for: value, in: target)
            reader.error("unknown \(target.noun) '\(value)' in '\(spec.name)': no scenario or drill defines it\(hint)", at: node.location)
            return false
        }
        switch spec.type {
        case .bool:
            return reader.bool(node, spec.name).map(FieldValue.bool)
        case .int:
            guard let v = reader.int(node, spec.name) else { return nil }
            if spec.name == "replicas", v < 0 {
                reader.error("'replicas' cannot be negative", at: node.location)
                return nil
            }
            return .int(v)
        case .text:
            if spec.nullable, node.isNull { return .null }
            let value: String?
            if let choices = spec.choices {
                value = reader.choice(node, spec.name, choices)
            } else if spec.reference != nil {
                value = reader.name(node, spec.name)
            } else {
                value = reader.string(node, spec.name)
            }
            guard let value, checkReference(value, node) else { return nil }
            return .text(value)
        case .list:
            let items = reader.list(node, spec.name) { reader, item in
                spec.namesOnly ? reader.name(item, spec.name) : reader.string(item, spec.name)
            }
            guard let items else { return nil }
            var values: [String] = []
            for (value, itemNode) in items {
                if collection == .images, spec.name == "deps" {
                    guard let at = value.lastIndex(of: "@"), at != value.startIndex, value.index(after: at) != value.endIndex else {
                        reader.error("dependency '\(value)' must be written PACKAGE@VERSION", at: itemNode.location)
                        continue
                    }
                    let package = String(value[..<at])
                    if names[.packages]?[NameKey(package)] == nil {
                        let hint = suggesters.hint(for: package, in: .packages)
                        reader.error("unknown package '\(package)' in 'deps': no scenario or drill defines it\(hint)", at: itemNode.location)
                        continue
                    }
                } else if !checkReference(value, itemNode) {
                    continue
                }
                values.append(value)
            }
            return .list(values)
        }
    }
}

/// The names of each collection prepared for hints when the first hint in that collection is asked for (a valid
/// world never asks).
final class Suggesters {
    private let order: [Collection: [String]]
    private var built: [Collection: NameSuggester] = [:]

    init(_ order: [Collection: [String]]) { self.order = order }

    /// `; did you mean 'x'?` among the names of `collection`, or the empty string.
    func hint(for word: String, in collection: Collection) -> String {
        if built[collection] == nil { built[collection] = NameSuggester(order[collection] ?? []) }
        return built[collection]!.hint(for: word)
    }
}
