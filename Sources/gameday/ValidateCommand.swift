import ArgumentParser
import Foundation
import GameDayConsole
import GameDayEngine

/// `gameday validate PATH...`: checks drills, scenarios and response logs.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check drills, scenarios and response logs, and explain every problem.",
        discussion: "Each file's kind is recognised by its keys. A response log is checked against its drill and replayed, so that commands the run will reject are warned about."
    )

    @Argument(help: "Files or folders (searched for .yaml files).")
    var paths: [String]

    @Option(help: "Folder of scenarios (default: ../scenarios beside each drill's folder).")
    var scenarios: String?

    @Option(help: "Folder of drills, for response logs given alone.")
    var drills: String?

    @Option(help: "Output: text or json.")
    var format: String = "text"

    @Flag(help: "Do not print the source line and caret under each message.")
    var noSource = false

    /// `validate PATH...` with no option (the command a CI job runs on every push) as the parser would make it, but
    /// without the parser: its first reflection of the commands' properties, scanning every protocol conformance of
    /// this large binary, was 40 % of the whole `gameday validate` of one drill. Nil for any other command line,
    /// which the parser reads. Every property is set here, to its default: a new one must be too (a CLI test compares
    /// this path with the parser's for the same paths).
    static func plain(_ arguments: [String]) -> ValidateCommand? {
        guard arguments.count >= 2, arguments[0] == "validate",
              !arguments.dropFirst().contains(where: { $0.isEmpty || $0.hasPrefix("-") }) else { return nil }
        var command = ValidateCommand()
        command.paths = Array(arguments.dropFirst())
        command.scenarios = nil
        command.drills = nil
        command.format = "text"
        command.noSource = false
        return command
    }

    mutating func run() throws {
        guard ["text", "json"].contains(format) else { throw ValidationErrorText("--format is text or json") }
        let loader = DrillLoader(scenariosDirectory: scenarios, drillsDirectory: drills)
        let validator = Validator(loader: loader)
        var diagnostics: [Diagnostic] = []
        var files: [(String, FileKind?, Bool)] = []
        for path in paths {
            for file in FileKind.yamlFiles(under: path) {
                let (kind, found) = validator.validate(file: file)
                files.append((file, kind, !found.contains { $0.severity == .error && $0.location.file == file }))
                diagnostics += found
            }
        }
        let unique = Array(Set(diagnostics)).sorted()
        let valid = !unique.contains { $0.severity == .error }
        if format == "json" {
            let json = JSONValue.object([
                ("valid", .bool(valid)),
                ("files", .array(files.map { .object([("path", .string($0.0)), ("kind", .string($0.1?.rawValue)), ("valid", .bool($0.2))]) })),
                ("diagnostics", .array(unique.map { d in
                    .object([("file", .string(d.location.file)), ("line", .int(d.location.line)), ("column", .int(d.location.column)),
                             ("severity", .string(d.severity.rawValue)), ("message", .string(d.message))])
                })),
            ])
            print(json.rendered())
        } else {
            // The drills' deliberate detection gaps (injects with a `gap` whose detection is missing or disabled) are
            // grouped at the end, one line each, so that they do not read as mistakes.
            let deliberate = unique.filter { $0.severity == .warning && $0.message.contains(DrillLoader.deliberateDetectionGap) }
            let others = unique.filter { !deliberate.contains($0) }
            var printer = DiagnosticPrinter(showSource: !noSource)
            printError(printer.render(others))
            if !deliberate.isEmpty {
                var text = "Deliberate detection gaps (\(deliberate.count)): these injects go unnoticed on purpose, each files an 'Add detection' story:\n"
                for d in deliberate {
                    let message = d.message.components(separatedBy: " (\(DrillLoader.deliberateDetectionGap)").first ?? d.message
                    text += "  " + TerminalText.safe("\(d.location.file):\(d.location.line):\(d.location.column): \(message)") + "\n"
                }
                printError(text)
            }
            let errors = unique.filter { $0.severity == .error }.count, warnings = unique.count - errors - deliberate.count
            var summary = "\(files.count) file\(files.count == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            if !deliberate.isEmpty { summary += ", \(deliberate.count) deliberate detection gap\(deliberate.count == 1 ? "" : "s")" }
            if valid { print(summary) } else { printError(summary + "\n") }
        }
        if !valid { throw ExitCode(2) }
    }
}
