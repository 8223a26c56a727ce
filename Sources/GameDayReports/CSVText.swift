import Mustache

/// Escapes one CSV cell (RFC 4180) so that a spreadsheet or tracker reads it as text, never as a formula.
///
/// Every cell is quoted, quotes are doubled, and a cell that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (after any spaces) gets a leading `'`, as OWASP advises against CSV injection.
public struct CSVText: MustacheContentType {
    /// Creates the escaper.
    public init() {}

    /// The characters that make a spreadsheet evaluate a cell.
    /// (Carriage returns are line breaks by then, so a leading line break counts; so do the full-width forms.)
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// Whether a spreadsheet would read `cell` as a formula.
    static func looksLikeFormula(_ cell: Substring) -> Bool {
        cell.first(where: { $0 != " " }).map(formulaStarts.contains) ?? false
    }

    /// `text` as one quoted CSV cell.
    public static func escape(_ text: String) -> String {
        var cell = UntrustedText.visible(text)
        if looksLikeFormula(cell[...]) { cell = "'" + cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A cell's text as written before it was neutralised (for reading a file back).
    public static func unneutralised(_ cell: String) -> String {
        guard cell.hasPrefix("'"), looksLikeFormula(cell.dropFirst()) else { return cell }
        return String(cell.dropFirst())
    }

    /// Escapes `text` for a CSV template.
    public func escapeText(_ text: String) -> String { Self.escape(text) }
}
