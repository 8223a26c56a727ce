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
            guard let data = FileManager.default.contents(atPath: file), data.count <= YAMLLimits.standard.maxBytes,
                  SourceLines.foreignEncoding([UInt8](data.prefix(4))) == nil else {
                lines[file] = []
                return nil
            }
            // The same lines libyaml counts: CR LF, CR, LF, NEL, LS and PS end a line; a byte-order mark is not a column.
            lines[file] = SourceLines.lines([UInt8](data))
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
            var shown = String.UnicodeScalarView()
            var caretPad = 0
            for (i, scalar) in scalars.enumerated() {
                // A tab is shown as one space, so that one column is one scalar on the screen too.
                let piece = TerminalText.safe(scalar == "\t" ? " " : String(scalar))
                shown.append(contentsOf: piece.unicodeScalars)
                if i < d.location.column - 1 { caretPad += DisplayWidth.of(piece) }
            }
            out += "    " + String(shown) + "\n"
            out += "    " + String(repeating: " ", count: caretPad) + "^\n"
        }
        return out
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
