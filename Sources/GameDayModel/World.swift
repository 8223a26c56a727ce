/// One entity of the world: its name and the values of its collection's fields, in field order.
public struct Entity: Sendable, Hashable {
    /// The entity's name.
    public var name: String
    /// Field values, indexed like `Collection.fields` (index 0 is the name).
    public var values: [FieldValue]

    /// Creates an entity.
    public init(name: String, values: [FieldValue]) {
        self.name = name
        self.values = values
    }

    /// The value of field `field`.
    public subscript(field: String, in collection: Collection) -> FieldValue? {
        collection.fieldIndex(field).map { values[$0] }
    }
}

/// The simulated pipeline of one organisation: every collection's entities, sorted by name, and admission.
public struct World: Sendable {
    /// Entities per collection, sorted by name as code points.
    public var collections: [Collection: [Entity]]
    /// Whether admission requires signatures.
    public var requireSignatures: Bool
    /// The keys admission trusts, in file order.
    public var trustedKeys: [String]

    /// An empty world with the defaults of spec 2.
    public init() {
        collections = Dictionary(uniqueKeysWithValues: Collection.allCases.map { ($0, []) })
        requireSignatures = true
        trustedKeys = []
    }

    /// The entities of `collection`, sorted by name.
    public subscript(collection: Collection) -> [Entity] {
        collections[collection] ?? []
    }

    /// The entity named `name` in `collection`.
    public func entity(_ collection: Collection, _ name: String) -> Entity? {
        self[collection].first { NameOrder.same($0.name, name) }
    }

    /// The names of `collection`, sorted.
    public func names(_ collection: Collection) -> [String] {
        self[collection].map(\.name)
    }
}
