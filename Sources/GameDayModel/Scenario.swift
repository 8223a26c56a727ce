/// The simulated pipeline of one organisation, as a scenario file describes it.
public struct Scenario: Sendable {
    /// The scenario's id, equal to its file's base name.
    public var id: String
    /// Its title.
    public var title: String?
    /// Free text.
    public var description: String?
    /// The world.
    public var world: World
    /// The file it was loaded from.
    public var file: String
}

/// The outcome of loading a file: the value when it is valid, and every diagnostic.
public struct LoadResult<Value: Sendable>: Sendable {
    /// The loaded value, nil when there were errors.
    public var value: Value?
    /// Errors and warnings, sorted by place.
    public var diagnostics: [Diagnostic]

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// A result of another module's loader (the store's postmortem reader, say).
    public init(value: Value?, diagnostics: [Diagnostic]) {
        self.value = value
        self.diagnostics = diagnostics
    }
}
