import ArgumentParser
import Foundation
import GameDayRunbook

/// `--drill`, `--aliases` and `--scenarios`, shared by the runbook commands and `whatif`.
struct RunbookOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The drill (default: the one the runbook's Related section names, found like a log's drill).", valueName: "drill"))
    var drill: String?

    @Option(help: ArgumentHelp("An alias file searched before the catalog (default: aliases.yaml beside the runbook, else runbooks/aliases.yaml).", valueName: "file"))
    var aliases: String?

    @Option(help: "Folder of scenarios (default: ../scenarios beside the drill's folder).")
    var scenarios: String?
}

/// Loads runbooks, their drill and their aliases, collecting every diagnostic.
struct RunbookInputs {
    let options: RunbookOptions

    /// What was loaded.
    struct Loaded {
        var drill: Drill
        var runbooks: [Runbook]
    }

    /// The alias file in use for a runbook at `runbookPath`: `--aliases`, else `aliases.yaml` in the runbook's
    /// folder, else `runbooks/aliases.yaml` in the working directory; nil when there is none.
    func aliasFile(for runbookPath: String) -> String? {
        if let file = options.aliases { return file }
        let folder = (runbookPath as NSString).deletingLastPathComponent
        for candidate in [(folder.isEmpty ? "." : folder) + "/aliases.yaml", "runbooks/aliases.yaml"]
            where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        return nil
    }

    /// The aliases for a runbook at `path`: its alias file's, then the catalog's.
    func aliasSet(for path: String, diagnostics: inout [Diagnostic]) -> AliasSet? {
        guard let file = aliasFile(for: path) else { return .withCatalog(before: []) }
        let result = AliasFileLoader().load(path: file)
        diagnostics += result.diagnostics
        guard let aliases = result.value else { return nil }
        return .withCatalog(before: aliases)
    }

    /// The drill path: `--drill`, else the drill the runbook's Related section names, found as a log's drill is.
    func drillPath(for runbookPath: String, diagnostics: inout [Diagnostic]) -> String? {
        if let drill = options.drill { return drill }
        let loader = DrillLoader(scenariosDirectory: options.scenarios)
        guard let id = RunbookLoader.relatedDrill(path: runbookPath) else {
            diagnostics.append(.error("the runbook names no drill: add '- Drill: `ID`' under '## Related', or pass --drill DRILL",
                                      at: SourceLocation(file: runbookPath, line: 1, column: 1)))
            return nil
        }
        guard let found = loader.findDrill(id: id, forLog: runbookPath) else {
            diagnostics.append(.error("the runbook's drill '\(id)' was not found beside it (as \(id).yaml or drills/\(id).yaml in its folder or the parent); pass --drill DRILL",
                                      at: SourceLocation(file: runbookPath, line: 1, column: 1)))
            return nil
        }
        return found
    }

    /// Loads `runbookPaths` against one drill (`--drill`, else the first runbook's).
    func load(_ runbookPaths: [String]) -> (Loaded?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let first = runbookPaths.first, let drillPath = drillPath(for: first, diagnostics: &diagnostics) else { return (nil, diagnostics) }
        let drillResult = DrillLoader(scenariosDirectory: options.scenarios).loadDrill(path: drillPath)
        diagnostics += drillResult.diagnostics
        guard let drill = drillResult.value else { return (nil, diagnostics) }
        var runbooks: [Runbook] = []
        for path in runbookPaths {
            guard let aliases = aliasSet(for: path, diagnostics: &diagnostics) else { continue }
            let result = RunbookLoader(aliases: aliases).load(path: path, drill: drill)
            diagnostics += result.diagnostics
            if let runbook = result.value {
                if let named = runbook.drillID, named != drill.id {
                    diagnostics.append(.warning("the runbook is written for drill '\(named)', not '\(drill.id)'",
                                                at: SourceLocation(file: path, line: 1, column: 1)))
                }
                runbooks.append(runbook)
            }
        }
        let failed = diagnostics.contains { $0.severity == .error } || runbooks.count != runbookPaths.count
        return (failed ? nil : Loaded(drill: drill, runbooks: runbooks), Array(Set(diagnostics)).sorted())
    }
}

/// Prints the errors (or, with none, every diagnostic) and exits 2.
func failInput(_ diagnostics: [Diagnostic]) -> ExitCode {
    let errors = diagnostics.filter { $0.severity == .error }
    var printer = DiagnosticPrinter()
    printError(printer.render(errors.isEmpty ? diagnostics : errors))
    return ExitCode(2)
}
