/// A story filed with `file-story`.
public struct FiledStory: Sendable, Hashable {
    /// Its title.
    public var title: Int32
    /// The owning role.
    public var owner: Int32
    /// The `--due` duration in seconds, or nil.
    public var due: Int?
}

/// The mutable state of a run: the world's entities in flat arrays, and the team's records.
public struct WorldState: Sendable {
    /// One entity: its name's symbol and its field values in `Collection.fields` order.
    public struct EntityState: Sendable, Hashable {
        /// The name's symbol.
        public var name: Int32
        /// Field values.
        public var fields: [Value]
    }

    /// Entities per collection (by `Collection` position), in creation order; changed through `set` and `add` only.
    public internal(set) var entities: [[EntityState]]
    /// A bit per collection whose entities `set` or `add` changed since the state was built or restored.
    var touched: UInt32 = 0
    /// The entities `set` changed since then, as collection position × 2³² + entity position (repeats allowed).
    var touchedEntities: [Int] = []
    /// Per collection, entity positions sorted by name as code points.
    public var sortedOrder: [[Int]]
    /// Per collection, the entity position of each symbol, or -1.
    var lookup: [[Int32]]
    /// Whether admission requires signatures.
    public var requireSignatures: Bool
    /// The keys admission trusts.
    public var trustedKeys: [Int32]
    /// Roles paged.
    public var paged: [Int32] = []
    /// Audiences notified.
    public var notified: [Int32] = []
    /// Injects acknowledged.
    public var acknowledged: [Int32] = []
    /// Finding ids revealed, in time order.
    public var findings: [Int32] = []
    /// Runbooks opened.
    public var runbooks: [Int32] = []
    /// Stories filed by the team.
    public var stories: [FiledStory] = []
    /// Whether an incident was declared.
    public var incidentDeclared = false
    /// The declared severity's symbol.
    public var incidentSeverity: Int32?
    /// Whether the postmortem is scheduled.
    public var postmortemScheduled = false
    /// Per workload position, the images it ran before each applied deploy.
    public var deployStacks: [[Int32]]

    /// Builds the state of `world`, interning every text into `symbols`.
    public init(world: World, symbols: inout SymbolTable) {
        entities = []
        sortedOrder = []
        for collection in Collection.allCases {
            var list: [EntityState] = []
            for entity in world[collection] {
                let fields = entity.values.map { value -> Value in
                    switch value {
                    case .null: return .null
                    case .bool(let b): return .bool(b)
                    case .int(let i): return .int(i)
                    case .text(let t): return .text(symbols.intern(t))
                    case .list(let l): return .texts(l.map { symbols.intern($0) })
                    }
                }
                list.append(EntityState(name: symbols.intern(entity.name), fields: fields))
            }
            entities.append(list)
            sortedOrder.append(Array(list.indices))
        }
        requireSignatures = world.requireSignatures
        trustedKeys = world.trustedKeys.map { symbols.intern($0) }
        deployStacks = Array(repeating: [], count: entities[Collection.workloads.ordinal].count)
        lookup = []
        rebuildLookup(symbolCount: symbols.count)
    }

    /// Makes the lookup tables cover every symbol of a table of `symbolCount` entries.
    mutating func rebuildLookup(symbolCount: Int) {
        lookup = entities.map { list in
            var table = [Int32](repeating: -1, count: symbolCount)
            for (i, e) in list.enumerated() { table[Int(e.name)] = Int32(i) }
            return table
        }
    }

    /// The position of entity `name` in `collection`, or nil.
    @inline(__always) public func find(_ collection: Collection, _ name: Int32) -> Int? {
        let slot = collection.ordinal
        guard name >= 0, Int(name) < lookup[slot].count else { return nil }
        let i = lookup[slot][Int(name)]
        return i < 0 ? nil : Int(i)
    }

    /// The value of field `field` of entity `index` of `collection`.
    @inline(__always) public func get(_ collection: Collection, _ index: Int, _ field: Int) -> Value {
        entities[collection.ordinal][index].fields[field]
    }

    /// Sets field `field` of entity `index` of `collection`.
    @inline(__always) mutating func set(_ collection: Collection, _ index: Int, _ field: Int, _ value: Value) {
        let slot = collection.ordinal
        touched |= 1 << UInt32(slot)
        touchedEntities.append(slot << 32 | index)
        entities[slot][index].fields[field] = value
    }

    /// Bool field shortcut.
    @inline(__always) func flag(_ collection: Collection, _ index: Int, _ field: Int) -> Bool {
        get(collection, index, field).isTrue
    }

    /// Text field shortcut (nil for null).
    @inline(__always) func symbol(_ collection: Collection, _ index: Int, _ field: Int) -> Int32? {
        get(collection, index, field).symbol
    }

    /// List field shortcut.
    @inline(__always) func texts(_ collection: Collection, _ index: Int, _ field: Int) -> [Int32] {
        if case .texts(let l) = get(collection, index, field) { return l }
        return []
    }

    /// Adds a new entity named `name` with `fields`, keeping the name order; returns its position.
    mutating func add(_ collection: Collection, name: Int32, fields: [Value], symbols: SymbolTable) -> Int {
        let slot = collection.ordinal
        touched |= 1 << UInt32(slot)
        let index = entities[slot].count
        entities[slot].append(EntityState(name: name, fields: fields))
        if Int(name) >= lookup[slot].count {
            rebuildLookup(symbolCount: symbols.count)
        } else {
            lookup[slot][Int(name)] = Int32(index)
        }
        let position = sortedOrder[slot].firstIndex { symbols.precedes(name, entities[slot][$0].name) } ?? sortedOrder[slot].count
        sortedOrder[slot].insert(index, at: position)
        if collection == .workloads { deployStacks.append([]) }
        return index
    }

    /// Makes sure lookups cover a symbol table that grew.
    mutating func cover(_ symbols: SymbolTable) {
        if let first = lookup.first, first.count < symbols.count { rebuildLookup(symbolCount: symbols.count) }
    }
}

extension WorldState {
    /// Becomes `start` again, reusing this state's storage: only the entities and collections a run touched are
    /// restored, and arrays are refilled in place, so that restarting a run allocates nothing (what-if runs restart thousands of
    /// times). `start` must be the state this one began as (the same world and symbols).
    mutating func restore(to start: WorldState) {
        if lookup.count != start.lookup.count || lookup.first?.count != start.lookup.first?.count {
            lookup = start.lookup
        }
        for key in touchedEntities {
            let slot = key >> 32, index = key & 0xFFFF_FFFF
            guard index < start.entities[slot].count else { continue }
            refill(&entities[slot][index].fields, start.entities[slot][index].fields)
        }
        touchedEntities.removeAll(keepingCapacity: true)
        touchedEntities.append(contentsOf: start.touchedEntities)
        var bits = touched
        while bits != 0 {
            let slot = bits.trailingZeroBitCount
            bits &= bits - 1
            restoreCollection(slot, from: start)
        }
        touched = start.touched
        refill(&trustedKeys, start.trustedKeys)
        refill(&paged, start.paged)
        refill(&notified, start.notified)
        refill(&acknowledged, start.acknowledged)
        refill(&findings, start.findings)
        refill(&runbooks, start.runbooks)
        refill(&stories, start.stories)
        requireSignatures = start.requireSignatures
        incidentDeclared = start.incidentDeclared
        incidentSeverity = start.incidentSeverity
        postmortemScheduled = start.postmortemScheduled
        if deployStacks.count != start.deployStacks.count { deployStacks.removeLast(deployStacks.count - start.deployStacks.count) }
        for w in deployStacks.indices where deployStacks[w] != start.deployStacks[w] { refill(&deployStacks[w], start.deployStacks[w]) }
    }

    private mutating func restoreCollection(_ slot: Int, from start: WorldState) {
        let count = start.entities[slot].count
        guard entities[slot].count >= count else {
            entities[slot] = start.entities[slot]
            sortedOrder[slot] = start.sortedOrder[slot]
            return
        }
        if entities[slot].count > count {
            // Entities the run added: their names leave the lookup table, they leave the collection.
            for i in count..<entities[slot].count {
                let name = Int(entities[slot][i].name)
                if name < lookup[slot].count { lookup[slot][name] = name < start.lookup[slot].count ? start.lookup[slot][name] : -1 }
            }
            entities[slot].removeLast(entities[slot].count - count)
        }
        if sortedOrder[slot] != start.sortedOrder[slot] { refill(&sortedOrder[slot], start.sortedOrder[slot]) }
    }
}

/// Makes `list` equal `source` in the storage it has: no allocation while its capacity suffices.
@inline(__always) func refill<Element>(_ list: inout [Element], _ source: [Element]) {
    if list.count == source.count {
        // Nothing to copy: an empty list is left alone (its buffer may be shared, and asking for it would copy it).
        guard !source.isEmpty else { return }
        // Through the buffers: one uniqueness check for the list, not one per element.
        list.withUnsafeMutableBufferPointer { list in
            source.withUnsafeBufferPointer { source in
                for i in source.indices { list[i] = source[i] }
            }
        }
    } else {
        list.removeAll(keepingCapacity: true)
        // Most of a run's lists go back to empty: no append to make then.
        if !source.isEmpty { list.append(contentsOf: source) }
    }
}

/// Adds `item` to `list` unless it is already there.
@inline(__always) func appendUnique(_ list: inout [Int32], _ item: Int32) {
    if !list.contains(item) { list.append(item) }
}

/// Makes `list` hold `count` elements, filled with `filler` when its length changes; no allocation while it keeps
/// its length (a score written again and again in place).
@inline(__always) func resize<Element>(_ list: inout [Element], _ count: Int, _ filler: Element) {
    if list.count != count { list = Array(repeating: filler, count: count) }
}
