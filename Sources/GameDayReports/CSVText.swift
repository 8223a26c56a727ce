import Mustache

/// Escapes one CSV cell (RFC 4180) so that a spreadsheet or tracker reads it as text, never as a formula.
///
/// Every cell is quoted, quotes are doubled, and a cell that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (after any spaces) gets a leading `'`, as OWASP advises against CSV injection; reading
/// a file back, `unneutralised` removes it again.
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

    /// Whether `cell` gets a leading `'`: it looks like a formula, or already looks neutralised (so that
    /// reading back removes exactly one quote).
    static func needsQuote(_ cell: Substring) -> Bool {
        looksLikeFormula(cell) || (cell.hasPrefix("'") && looksLikeFormula(cell.dropFirst()))
    }

    /// `text` as one quoted CSV cell.
    public static func escape(_ text: String) -> String {
        var cell = UntrustedText.visible(text)
        if needsQuote(cell[...]) { cell = "'" + cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A cell's text as written before it was neutralised (for reading a file back).
    public static func unneutralised(_ cell: String) -> String {
        guard cell.hasPrefix("'"), needsQuote(cell.dropFirst()) else { return cell }
        return String(cell.dropFirst())
    }

    /// Escapes `text` for a CSV template.
    public func escapeText(_ text: String) -> String { Self.escape(text) }
}
