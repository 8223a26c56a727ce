/// Runs SQL statements inside one transaction (or one read) of a backend.
///
/// Statements are written once for both backends, with `?` placeholders; the PostgreSQL backend numbers them.
protocol SQLExecutor {
    /// The SQL dialect, for the few statements that differ.
    var dialect: SQLDialect { get }
    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ arguments: [SQLValue]) throws
    /// Runs a query and returns every row.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
}

extension SQLExecutor {
    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ arguments: any SQLBindable...) throws {
        try execute(sql, arguments.map(\.sqlValue))
    }

    /// Every row of a query.
    func rows(_ sql: String, _ arguments: any SQLBindable...) throws -> [SQLRow] {
        try rows(sql, arguments.map(\.sqlValue))
    }

    /// The first row of a query, or nil.
    func row(_ sql: String, _ arguments: [SQLValue]) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first row of a query, or nil.
    func row(_ sql: String, _ arguments: any SQLBindable...) throws -> SQLRow? {
        try rows(sql, arguments.map(\.sqlValue)).first
    }

    /// The first column of the first row, or NULL.
    func value(_ sql: String, _ arguments: any SQLBindable...) throws -> SQLValue {
        try rows(sql, arguments.map(\.sqlValue)).first?.values.first ?? .null
    }

    /// The first column of the first row, or NULL.
    func value(_ sql: String, _ arguments: [SQLValue]) throws -> SQLValue {
        try rows(sql, arguments).first?.values.first ?? .null
    }

    /// Runs an `INSERT ... RETURNING id` and returns the id.
    func insert(_ sql: String, _ arguments: any SQLBindable...) throws -> Int64 {
        try insert(sql, arguments.map(\.sqlValue))
    }

    /// Runs an `INSERT ... RETURNING id` and returns the id.
    func insert(_ sql: String, _ arguments: [SQLValue]) throws -> Int64 {
        guard let id = try rows(sql + " RETURNING id", arguments).first?.values.first?.integer else {
            throw StoreError.database(path: "", message: "an insert returned no id")
        }
        return id
    }
}
