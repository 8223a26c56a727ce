import ArgumentParser
import Foundation
import GameDayConsole
import GameDayEngine
import GameDayStore

/// `gameday postmortem import FILE.md...`: reads postmortems into the store.
struct PostmortemImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import postmortems written in the template (postmortems/TEMPLATE.md).",
        discussion: """
        Every deviation from the template is reported as FILE:LINE:COLUMN: error: ..., and nothing of a file with \
        errors is imported. Importing a postmortem again (same title and date) replaces it. Exit status: 0 when \
        every file was imported, 2 otherwise.
        """
    )

    @Argument(help: "Postmortem Markdown files.") var files: [String]
    @Flag(help: "Do not show the source line and caret under each error.") var noSource = false
    @OptionGroup var store: StoreOptions

    mutating func run() throws {
        let parser = PostmortemParser()
        var parsed: [(String, Postmortem)] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let result = parser.load(path: file)
            diagnostics += result.diagnostics
            if let value = result.value { parsed.append((file, value)) }
        }
        if !diagnostics.isEmpty {
            var printer = DiagnosticPrinter(showSource: !noSource)
            printError(printer.render(diagnostics))
        }
        if !parsed.isEmpty {
            let history = try store.open()
            for (file, postmortem) in parsed {
                let markdown = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
                let result = try storeCall {
                    try history.importPostmortem(postmortem, markdown: markdown, source: file, importedAt: Date())
                }
                print("\(result.replaced ? "updated" : "imported") postmortem #\(result.id): \(TerminalText.safe(postmortem.title)) (\(postmortem.date))")
            }
        }
        if parsed.count != files.count { throw ExitCode(2) }
    }
}
