/// One row of a query's result, its values by column name.
struct SQLRow: Sendable, Hashable {
    /// Column names, in the query's order.
    let columns: [String]
    /// Values, in the same order.
    let values: [SQLValue]

    /// The value of `column`, NULL when the row has no such column.
    subscript(_ column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }

    /// Text of a NOT NULL column (empty when NULL).
    func string(_ column: String) -> String { self[column].text ?? "" }
    /// Text of a nullable column.
    func optionalString(_ column: String) -> String? { self[column].text }
    /// Integer of a NOT NULL column (0 when NULL).
    func int64(_ column: String) -> Int64 { self[column].integer ?? 0 }
    /// Integer of a nullable column.
    func optionalInt64(_ column: String) -> Int64? { self[column].integer }
    /// Integer of a NOT NULL column, as an Int.
    func int(_ column: String) -> Int { Int(int64(column)) }
    /// Integer of a nullable column, as an Int.
    func optionalInt(_ column: String) -> Int? { optionalInt64(column).map { Int($0) } }
    /// A 0/1 column as a Bool.
    func bool(_ column: String) -> Bool { int64(column) != 0 }
    /// A floating-point column (0 when NULL).
    func double(_ column: String) -> Double { self[column].real ?? 0 }
}
