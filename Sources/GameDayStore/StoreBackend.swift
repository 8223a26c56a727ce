/// Where a history lives and how its transactions run: an SQLite file or a PostgreSQL database.
///
/// The store's logic is written once over `SQLExecutor`; a backend gives it transactions.
protocol StoreBackend: Sendable {
    /// Where the history is, for messages: the file's path, or the database's URL without a password.
    var location: String { get }

    /// Runs `body` in one write transaction: all of it is written, or none.
    ///
    /// `backlog` names the backlog the transaction changes, so that writers of one backlog queue up rather than
    /// conflict. The body may run more than once (after a serialization failure), so it must not have effects
    /// outside the database.
    func write<T>(backlog: BacklogKey?, _ body: (any SQLExecutor) throws -> T) throws -> T

    /// Runs `body` on one consistent snapshot.
    func read<T>(_ body: (any SQLExecutor) throws -> T) throws -> T
}
