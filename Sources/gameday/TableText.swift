import GameDayConsole
/// A plain-text table: columns padded to their widest cell, two spaces apart.
struct TableText {
    let header: [String]
    var rows: [[String]] = []

    /// The table, a header line then one line per row (control characters made safe).
    var text: String {
        let all = [header] + rows.map { $0.map(TerminalText.safe) }
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        return all.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count) }
                .joined(separator: "  ")
        }.map { $0 + "\n" }.joined()
    }
}
