/// The fields of one mapping, by name (compared by code points, spec 9.21), in the order they were written: a drill's
/// mappings have a handful of fields, so a name is found by comparing it with a few others rather than hashed into a
/// dictionary (which was an allocation and a hash of every key of every mapping of every file loaded); past
/// `indexLimit` fields a dictionary index keeps look-ups constant, so a mapping with thousands of fields stays linear.
public struct FieldMap: Sequence, ExpressibleByDictionaryLiteral, Sendable {
    /// A field's key node and value node.
    public typealias Entry = (key: Node, value: Node)
    /// A field's name and its nodes, as iteration gives them.
    public typealias Element = (key: String, value: Entry)

    /// The fields past which names are found through `index`.
    static let indexLimit = 16

    private var names: [String] = []
    private var entries: [Entry] = []
    private var index: [NameKey: Int]?

    /// No fields.
    public init() {}

    /// No fields yet, with room for `capacity` of them.
    public init(capacity: Int) {
        names.reserveCapacity(capacity)
        entries.reserveCapacity(capacity)
    }

    /// The fields of a literal, in its order.
    public init(dictionaryLiteral elements: (String, Entry)...) {
        for (name, entry) in elements { self[name] = entry }
    }

    /// The position of field `name`.
    private func position(of name: String) -> Int? {
        if let index { return index[NameKey(name)] }
        return NameOrder.position(of: name, in: names)
    }

    /// Field `name`; setting nil removes it, setting a new name appends it.
    public subscript(name: String) -> Entry? {
        get { position(of: name).map { entries[$0] } }
        set {
            if let i = position(of: name) {
                if let newValue {
                    entries[i] = newValue
                } else {
                    names.remove(at: i)
                    entries.remove(at: i)
                    if index != nil { index = Dictionary(uniqueKeysWithValues: names.enumerated().map { (NameKey($1), $0) }) }
                }
            } else if let newValue {
                appendNew(name, newValue)
            }
        }
    }

    /// Appends field `name`, which must not be in the map yet: the keys of one loaded mapping, which the YAML loader
    /// has made unique (by code points, as here), go in without a search each.
    mutating func appendNew(_ name: String, _ entry: Entry) {
        assert(position(of: name) == nil, "appendNew of a field already present")
        names.append(name)
        entries.append(entry)
        if index != nil {
            index![NameKey(name)] = names.count - 1
        } else if names.count > Self.indexLimit {
            index = Dictionary(uniqueKeysWithValues: names.enumerated().map { (NameKey($1), $0) })
        }
    }

    /// How many fields there are.
    public var count: Int { names.count }
    /// Whether there are none.
    public var isEmpty: Bool { names.isEmpty }
    /// The names, in the order written.
    public var keys: [String] { names }

    /// The fields in the order written.
    public func makeIterator() -> Iterator { Iterator(names: names, entries: entries) }

    /// Walks the fields in the order written.
    public struct Iterator: IteratorProtocol {
        let names: [String]
        let entries: [Entry]
        var position = 0

        /// The next field, nil after the last.
        public mutating func next() -> Element? {
            guard position < names.count else { return nil }
            defer { position += 1 }
            return (names[position], entries[position])
        }
    }
}
