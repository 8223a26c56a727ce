import Foundation
import GameDayConsole
import GameDayEngine

/// Prints diagnostics like a compiler: `FILE:LINE:COLUMN: error: MESSAGE`, the source line, and a caret.
struct DiagnosticPrinter {
    var showSource = true
    private var lines: [String: [String]] = [:]

    init(showSource: Bool = true) { self.showSource = showSource }

    private mutating func sourceLine(_ file: String, _ line: Int) -> String? {
        if lines[file] == nil {
            guard let data = FileManager.default.contents(atPath: file), data.count <= YAMLLimits.standard.maxBytes else {
                lines[file] = []
                return nil
            }
            lines[file] = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        guard let all = lines[file], line >= 1, line <= all.count else { return nil }
        return all[line - 1]
    }

    /// The rendering of `diagnostics`, sorted by file, line and column.
    mutating func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for d in diagnostics.sorted() {
            out += TerminalText.safe(d.description) + "\n"
            guard showSource, let source = sourceLine(d.location.file, d.location.line) else { continue }
            let scalars = Array(source.unicodeScalars)
            guard scalars.count <= 300 else { continue }
            let visible = scalars.map { $0 == "\t" ? " " : $0 }
            var shown = String.UnicodeScalarView()
            shown.append(contentsOf: visible)
            let caretPad = String(repeating: " ", count: max(0, min(d.location.column - 1, scalars.count)))
            out += "    " + TerminalText.safe(String(shown).replacingOccurrences(of: "\r", with: "")) + "\n"
            out += "    " + caretPad + "^\n"
        }
        return out
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
