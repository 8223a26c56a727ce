import GameDayEngine

/// Reads a run's world state by collection, entity and field name, as plain strings.
struct WorldReader {
    let state: WorldState
    let symbols: SymbolTable

    /// The entity positions of `collection`, in name order.
    func entities(_ collection: Collection) -> [Int] { state.sortedOrder[collection.ordinal] }

    /// The position of entity `name`, or nil.
    func find(_ collection: Collection, _ name: String) -> Int? {
        symbols.lookup(name).flatMap { state.find(collection, $0) }
    }

    /// The name of entity `index`.
    func name(_ collection: Collection, _ index: Int) -> String {
        symbols[state.entities[collection.ordinal][index].name]
    }

    private func value(_ collection: Collection, _ index: Int, _ field: String) -> Value {
        guard let f = collection.fieldIndex(field) else { return .null }
        return state.get(collection, index, f)
    }

    /// A bool field (false for null).
    func flag(_ collection: Collection, _ index: Int, _ field: String) -> Bool {
        value(collection, index, field).isTrue
    }

    /// An integer field, or nil for null.
    func integer(_ collection: Collection, _ index: Int, _ field: String) -> Int? {
        if case .int(let n) = value(collection, index, field) { return n }
        return nil
    }

    /// A text field, or nil for null.
    func text(_ collection: Collection, _ index: Int, _ field: String) -> String? {
        value(collection, index, field).symbol.map { symbols[$0] }
    }

    /// A list field.
    func list(_ collection: Collection, _ index: Int, _ field: String) -> [String] {
        if case .texts(let items) = value(collection, index, field) { return items.map { symbols[$0] } }
        return []
    }
}
