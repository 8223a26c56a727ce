import Foundation
import GameDayEngine
import MarkdownNode

extension PostmortemParser.Reader {
    // MARK: Prose

    /// The section's text: its blocks' source lines, trimmed (a code block's kept as written), a blank line where
    /// the source has one.
    mutating func prose(_ body: Body, _ section: PostmortemSection) -> String {
        var paragraphs: [[String]] = [[]]
        if let first = body.blocks.first, let last = body.blocks.last {
            var kinds: [Int: Bool] = [:]  // line number: is code
            for block in body.blocks {
                let code: Bool
                if case .codeBlock = block.kind { code = true } else { code = false }
                var end = max(block.location.line, block.endLine)
                // cmark-gfm ends an indented code block after the blank lines that follow it.
                while code, end > block.location.line, source(end).trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
                for number in block.location.line...end { kinds[number] = code }
            }
            for number in first.location.line...max(first.location.line, last.endLine) {
                let code = kinds[number]
                let text = code == true ? source(number) : source(number).trimmingCharacters(in: .whitespaces)
                if code == nil || (code == false && text.isEmpty) {
                    if !paragraphs[paragraphs.count - 1].isEmpty { paragraphs.append([]) }
                } else {
                    paragraphs[paragraphs.count - 1].append(text)
                }
            }
        }
        let text = paragraphs.filter { !$0.isEmpty }.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
        if text.isEmpty { error("section '\(section.heading)' is empty", body.line, body.column) }
        return text
    }

    // MARK: Lists

    struct Item {
        var text: String
        var line: Int
        var column: Int
    }

    /// The section's list items, nested ones after their parent; text after an item continues it.
    mutating func items(_ body: Body, _ section: PostmortemSection) -> [Item] {
        var items: [Item] = []
        var hasContent = false
        for block in body.blocks where block.kind != .thematicBreak {
            hasContent = true
            if case .list = block.kind {
                for item in block.children { read(item, into: &items) }
                continue
            }
            for number in block.location.line...max(block.location.line, block.endLine) {
                let text = source(number).trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                if items.isEmpty {
                    error("section '\(section.heading)' is a list: start each entry with '- '", number, firstColumn(number))
                } else {
                    items[items.count - 1].text += " " + text
                }
            }
        }
        if items.isEmpty, !hasContent {
            error("section '\(section.heading)' is empty", body.line, body.column)
        }
        return items.filter { !$0.text.isEmpty }
    }

    /// One list item: its paragraph's source text (a leading `[ ]` or `[x]` box left out), its other blocks' text
    /// after it, then its nested lists' items.
    private mutating func read(_ item: MarkdownNode, into items: inout [Item]) {
        let blocks = item.blocks
        var text = "", line = item.location.line, column = item.location.column
        if let paragraph = blocks.first, paragraph.kind == .paragraph {
            text = sourceText(paragraph, separator: " ")
            line = paragraph.location.line
            column = paragraph.location.column
            let scalars = Array(text.unicodeScalars)
            if scalars.count >= 3, scalars[0] == "[", [" ", "x", "X"].contains(scalars[1]), scalars[2] == "]" {
                var i = 3
                while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
                text = Self.string(scalars[i...])
                column += i
            }
        }
        if text.isEmpty { error("an empty list item", item.location.line, item.location.column) }
        let rest = blocks.first?.kind == .paragraph ? Array(blocks.dropFirst()) : blocks
        let continuation = rest.filter { if case .list = $0.kind { return false } else { return !Self.isComment($0) } }
        for block in continuation {
            let more = sourceText(block, separator: " ")
            if !more.isEmpty { text += (text.isEmpty ? "" : " ") + more }
        }
        items.append(Item(text: text, line: line, column: column))
        for list in rest {
            guard case .list = list.kind else { continue }
            for nested in list.children { read(nested, into: &items) }
        }
    }

    // MARK: Tables

    struct Table {
        var header: [(text: String, column: Int)]
        var headerLine: Int
        var rows: [(line: Int, cells: [(text: String, column: Int)])]
    }

    /// The section's table when its first block is one, with errors for a broken table; `.some(nil)` when its first
    /// block was meant to be a table but cmark-gfm could not read one (the reason is reported).
    mutating func table(_ body: Body, _ section: PostmortemSection) -> Table?? {
        guard let first = body.blocks.first else { return .none }
        guard first.kind == .table else {
            guard first.kind == .paragraph, Self.startsWithPipe(source(first.location.line)) else { return .none }
            explainMissingTable(first, after: body.blocks.dropFirst().first)
            return .some(nil)
        }
        let rows = first.children.filter { $0.kind == .tableHeader || $0.kind == .tableRow }
        guard let headerRow = rows.first else { return .some(nil) }
        let header = headerRow.children.map { cell in (text: cell.plainText.trimmingCharacters(in: .whitespaces), column: cellColumn(cell)) }
        var table = Table(header: header, headerLine: headerRow.location.line, rows: [])
        for row in rows.dropFirst() {
            let number = row.location.line
            guard Self.hasPipe(source(number)) else {
                // GFM reads a line right below a table as one more row; the template asks for text after a blank line.
                error("text after the table in section '\(section.heading)'", number, firstColumn(number))
                continue
            }
            let cells = row.children.filter { $0.endColumn != 0 }  // the table extension pads short rows with cells of its own
            let count = cells.count + extraCells(row, after: cells.last)
            if count != header.count {
                error("this row has \(count) cells; the header has \(header.count)", number, firstColumn(number))
                continue
            }
            table.rows.append((number, cells.map { (text: cellText($0), column: cellColumn($0)) }))
        }
        for block in body.blocks.dropFirst() {
            for number in block.location.line...max(block.location.line, block.endLine) where !source(number).trimmingCharacters(in: .whitespaces).isEmpty {
                error("text after the table in section '\(section.heading)'", number, firstColumn(number))
            }
        }
        return .some(table)
    }

    /// Why a paragraph that starts like a table row is not a table: a delimiter row with a different number of
    /// cells (GFM then reads no table), or none.
    private mutating func explainMissingTable(_ paragraph: MarkdownNode, after next: MarkdownNode?) {
        let headerLine = paragraph.location.line
        let secondLine = paragraph.endLine > headerLine ? headerLine + 1 : next?.location.line
        if let secondLine, paragraph.endLine > headerLine, Self.isDelimiterRow(source(secondLine)) {
            let headerCells = Self.pipeCells(source(headerLine)), separatorCells = Self.pipeCells(source(secondLine))
            if headerCells != separatorCells {
                error("the separator row has \(separatorCells) cells; the header has \(headerCells)", secondLine, firstColumn(secondLine))
                return
            }
        }
        error("a table's second line separates its header from its rows: '|---|---|'", secondLine ?? headerLine, 1)
    }

    /// A cell's text as written: its source between its pipes, trimmed, `\|` read as `|`.
    private func cellText(_ cell: MarkdownNode) -> String {
        let scalars = Array(source(cell.location.line).unicodeScalars)
        let from = max(0, cell.location.column - 1), to = min(scalars.count, cell.endColumn)
        guard from < to else { return "" }
        return Self.string(scalars[from..<to]).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\|", with: "|")
    }

    /// Where a cell's text starts: its first character that is not a space, or the pipe that closes an empty cell.
    private func cellColumn(_ cell: MarkdownNode) -> Int {
        let scalars = Array(source(cell.location.line).unicodeScalars)
        var i = max(0, cell.location.column - 1)
        while i < min(scalars.count, cell.endColumn), scalars[i] == " " || scalars[i] == "\t" { i += 1 }
        return i < min(scalars.count, cell.endColumn) ? i + 1 : max(cell.location.column, cell.endColumn + 1)
    }

    /// The cells a row has beyond the header's, which GFM drops: what follows its last cell's closing pipe.
    private func extraCells(_ row: MarkdownNode, after last: MarkdownNode?) -> Int {
        guard let last else { return 0 }
        let scalars = Array(source(row.location.line).unicodeScalars)
        var i = last.endColumn
        guard i < scalars.count, scalars[i] == "|" else { return 0 }
        i += 1
        return Self.pipeCells(Self.string(scalars[i...]), leadingPipe: false)
    }

    /// How many cells a table line has: `|` at both ends optional, `\|` not a separator, a blank last cell not counted.
    static func pipeCells(_ line: String, leadingPipe: Bool = true) -> Int {
        var scalars = Array(line.unicodeScalars)[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        if leadingPipe, scalars.first == "|" { scalars = scalars.dropFirst() }
        var cells = 0, current = 0, escaped = false
        for scalar in scalars {
            if escaped { escaped = false; current += 1; continue }
            if scalar == "\\" { escaped = true; current += 1; continue }
            if scalar == "|" {
                cells += 1
                current = 0
            } else if scalar != " " && scalar != "\t" {
                current += 1
            }
        }
        return cells + (current > 0 ? 1 : 0)
    }

    /// A line made of pipes, dashes, colons and spaces, with a dash: what a table's delimiter row looks like.
    static func isDelimiterRow(_ line: String) -> Bool {
        line.contains("-") && line.unicodeScalars.allSatisfy { "|-: \t".unicodeScalars.contains($0) }
    }

    /// Whether a line has a `|` that is not escaped: a line of a table.
    static func hasPipe(_ line: String) -> Bool {
        var escaped = false
        for scalar in line.unicodeScalars {
            if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "|" { return true }
        }
        return false
    }

    static func startsWithPipe(_ line: String) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("|")
    }

    /// The column of `table` whose header is one of `names`.
    mutating func column(_ table: Table, _ names: [String], _ label: String, _ section: PostmortemSection) -> Int? {
        if let index = table.header.firstIndex(where: { names.contains(PostmortemSection.normalized($0.text)) }) { return index }
        error("the \(section.heading.lowercased()) table has no '\(label)' column", table.headerLine, 1)
        return nil
    }

    // MARK: Timeline and improvements

    mutating func timelineEntries(_ body: Body) -> [Postmortem.TimelineEntry] {
        switch table(body, .timeline) {
        case .some(nil): return []
        case .some(let table?):
            let time = column(table, ["time", "time (utc)", "when", "date", "date/time"], "Time", .timeline)
            let event = column(table, ["event", "what happened", "what", "description", "details"], "Event", .timeline)
            guard let time, let event else { return [] }
            var entries: [Postmortem.TimelineEntry] = []
            for row in table.rows {
                let t = row.cells[time], e = row.cells[event]
                guard let split = Self.splitTime(t.text), split.rest.isEmpty else {
                    error("'\(t.text)' is not a time: write 14:02, 14:02 UTC or 2026-10-14 14:02", row.line, t.column)
                    continue
                }
                if e.text.isEmpty { error("this timeline entry says nothing happened", row.line, e.column); continue }
                entries.append(.init(time: split.time, text: e.text))
            }
            if entries.isEmpty, table.rows.isEmpty { error("section 'Timeline' is empty", body.line, body.column) }
            return entries
        case .none:
            var entries: [Postmortem.TimelineEntry] = []
            for item in items(body, .timeline) {
                guard let split = Self.splitTime(item.text), !split.rest.isEmpty else {
                    error("a timeline entry starts with its time: '- 14:02 — WHAT HAPPENED'", item.line, item.column)
                    continue
                }
                entries.append(.init(time: split.time, text: split.rest))
            }
            return entries
        }
    }

    mutating func improvementEntries(_ body: Body) -> [Postmortem.Improvement] {
        var out: [Postmortem.Improvement] = []
        switch table(body, .improvements) {
        case .some(nil): return []
        case .some(let table?):
            let text = column(table, ["improvement", "improvements", "action", "action item", "item", "what"], "Improvement", .improvements)
            let owner = column(table, ["owner", "owners"], "Owner", .improvements)
            let due = column(table, ["due", "due date", "due by"], "Due", .improvements)
            guard let text, let owner, let due else { return [] }
            for row in table.rows {
                let t = row.cells[text], o = row.cells[owner], d = row.cells[due]
                var ok = true
                if t.text.isEmpty { error("this improvement has no text", row.line, t.column); ok = false }
                if o.text.isEmpty { error("this improvement has no owner", row.line, o.column); ok = false }
                if !Self.isDate(d.text) {
                    error(d.text.isEmpty ? "this improvement has no due date" : "'\(d.text)' is not a date: write YYYY-MM-DD", row.line, d.column)
                    ok = false
                }
                if ok { out.append(.init(text: t.text, owner: o.text, due: d.text)) }
            }
            if table.rows.isEmpty { error("section 'Improvements' is empty", body.line, body.column) }
        case .none:
            for item in items(body, .improvements) {
                if let parsed = improvement(item) { out.append(parsed) }
            }
        }
        return out
    }

    /// `TEXT (owner: ROLE, due: YYYY-MM-DD)`; the fields in any order, `,` or `;` between them.
    mutating func improvement(_ item: Item) -> Postmortem.Improvement? {
        let usage = "an improvement names its owner and due date: '- WHAT (owner: ROLE, due: YYYY-MM-DD)', or use a table with the columns Improvement, Owner and Due"
        let scalars = Array(item.text.unicodeScalars)
        guard scalars.last == ")", let open = scalars.lastIndex(of: "(") else {
            error(usage, item.line, item.column)
            return nil
        }
        let text = Self.string(scalars[..<open]).trimmingCharacters(in: .whitespaces)
        var owner: String?, due: (String, Int)?
        var offset = open + 1
        for part in Self.string(scalars[(open + 1)..<(scalars.count - 1)]).split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == ";" }) {
            let pieces = part.split(separator: ":", maxSplits: 1)
            if pieces.count == 2 {
                let key = pieces[0].trimmingCharacters(in: .whitespaces).lowercased()
                let value = pieces[1].trimmingCharacters(in: .whitespaces)
                let lead = pieces[1].unicodeScalars.prefix { $0 == " " }.count
                let valueOffset = offset + pieces[0].unicodeScalars.count + 1 + lead
                if key == "owner" { owner = value } else if key == "due" { due = (value, valueOffset) }
            }
            offset += part.unicodeScalars.count + 1
        }
        guard let owner, !owner.isEmpty, let due, !text.isEmpty else {
            error(usage, item.line, item.column)
            return nil
        }
        guard Self.isDate(due.0) else {
            error("'\(due.0)' is not a date: write YYYY-MM-DD", item.line, item.column + due.1)
            return nil
        }
        return .init(text: text, owner: owner, due: due.0)
    }
}
