import ArgumentParser
import Foundation
import GameDayConsole
import GameDayEngine
import GameDayReports
import GameDayWeb

/// `gameday handouts DRILL --out DIR`: printable role cards, inject cards and the world sheet.
struct HandoutsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handouts",
        abstract: "Write printable handouts of a drill: a card per role, inject cards, the world sheet.",
        discussion: "HTML pages that print well (one role card per page); open them in a browser and print. Exit status 2 on invalid input."
    )

    @Argument(help: "The drill file.")
    var drill: String

    @Option(help: "Folder of scenarios (default: ../scenarios beside the drill's folder).")
    var scenarios: String?

    @Option(help: ArgumentHelp("The folder to write (replaced if it holds earlier handouts).", valueName: "dir"))
    var out: String

    mutating func run() throws {
        let loaded = DrillLoader(scenariosDirectory: scenarios).loadDrill(path: drill)
        guard let value = loaded.value, !loaded.diagnostics.contains(where: { $0.severity == .error }) else {
            var printer = DiagnosticPrinter()
            printError(printer.render(loaded.diagnostics.filter { $0.severity == .error }))
            throw ExitCode(2)
        }
        let files = Handouts(drill: value).files().map { ReportFile(path: $0.name, contents: $0.html) }
        do {
            try ReportWriter.write(files, to: URL(fileURLWithPath: out))
        } catch {
            printError("error: handouts not written: \(TerminalText.safe(String(describing: error)))\n")
            throw ExitCode(2)
        }
        print("handouts written to \(out)/: index.html, roles.html (\(value.roles.count) role card\(value.roles.count == 1 ? "" : "s")), injects.html, world.html")
    }
}
