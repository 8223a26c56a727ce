import Foundation

/// The aliases a runbook's commands are translated with: a team's own file first, then the shipped catalog.
public struct AliasSet: Sendable {
    /// Every alias, in the order they are tried.
    public var aliases: [Alias]

    /// A set of `aliases`, tried in order.
    public init(_ aliases: [Alias]) { self.aliases = aliases }

    /// The team's aliases followed by the catalog's.
    public static func withCatalog(before user: [Alias]) -> AliasSet {
        AliasSet(user + AliasCatalog.aliases)
    }

    /// The first alias that matches `words`, and the command's words it gives.
    public func translate(_ words: [String]) -> (alias: Alias, words: [String])? {
        for alias in aliases {
            if let bindings = alias.bindings(for: words) { return (alias, alias.expand(bindings)) }
        }
        return nil
    }
}

/// The aliases shipped with gameday for the commands responders really type (`Catalog/aliases.yaml`).
public enum AliasCatalog {
    /// The catalog's file, inside the module's resources.
    public static var path: String {
        Bundle.module.url(forResource: "aliases", withExtension: "yaml", subdirectory: "Catalog")?.path ?? "Catalog/aliases.yaml"
    }

    /// The result of loading the catalog (a defect of gameday itself when it has diagnostics; the tests check it has none).
    public static let loaded: LoadResult<[Alias]> = AliasFileLoader().load(path: path)

    /// The catalog's aliases, in file order.
    public static var aliases: [Alias] { loaded.value ?? [] }
}
