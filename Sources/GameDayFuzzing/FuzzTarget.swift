import FoundationEssentials
import GameDayEngine

/// One fuzz target: a name, and a check that takes any bytes and says which invariant they broke (nil: none).
///
/// A crash or a hang is a finding too; libFuzzer sees those by itself. The same checks replay every kept finding
/// (`Fuzz/regressions/NAME/`) in the normal test suite, so a fixed finding stays fixed.
public struct FuzzTarget: Sendable {
    /// The target's name, as `scripts/fuzz NAME` takes it.
    public let name: String
    /// What it feeds its input to.
    public let summary: String
    /// Runs one input; returns the broken invariant, or nil.
    public let check: @Sendable ([UInt8]) -> String?

    /// Creates a target.
    public init(_ name: String, _ summary: String, check: @escaping @Sendable ([UInt8]) -> String?) {
        self.name = name
        self.summary = summary
        self.check = check
    }

    /// Every target. Adding one is a file with a `static let` like these and a line here.
    public static let all: [FuzzTarget] = [
        .yaml,
        .drill,
        .scenario,
        .responses,
        .expression,
        .commandLine,
        .journal,
        .runbook,
        .aliases,
    ]

    /// The target called `name`.
    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}

/// Invariants every loader result must keep, whatever the input.
enum Invariants {
    /// Every place is 1-based and in `file` (or in a file it depends on, like a drill's scenario).
    static func places(_ diagnostics: [Diagnostic], files: Set<String>) -> String? {
        for d in diagnostics {
            if d.location.line < 1 || d.location.column < 1 { return "a diagnostic at \(d.location): lines and columns start at 1" }
            if !files.contains(d.location.file) { return "a diagnostic in \(d.location.file), which is none of \(files.sorted())" }
            if d.message.isEmpty { return "an empty message at \(d.location)" }
        }
        return nil
    }

    /// A value exactly when there is no error.
    static func valueIffValid<T>(_ result: LoadResult<T>) -> String? {
        let hasError = result.diagnostics.contains { $0.severity == .error }
        if result.value == nil, !hasError { return "no value and no error" }
        if result.value != nil, hasError { return "a value despite an error: \(result.diagnostics.first { $0.severity == .error }!)" }
        return nil
    }

    /// The same report twice from the same inputs (spec: deterministic).
    static func deterministic(_ drill: Drill, _ log: ResponseLog) -> String? {
        let compiled = CompiledDrill(drill)
        let date = Date(timeIntervalSince1970: 0)
        let first = Replay(compiled, log: log).run(runDate: date).json.rendered()
        let second = Replay(CompiledDrill(drill), log: log).run(runDate: date).json.rendered()
        return first == second ? nil : "two replays of the same drill and log gave different reports"
    }
}
