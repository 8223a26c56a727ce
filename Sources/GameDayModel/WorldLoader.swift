/// Reads world collections from scenario and drill files and merges a drill's world over its scenario's.
struct WorldLoader {
    /// One entity as written: its name, its name's node, its body and the node written for each field.
    struct RawEntity {
        var name: String
        var nameNode: Node
        var body: Node
        /// The node written for each of the collection's fields, by field index; nil where none was written.
        var values: [Node?]
    }

    /// One collection as written: its entities in the order written, and where each name is among them.
    struct RawCollection {
        var entities: [RawEntity] = []
        var positions: [NameKey: Int] = [:]

        /// Whether the collection defines `name`.
        func defines(_ name: String) -> Bool { positions[NameKey(name)] != nil }
    }

    /// A world as written in one file, before typing: its collections by ordinal, and admission.
    struct RawWorld {
        var collections = [RawCollection](repeating: RawCollection(), count: Collection.allCases.count)
        var admission = FieldMap()
    }

    static let worldKeys = Collection.allCases.map(\.key) + ["admission"]

    /// Each collection's writable fields (not derived), by ordinal: their names, and each one's field index.
    private static let writable: [(names: [String], indices: [Int])] = Collection.allCases.map { collection in
        let indices = collection.fields.indices.filter { !collection.fields[$0].derived }
        return (indices.map { collection.fields[$0].name }, indices)
    }

    /// Why a derived field cannot be written, by name, for each collection by ordinal.
    private static let explanations: [[String: String]] = Collection.allCases.map { collection in
        collection == .repos ? ["compromised": "'compromised' of a repo is derived from 'malicious_commits' and cannot be set"] : [:]
    }

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
            let (names, indices) = writable[collection.ordinal]
            let fieldCount = collection.fields.count
            // Each collection appears once in `fields`, and the loader has made its names unique: its entities are
            // gathered here and stored once.
            var gathered = RawCollection()
            gathered.entities.reserveCapacity(entries.count)
            gathered.positions.reserveCapacity(entries.count)
            for (key, body) in entries {
                guard let name = reader.name(key, collection.noun) else { continue }
                var values = [Node?](repeating: nil, count: fieldCount)
                if !body.isNull {
                    _ = reader.forEachField(body, of: "\(collection.noun) '\(name)'", allowed: names,
                                            explain: explanations[collection.ordinal]) { position, _, value in
                        values[indices[position]] = value
                    }
                }
                gathered.positions[NameKey(name)] = gathered.entities.count
                gathered.entities.append(RawEntity(name: name, nameNode: key, body: body, values: values))
            }
            raw.collections[collection.ordinal] = gathered
        }
        if let (_, value) = fields["admission"], !value.isNull {
            raw.admission = reader.fields(value, of: "admission", allowed: Collection.admissionFields.map(\.name)) ?? [:]
        }
        return raw
    }

    /// Merges `patch` over `base`: fields the patch sets replace the base's; new names are added.
    static func merge(_ base: RawWorld, _ patch: RawWorld) -> RawWorld {
        var merged = base
        for ordinal in patch.collections.indices {
            for entity in patch.collections[ordinal].entities {
                let key = NameKey(entity.name)
                if let i = merged.collections[ordinal].positions[key] {
                    for (field, value) in entity.values.enumerated() where value != nil {
                        merged.collections[ordinal].entities[i].values[field] = value
                    }
                } else {
                    merged.collections[ordinal].positions[key] = merged.collections[ordinal].entities.count
                    merged.collections[ordinal].entities.append(entity)
                }
            }
        }
        for (field, entry) in patch.admission { merged.admission[field] = entry }
        return merged
    }

    /// Types every entity of `raw`, applies defaults and resolves every reference.
    static func decode(_ raw: RawWorld, reader: inout NodeReader) -> World {
        var world = World()
        let names = raw.collections
        let suggesters = Suggesters(raw.collections)
        for collection in Collection.allCases {
            let fields = collection.fields
            var entities: [Entity] = []
            entities.reserveCapacity(raw.collections[collection.ordinal].entities.count)
            for entity in raw.collections[collection.ordinal].entities {
                let name = entity.name
                var values: [FieldValue] = []
                values.reserveCapacity(fields.count)
                // The specs are read in place (a copy of each, for every entity, was three retains and releases).
                fields.withUnsafeBufferPointer { specs in
                    for index in specs.indices {
                        if index == 0 { values.append(.text(name)); continue }
                        if specs[index].derived { values.append(specs[index].defaultValue); continue }
                        guard let node = entity.values[index] else {
                            if specs[index].required {
                                let place = entity.body.isNull ? entity.nameNode.location : entity.body.location
                                reader.error("\(collection.noun) '\(name)' is missing the required field '\(specs[index].name)'", at: place)
                            }
                            values.append(specs[index].defaultValue)
                            continue
                        }
                        values.append(decodeField(specs[index], node, collection: collection, names: names, suggesters: suggesters,
                                                  reader: &reader) ?? specs[index].defaultValue)
                    }
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

    private static func decodeField(_ spec: FieldSpec, _ node: Node, collection: Collection?, names: [RawCollection],
                                    suggesters: Suggesters, reader: inout NodeReader) -> FieldValue? {
        func checkReference(_ value: String, _ node: Node) -> Bool {
            guard let target = spec.reference else { return true }
            if names[target.ordinal].defines(value) { return true }
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
                    guard let at = value.utf8.lastIndex(of: UInt8(ascii: "@")), at != value.startIndex, value.index(after: at) != value.endIndex else {
                        reader.error("dependency '\(value)' must be written PACKAGE@VERSION", at: itemNode.location)
                        continue
                    }
                    let package = String(value[..<at])
                    if !names[Collection.packages.ordinal].defines(package) {
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
    private let collections: [WorldLoader.RawCollection]
    private var built: [NameSuggester?]

    init(_ collections: [WorldLoader.RawCollection]) {
        self.collections = collections
        built = Array(repeating: nil, count: collections.count)
    }

    /// `; did you mean 'x'?` among the names of `collection`, or the empty string.
    func hint(for word: String, in collection: Collection) -> String {
        let i = collection.ordinal
        if built[i] == nil { built[i] = NameSuggester(collections[i].entities.map(\.name)) }
        return built[i]!.hint(for: word)
    }
}
