import Foundation
import GameDayEngine

/// Reads a postmortem written in the template of `postmortems/TEMPLATE.md`, reporting every deviation at its place.
public struct PostmortemParser: Sendable {
    /// The largest file read, in bytes.
    public var maxBytes: Int

    /// A parser refusing files larger than `maxBytes` (the drill files' limit by default).
    public init(maxBytes: Int = YAMLLimits.standard.maxBytes) {
        self.maxBytes = maxBytes
    }

    /// Reads and parses the file at `path`.
    public func load(path: String) -> LoadResult<Postmortem> {
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            return LoadResult(value: nil, diagnostics: [.error("cannot read the file", at: start)])
        }
        guard data.count <= maxBytes else {
            return LoadResult(value: nil, diagnostics: [.error("the file is larger than \(maxBytes) bytes", at: start)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return LoadResult(value: nil, diagnostics: [.error("the file is not UTF-8 text", at: start)])
        }
        return parse(text, file: path)
    }

    /// Parses Markdown `text`; `file` names it in diagnostics.
    public func parse(_ text: String, file: String) -> LoadResult<Postmortem> {
        var reader = Reader(file: file, lines: MarkdownLine.lines(of: text))
        let value = reader.read()
        let diagnostics = reader.diagnostics.sorted()
        return LoadResult(value: diagnostics.contains { $0.severity == .error } ? nil : value, diagnostics: diagnostics)
    }
}

extension PostmortemParser {
    /// One pass over the lines, collecting diagnostics.
    struct Reader {
        let file: String
        let lines: [MarkdownLine]
        var diagnostics: [Diagnostic] = []

        struct Body {
            var line: Int
            var column: Int
            var lines: [MarkdownLine] = []
        }

        init(file: String, lines: [MarkdownLine]) {
            self.file = file
            self.lines = lines
        }

        mutating func error(_ message: String, _ line: Int, _ column: Int) {
            diagnostics.append(.error(message, at: SourceLocation(file: file, line: line, column: column)))
        }

        mutating func read() -> Postmortem? {
            var index = 0
            while index < lines.count, lines[index].isBlank { index += 1 }
            var title: String?
            var top = (line: 1, column: 1)
            if index < lines.count, let heading = lines[index].heading, heading.level == 1 {
                top = (lines[index].number, 1)
                let text = Self.droppingPrefix(heading.text)
                if text.isEmpty { error("the title is empty", top.line, heading.column) } else { title = text }
                index += 1
            } else {
                top = (index < lines.count ? lines[index].number : 1, 1)
                error("a postmortem starts with its title: '# TITLE'", top.line, 1)
                // A first line that is not a field either is the title written without '# ': report it once.
                if index < lines.count, lines[index].heading == nil, Self.field(lines[index]) == nil { index += 1 }
            }

            var fields: [String: (value: String, line: Int, column: Int)] = [:]
            var near: [(key: String, line: Int, column: Int)] = []
            while index < lines.count, lines[index].heading == nil {
                let line = lines[index]
                index += 1
                guard !line.isBlank, !line.isRule else { continue }
                guard let field = Self.field(line) else {
                    error("expected a field like 'Date: YYYY-MM-DD' between the title and the first section", line.number, line.firstColumn)
                    continue
                }
                let key = field.key.lowercased()
                let name = key == "incident date" ? "date" : key
                guard ["date", "severity", "team"].contains(name) else {
                    near.append((field.key, line.number, field.keyColumn))
                    continue
                }
                if fields[name] != nil {
                    error("field '\(field.key)' appears twice", line.number, field.keyColumn)
                } else if field.value.isEmpty {
                    error("field '\(field.key)' has no value", line.number, field.keyColumn)
                } else {
                    fields[name] = (field.value, line.number, field.valueColumn)
                }
            }
            for unknown in near where Suggestion.closest(to: unknown.key.lowercased(), in: ["date", "severity", "team"]) != nil {
                let fix = Suggestion.closest(to: unknown.key.lowercased(), in: ["date", "severity", "team"])!
                if fields[fix] == nil { error("unknown field '\(unknown.key)'; did you mean '\(fix.prefix(1).uppercased() + fix.dropFirst())'?", unknown.line, unknown.column) }
            }

            var date: String?
            if let field = fields["date"] {
                if Self.isDate(field.value) { date = field.value } else {
                    error("'\(field.value)' is not a date: write YYYY-MM-DD", field.line, field.column)
                }
            } else if !near.contains(where: { Suggestion.closest(to: $0.key.lowercased(), in: ["date"]) != nil }) {
                error("the postmortem has no 'Date: YYYY-MM-DD' line under its title", top.line, top.column)
            }
            var severity: Severity?
            if let field = fields["severity"] {
                severity = Self.severity(field.value)
                if severity == nil { error("'\(field.value)' is not a severity: use one of P1, P2, P3, P4", field.line, field.column) }
            }

            var bodies: [PostmortemSection: Body] = [:]
            var current: PostmortemSection?
            while index < lines.count {
                let line = lines[index]
                index += 1
                if let heading = line.heading, heading.level <= 2 {
                    current = nil
                    if heading.level == 1 {
                        error("a postmortem has one '# ' title; its sections are '## NAME'", line.number, 1)
                    } else if let section = PostmortemSection(heading: heading.text) {
                        if bodies[section] != nil {
                            error("section '\(section.heading)' appears twice", line.number, heading.column)
                        } else {
                            bodies[section] = Body(line: line.number, column: heading.column)
                            current = section
                        }
                    } else {
                        error("unknown section '\(heading.text)'" + PostmortemSection.hint(for: heading.text), line.number, heading.column)
                    }
                    continue
                }
                if let current { bodies[current]!.lines.append(line) }
            }
            for section in PostmortemSection.allCases where bodies[section] == nil {
                error("the postmortem has no '## \(section.heading)' section", top.line, top.column)
            }

            let summary = bodies[.summary].map { prose($0, .summary) } ?? ""
            let impact = bodies[.impact].map { prose($0, .impact) } ?? ""
            let rootCause = bodies[.rootCause].map { prose($0, .rootCause) } ?? ""
            let timeline = bodies[.timeline].map { timelineEntries($0) } ?? []
            let factors = bodies[.contributingFactors].map { items($0, .contributingFactors).map(\.text) } ?? []
            let well = bodies[.wentWell].map { items($0, .wentWell).map(\.text) } ?? []
            let poorly = bodies[.wentPoorly].map { items($0, .wentPoorly).map(\.text) } ?? []
            let improvements = bodies[.improvements].map { improvementEntries($0) } ?? []
            guard let title, let date else { return nil }
            return Postmortem(title: title, date: date, severity: severity, team: fields["team"]?.value, summary: summary,
                              impact: impact, timeline: timeline, rootCause: rootCause, contributingFactors: factors,
                              wentWell: well, wentPoorly: poorly, improvements: improvements)
        }

        // MARK: Sections

        /// Paragraphs of text, blank lines between them kept as one empty line.
        mutating func prose(_ body: Body, _ section: PostmortemSection) -> String {
            var paragraphs: [[String]] = [[]]
            for line in body.lines {
                if line.isBlank && !line.isCode {
                    if !paragraphs[paragraphs.count - 1].isEmpty { paragraphs.append([]) }
                } else {
                    paragraphs[paragraphs.count - 1].append(line.isCode ? line.text : line.trimmed)
                }
            }
            let text = paragraphs.filter { !$0.isEmpty }.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
            if text.isEmpty { error("section '\(section.heading)' is empty", body.line, body.column) }
            return text
        }

        struct Item {
            var text: String
            var line: Int
            var column: Int
        }

        /// List items; a line without a marker continues the item above it.
        mutating func items(_ body: Body, _ section: PostmortemSection) -> [Item] {
            var items: [Item] = []
            for line in body.lines where !line.isBlank && !line.isRule {
                if let item = line.listItem {
                    if item.text.isEmpty { error("an empty list item", line.number, item.markerColumn) }
                    items.append(Item(text: item.text, line: line.number, column: item.column))
                } else if items.isEmpty {
                    error("section '\(section.heading)' is a list: start each entry with '- '", line.number, line.firstColumn)
                } else {
                    items[items.count - 1].text += " " + line.trimmed
                }
            }
            if items.isEmpty, !body.lines.contains(where: { !$0.isBlank && !$0.isRule }) {
                error("section '\(section.heading)' is empty", body.line, body.column)
            }
            return items.filter { !$0.text.isEmpty }
        }

        struct Table {
            var header: [(text: String, column: Int)]
            var headerLine: Int
            var rows: [(line: Int, cells: [(text: String, column: Int)])]
        }

        /// The section's table when its first line is a table row, with errors for a broken table.
        mutating func table(_ body: Body, _ section: PostmortemSection) -> Table?? {
            let content = body.lines.filter { !$0.isBlank }
            guard let first = content.first, let header = first.tableCells else { return .none }
            guard content.count >= 2, content[1].isTableSeparator else {
                error("a table's second line separates its header from its rows: '|---|---|'", content.count >= 2 ? content[1].number : first.number, 1)
                return .some(nil)
            }
            if let separator = content[1].tableCells, separator.count != header.count {
                error("the separator row has \(separator.count) cells; the header has \(header.count)", content[1].number, content[1].firstColumn)
                return .some(nil)
            }
            var rows: [(Int, [(text: String, column: Int)])] = []
            for line in content.dropFirst(2) {
                guard let cells = line.tableCells else {
                    error("text after the table in section '\(section.heading)'", line.number, line.firstColumn)
                    continue
                }
                if cells.count != header.count {
                    error("this row has \(cells.count) cells; the header has \(header.count)", line.number, line.firstColumn)
                    continue
                }
                rows.append((line.number, cells))
            }
            return .some(Table(header: header, headerLine: first.number, rows: rows))
        }

        /// The column of `table` whose header is one of `names`.
        mutating func column(_ table: Table, _ names: [String], _ label: String, _ section: PostmortemSection) -> Int? {
            if let index = table.header.firstIndex(where: { names.contains(PostmortemSection.normalized($0.text)) }) { return index }
            error("the \(section.heading.lowercased()) table has no '\(label)' column", table.headerLine, 1)
            return nil
        }

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
            let text = MarkdownLine.string(scalars[..<open]).trimmingCharacters(in: .whitespaces)
            var owner: String?, due: (String, Int)?
            var offset = open + 1
            for part in MarkdownLine.string(scalars[(open + 1)..<(scalars.count - 1)]).split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == ";" }) {
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

        // MARK: Small readers

        /// `Key: value`, `- Key: value`, `**Key:** value` or `**Key**: value`.
        static func field(_ line: MarkdownLine) -> (key: String, keyColumn: Int, value: String, valueColumn: Int)? {
            let s = Array(line.text.unicodeScalars)
            var i = 0
            while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
            if i + 1 < s.count, s[i] == "-" || s[i] == "*" || s[i] == "+", s[i + 1] == " " {
                i += 2
                while i < s.count, s[i] == " " { i += 1 }
            }
            var bold = false
            if i + 1 < s.count, s[i] == "*", s[i + 1] == "*" { bold = true; i += 2 }
            let keyStart = i
            guard let colon = s[i...].firstIndex(of: ":") else { return nil }
            var key = MarkdownLine.string(s[keyStart..<colon]).trimmingCharacters(in: .whitespaces)
            var j = colon + 1
            if bold {
                if key.hasSuffix("**") { key.removeLast(2) } else if j + 1 < s.count, s[j] == "*", s[j + 1] == "*" { j += 2 } else { return nil }
            }
            guard !key.isEmpty, key.unicodeScalars.allSatisfy({ CharacterSet.letters.contains($0) || $0 == " " || $0 == "-" }) else { return nil }
            while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
            return (key.trimmingCharacters(in: .whitespaces), keyStart + 1, MarkdownLine.string(s[j...]).trimmingCharacters(in: .whitespaces), j + 1)
        }

        /// A title without a leading `Postmortem:`.
        static func droppingPrefix(_ title: String) -> String {
            for prefix in ["postmortem:", "post-mortem:", "postmortem -", "postmortem —"] where title.lowercased().hasPrefix(prefix) {
                return String(title.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            }
            return title
        }

        /// `P1`..`P4`, also written `SEV1`, `SEV-1` or `SEV 1`.
        static func severity(_ text: String) -> Severity? {
            let upper = text.uppercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "")
            if let severity = Severity(rawValue: upper) { return severity }
            if upper.hasPrefix("SEV") { return Severity(rawValue: "P" + upper.dropFirst(3)) }
            return nil
        }

        /// A real `YYYY-MM-DD` day.
        static func isDate(_ text: String) -> Bool {
            text.count == 10 && Timestamp.parse(text + "T00:00:00Z") != nil
        }

        /// A leading time (`14:02`, `14:02:30`, `2026-10-14`, `2026-10-14 14:02`, each with an optional ` UTC`)
        /// and the text after it and its separator (`—`, `–`, `-`, `:`, `|`).
        static func splitTime(_ text: String) -> (time: String, rest: String)? {
            let s = Array(text.unicodeScalars)
            func digits(_ at: Int, _ count: Int) -> Int? {
                guard at + count <= s.count, s[at..<(at + count)].allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
                return Int(MarkdownLine.string(s[at..<(at + count)]))
            }
            var i = 0
            var sawDate = false, sawTime = false
            if digits(0, 4) != nil, s.count >= 10, s[4] == "-", digits(5, 2) != nil, s[7] == "-", digits(8, 2) != nil {
                guard isDate(MarkdownLine.string(s[0..<10])) else { return nil }
                i = 10
                sawDate = true
                if i < s.count, s[i] == " " || s[i] == "T", clock(s, i + 1) != nil { i += 1 }
            }
            if let end = clock(s, i) { i = end; sawTime = true }
            guard sawDate || sawTime else { return nil }
            var timeEnd = i
            var k = i
            while k < s.count, s[k] == " " { k += 1 }
            if k + 3 <= s.count, MarkdownLine.string(s[k..<(k + 3)]) == "UTC" { timeEnd = k + 3; i = k + 3 } else if k < s.count, s[k] == "Z", k == i { timeEnd = k + 1; i = k + 1 }
            let time = MarkdownLine.string(s[0..<timeEnd])
            if i == s.count { return (time, "") }
            guard s[i] == " " || s[i] == "\t" || ["—", "–", "-", ":", "|"].contains(s[i]) else { return nil }
            while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
            if i < s.count, ["—", "–", "-", ":", "|"].contains(s[i]) { i += 1 }
            let rest = MarkdownLine.string(s[i...]).trimmingCharacters(in: .whitespaces)
            return (time, rest)
        }

        /// The end of an `H:MM` or `HH:MM[:SS]` clock starting at `at`, hours below 24, minutes and seconds below 60.
        static func clock(_ s: [Unicode.Scalar], _ at: Int) -> Int? {
            func digit(_ i: Int) -> Int? { i < s.count && ("0"..."9").contains(s[i]) ? Int(s[i].value - 48) : nil }
            var i = at
            guard let h1 = digit(i) else { return nil }
            var hours = h1
            i += 1
            if let h2 = digit(i) { hours = hours * 10 + h2; i += 1 }
            guard hours < 24, i < s.count, s[i] == ":", let m1 = digit(i + 1), let m2 = digit(i + 2), m1 * 10 + m2 < 60 else { return nil }
            i += 3
            if i < s.count, s[i] == ":", let s1 = digit(i + 1), let s2 = digit(i + 2), s1 * 10 + s2 < 60 { i += 3 }
            if digit(i) != nil { return nil }
            return i
        }
    }
}
