import ArgumentParser
import Foundation
import GameDayRunbook

/// `gameday runbook lint RUNBOOK...`: checks runbooks without running them.
struct RunbookLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check runbooks against the template and their drill, without running them.",
        discussion: """
        Errors: what runbook-format.md calls invalid (missing sections, a bad severity, an unknown role, command or \
        inject, a placeholder left in a command, a bad time or range). Warnings: manual steps, steps without a time, \
        a Triage longer than its heading promises, a Detection item that names nothing the drill or world knows, a \
        runbook whose commands meet no outcome of its drill. Exit status: 0 without errors, 2 with errors.
        """
    )

    @Argument(help: "The runbooks (Markdown files, or folders of them).")
    var runbooks: [String]

    @OptionGroup var options: RunbookOptions

    @Option(help: "Output: text or json.")
    var format: String = "text"

    mutating func run() throws {
        guard ["text", "json"].contains(format) else { throw usageFailure("--format is text or json") }
        let files = runbooks.flatMap { RunbookFiles.markdown(under: $0) }
        var diagnostics: [Diagnostic] = []
        var results: [(String, Bool)] = []
        for file in files {
            let inputs = RunbookInputs(options: options)
            let (loaded, found) = inputs.load([file])
            var all = found
            if let loaded { all += RunbookLinter(drill: loaded.drill, runbook: loaded.runbooks[0]).warnings() }
            results.append((file, !all.contains { $0.severity == .error && $0.location.file == file } && loaded != nil))
            diagnostics += all
        }
        let unique = Array(Set(diagnostics)).sorted()
        let valid = !unique.contains { $0.severity == .error } && results.allSatisfy(\.1)
        if format == "json" {
            print(JSONValue.object([
                ("valid", .bool(valid)),
                ("files", .array(results.map { .object([("path", .string($0.0)), ("valid", .bool($0.1))]) })),
                ("diagnostics", .array(unique.map { d in
                    .object([("file", .string(d.location.file)), ("line", .int(d.location.line)), ("column", .int(d.location.column)),
                             ("severity", .string(d.severity.rawValue)), ("message", .string(d.message))])
                })),
            ]).rendered())
        } else {
            var printer = DiagnosticPrinter()
            printError(printer.render(unique))
            let errors = unique.filter { $0.severity == .error }.count, warnings = unique.count - errors
            let summary = "\(files.count) runbook\(files.count == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            if valid { print(summary) } else { printError(summary + "\n") }
        }
        if !valid { throw ExitCode(2) }
    }
}

/// Finds runbook files.
enum RunbookFiles {
    /// `path` itself when it is a file, else every `.md` file under it except READMEs, sorted.
    static func markdown(under path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []
        return found.filter { $0.hasSuffix(".md") && !($0 as NSString).lastPathComponent.lowercased().hasPrefix("readme") }
            .sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}
