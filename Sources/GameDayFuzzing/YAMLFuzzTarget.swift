import GameDayEngine

extension FuzzTarget {
    /// The YAML loader on any bytes: it must refuse or accept, with 1-based places, and never crash or hang.
    static let yaml = FuzzTarget("yaml", "YAMLLoader.load(bytes:) on any bytes") { bytes in
        let result = YAMLLoader.load(bytes: bytes, file: "fuzz.yaml")
        if let problem = Invariants.places(result.diagnostics, files: ["fuzz.yaml"]) { return problem }
        if result.root == nil, result.diagnostics.isEmpty { return "no document and no diagnostic" }
        if result.diagnostics.contains(where: { $0.severity != .error }) { return "the YAML loader gave a warning" }
        return nil
    }
}
