/// Splits `PKG@VERSION` symbols and joins them again, all interned ahead of the run so that rebuilds allocate no texts.
public struct PackageIndex: Sendable {
    /// `PKG@VERSION` symbol to its package and version symbols (split at the last `@`).
    var splits: [Int32: (Int32, Int32)] = [:]
    private var refs: [UInt64: Int32] = [:]
    private var scanned = 0

    /// An empty index.
    public init() {}

    /// The symbol of `PKG@VERSION`, when interned.
    func ref(_ package: Int32, _ version: Int32) -> Int32? {
        refs[UInt64(UInt32(bitPattern: package)) << 32 | UInt64(UInt32(bitPattern: version))]
    }

    /// Indexes every symbol interned since the last call, and every package of `state` with every known version.
    mutating func update(symbols: inout SymbolTable, state: WorldState) {
        guard scanned < symbols.count else { return }
        var versions = Set<Int32>()
        while scanned < symbols.count {
            let s = Int32(scanned)
            let text = symbols[s]
            scanned += 1
            guard let at = text.lastIndex(of: "@"), at != text.startIndex, text.index(after: at) != text.endIndex else { continue }
            let package = symbols.intern(String(text[..<at])), version = symbols.intern(String(text[text.index(after: at)...]))
            splits[s] = (package, version)
            versions.insert(version)
        }
        let slot = Collection.packages.ordinal
        for entity in state.entities[slot] {
            for field in [F.packageVersions, F.packageMalicious] {
                if case .texts(let list) = entity.fields[field] { versions.formUnion(list) }
            }
        }
        for entity in state.entities[slot] {
            for version in versions where ref(entity.name, version) == nil {
                let joined = symbols.intern("\(symbols[entity.name])@\(symbols[version])")
                refs[UInt64(UInt32(bitPattern: entity.name)) << 32 | UInt64(UInt32(bitPattern: version))] = joined
                splits[joined] = (entity.name, version)
            }
        }
        scanned = symbols.count
    }
}
