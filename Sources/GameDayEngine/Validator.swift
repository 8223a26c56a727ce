import Foundation

/// Checks one file of any kind, as `gameday validate` does: a response log is also replayed to warn about rejected commands.
public struct Validator: Sendable {
    /// The loader, with its folders.
    public let loader: DrillLoader

    /// Creates a validator.
    public init(loader: DrillLoader) { self.loader = loader }

    /// The kind of `file` and every diagnostic found in it (and in the files it depends on).
    /// The file's YAML is loaded once, and that one tree is both classified and checked.
    public func validate(file: String) -> (FileKind?, [Diagnostic]) {
        let document = YAMLLoader.load(path: file, limits: loader.limits)
        let kind = FileKind.of(root: document.root)
        switch kind {
        case .scenario: return (kind, loader.loadScenario(path: file, document: document).diagnostics)
        case .drill: return (kind, loader.loadDrill(path: file, document: document).diagnostics)
        case .responses: return (kind, validateLog(file, document: document))
        case nil:
            if let problem = DrillLoader.fileProblem(file, kind: "drill, scenario or response log") {
                return (nil, [.error(problem, at: SourceLocation(file: file, line: 1, column: 1))])
            }
            let base = document
            let found = base.diagnostics.isEmpty
                ? [Diagnostic.error("not a scenario, drill or response log: the file must be a mapping with 'scenario:' or 'drill:'",
                                    at: SourceLocation(file: file, line: 1, column: 1))]
                : base.diagnostics
            return (nil, found)
        }
    }

    /// The drill file of the log at `path`, found as spec 9.1 says.
    public func drillPath(forLog path: String, document: YAMLLoader.Result? = nil) -> (String?, [Diagnostic]) {
        let id = loader.drillID(ofLog: path, document: document)
        guard let value = id.value else { return (nil, id.diagnostics) }
        guard let found = loader.findDrill(id: value, forLog: path) else {
            let message = "cannot find drill '\(value)': looked for \(value).yaml in the log's folder, drills/ in it, its parent and drills/ in the parent; pass --drills DIR"
            return (nil, [.error(message, at: SourceLocation(file: path, line: 1, column: 1))])
        }
        return (found, [])
    }

    private func validateLog(_ file: String, document: YAMLLoader.Result) -> [Diagnostic] {
        let (drillPath, found) = drillPath(forLog: file, document: document)
        guard let drillPath else { return found }
        let drillResult = loader.loadDrill(path: drillPath)
        guard let drill = drillResult.value else {
            return drillResult.diagnostics + [.error("its drill \(drillPath) has errors; fix them first", at: SourceLocation(file: file, line: 1, column: 1))]
        }
        let logResult = loader.loadResponseLog(path: file, drill: drill, document: document)
        guard let log = logResult.value else { return logResult.diagnostics }
        var diagnostics = logResult.diagnostics
        let report = Replay(CompiledDrill(drill), log: log).run(runDate: Date(timeIntervalSince1970: 0))
        let ordered = log.actions.enumerated().sorted { a, b in
            a.element.at != b.element.at ? a.element.at < b.element.at : a.offset < b.offset
        }.map(\.element)
        for (action, trace) in zip(ordered, report.actions) {
            if let reason = trace.outcome.reason {
                diagnostics.append(.warning("the run will reject '\(action.line)': \(reason)", at: action.location))
            }
        }
        return Array(Set(diagnostics)).sorted()
    }
}
