import Foundation
import GameDayEngine
import MarkdownNode

/// Reads a postmortem written in the template of `postmortems/TEMPLATE.md`, reporting every deviation at its place.
///
/// The Markdown is read by cmark-gfm (`MarkdownParser`): headings, paragraphs, lists, tables, code blocks and HTML
/// comments are what CommonMark with GFM tables says they are. The texts the postmortem keeps (its prose, list
/// entries and table cells) are the source text of the blocks cmark-gfm found, so that they read as they were
/// written, markup included.
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
        let parsed = MarkdownParser.parse(bytes: Array(text.utf8), file: file, limits: MarkdownParser.Limits(maxBytes: maxBytes))
        guard let document = parsed.document, !parsed.diagnostics.contains(where: { $0.severity == .error }) else {
            return LoadResult(value: nil, diagnostics: parsed.diagnostics.sorted())
        }
        var reader = Reader(document: document)
        let value = reader.read()
        let diagnostics = reader.diagnostics.sorted()
        return LoadResult(value: diagnostics.contains { $0.severity == .error } ? nil : value, diagnostics: diagnostics)
    }
}

extension PostmortemParser {
    /// One pass over the document's blocks, collecting diagnostics.
    struct Reader {
        let document: MarkdownDocument
        var diagnostics: [Diagnostic] = []
        /// Source lines with their inline HTML comments taken out, by line number.
        let commentFree: [Int: String]

        /// A `## ` section's heading place and the blocks under it.
        struct Body {
            var line: Int
            var column: Int
            var blocks: [MarkdownNode] = []
        }

        init(document: MarkdownDocument) {
            self.document = document
            commentFree = Self.linesWithoutInlineComments(document)
        }

        var file: String { document.file }

        mutating func error(_ message: String, _ line: Int, _ column: Int) {
            diagnostics.append(.error(message, at: SourceLocation(file: file, line: line, column: column)))
        }

        mutating func read() -> Postmortem? {
            // HTML comments are not part of the postmortem; other HTML blocks are text like any other.
            let blocks = document.root.children.filter { !Self.isComment($0) }
            var index = 0
            var title: String?
            var top = (line: 1, column: 1)
            var skipFirstLine = false
            if let first = blocks.first, case .heading(1) = first.kind {
                top = (first.location.line, 1)
                let text = Self.droppingPrefix(first.plainText.trimmingCharacters(in: .whitespaces))
                if text.isEmpty { error("the title is empty", top.line, headingTextColumn(first)) } else { title = text }
                index = 1
            } else {
                top = (blocks.first?.location.line ?? 1, 1)
                error("a postmortem starts with its title: '# TITLE'", top.line, 1)
                // A first line that is not a field either is the title written without '# ': report it once.
                if let first = blocks.first, !Self.isHeading(first),
                   let line = lines(of: first).first, Self.field(line.text) == nil {
                    skipFirstLine = true
                }
            }

            var fields: [String: (value: String, line: Int, column: Int)] = [:]
            var near: [(key: String, line: Int, column: Int)] = []
            while index < blocks.count, !Self.isHeading(blocks[index]) {
                var fieldLines = lines(of: blocks[index])
                index += 1
                if skipFirstLine { fieldLines = Array(fieldLines.dropFirst()); skipFirstLine = false }
                for line in fieldLines {
                    guard let field = Self.field(line.text) else {
                        error("expected a field like 'Date: YYYY-MM-DD' between the title and the first section", line.number, firstColumn(line.number))
                        continue
                    }
                    let keyColumn = column(of: field.key, onLine: line.number, from: 1)
                    let key = field.key.lowercased()
                    let name = key == "incident date" ? "date" : key
                    guard ["date", "severity", "team"].contains(name) else {
                        near.append((field.key, line.number, keyColumn))
                        continue
                    }
                    if fields[name] != nil {
                        error("field '\(field.key)' appears twice", line.number, keyColumn)
                    } else if field.value.isEmpty {
                        error("field '\(field.key)' has no value", line.number, keyColumn)
                    } else {
                        let valueColumn = column(of: field.value, onLine: line.number, from: keyColumn + field.key.unicodeScalars.count)
                        fields[name] = (field.value, line.number, valueColumn)
                    }
                }
            }
            for unknown in near {
                guard let fix = Suggestion.closest(to: unknown.key.lowercased(), in: ["date", "severity", "team"]) else { continue }
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
            while index < blocks.count {
                let block = blocks[index]
                index += 1
                if case .heading(let level) = block.kind, level <= 2 {
                    current = nil
                    let text = block.plainText.trimmingCharacters(in: .whitespaces)
                    let column = headingTextColumn(block)
                    if level == 1 {
                        error("a postmortem has one '# ' title; its sections are '## NAME'", block.location.line, 1)
                    } else if let section = PostmortemSection(heading: text) {
                        if bodies[section] != nil {
                            error("section '\(section.heading)' appears twice", block.location.line, column)
                        } else {
                            bodies[section] = Body(line: block.location.line, column: column)
                            current = section
                        }
                    } else {
                        error("unknown section '\(text)'" + PostmortemSection.hint(for: text), block.location.line, column)
                    }
                    continue
                }
                if let current { bodies[current]!.blocks.append(block) }
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

        // MARK: Places and lines

        /// The source line `number` (1-based), inline HTML comments taken out.
        func source(_ number: Int) -> String {
            if let text = commentFree[number] { return text }
            guard number >= 1, number <= document.lines.count else { return "" }
            return String(document.lines[number - 1])
        }

        /// The column of the first character of line `number` that is not a space or a tab (1 for a blank line).
        func firstColumn(_ number: Int) -> Int {
            (source(number).unicodeScalars.firstIndex { $0 != " " && $0 != "\t" }
                .map { source(number).unicodeScalars.distance(from: source(number).unicodeScalars.startIndex, to: $0) } ?? 0) + 1
        }

        /// The column where `text` first occurs on line `number` at or after column `from`; `from` when it does not.
        func column(of text: String, onLine number: Int, from: Int) -> Int {
            let scalars = Array(source(number).unicodeScalars), needle = Array(text.unicodeScalars)
            guard !needle.isEmpty else { return from }
            var i = max(0, from - 1)
            while i + needle.count <= scalars.count {
                if Array(scalars[i..<(i + needle.count)]) == needle { return i + 1 }
                i += 1
            }
            return from
        }

        /// Where a heading's text starts: its first inline's column, else after its `#` marks.
        func headingTextColumn(_ heading: MarkdownNode) -> Int {
            if let first = heading.children.first { return first.location.column }
            let scalars = Array(source(heading.location.line).unicodeScalars)
            var i = heading.location.column - 1
            while i < scalars.count, scalars[i] == "#" { i += 1 }
            while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 }
            return i + 1
        }

        /// One line of text as a reader sees it, and its line number.
        struct Line {
            var number: Int
            var text: String
        }

        /// The lines of a block for the fields under the title: a paragraph's lines as cmark-gfm reads them (markup
        /// dropped, so `**Date:** 2026-10-14` reads `Date: 2026-10-14`), each list item's lines, and any other block's
        /// source lines; thematic breaks have none.
        func lines(of block: MarkdownNode) -> [Line] {
            switch block.kind {
            case .thematicBreak: return []
            case .paragraph, .heading: return Self.inlineLines(block)
            case .list:
                return block.children.flatMap { item -> [Line] in
                    let blocks = item.blocks
                    if blocks.isEmpty { return [Line(number: item.location.line, text: "")] }
                    return blocks.flatMap { lines(of: $0) }
                }
            default:
                return (block.location.line...block.endLine).compactMap { number in
                    let text = source(number).trimmingCharacters(in: .whitespaces)
                    return text.isEmpty ? nil : Line(number: number, text: text)
                }
            }
        }

        /// A paragraph's inlines split at its line breaks, each line as plain text.
        static func inlineLines(_ paragraph: MarkdownNode) -> [Line] {
            var lines = [Line(number: paragraph.location.line, text: "")]
            for child in paragraph.children {
                if child.kind == .softBreak || child.kind == .lineBreak {
                    lines.append(Line(number: paragraph.location.line + lines.count, text: ""))
                } else {
                    lines[lines.count - 1].text += child.plainText
                }
            }
            return lines.map { Line(number: $0.number, text: $0.text.trimmingCharacters(in: .whitespaces)) }
        }

        /// The source text of a block, from its first character, its lines trimmed and joined by `separator`.
        func sourceText(_ block: MarkdownNode, separator: String) -> String {
            var parts: [String] = []
            for number in block.location.line...max(block.location.line, block.endLine) {
                var scalars = Substring(source(number)).unicodeScalars[...]
                if number == block.location.line { scalars = scalars.dropFirst(max(0, block.location.column - 1)) }
                let text = String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { parts.append(text) }
            }
            return parts.joined(separator: separator)
        }

        static func isHeading(_ block: MarkdownNode) -> Bool {
            if case .heading = block.kind { return true }
            return false
        }

        /// An HTML block that is a comment (`<!-- ... -->`): ignored wherever it is.
        static func isComment(_ block: MarkdownNode) -> Bool {
            block.kind == .htmlBlock && block.literal.drop { $0 == " " || $0 == "\t" }.hasPrefix("<!--")
        }

        /// Every source line that holds an inline HTML comment, with the comment taken out.
        static func linesWithoutInlineComments(_ document: MarkdownDocument) -> [Int: String] {
            var lines: [Int: String] = [:]
            func visit(_ node: MarkdownNode) {
                if node.kind == .htmlInline, node.literal.hasPrefix("<!--") {
                    for (offset, piece) in node.literal.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                        let number = node.location.line + offset
                        guard number >= 1, number <= document.lines.count else { continue }
                        let text = lines[number] ?? String(document.lines[number - 1])
                        let part = offset == 0 ? String(piece) : piece.trimmingCharacters(in: .whitespaces)
                        if !part.isEmpty, let range = text.range(of: part) { lines[number] = text.replacingCharacters(in: range, with: "") }
                    }
                }
                for child in node.children { visit(child) }
            }
            visit(document.root)
            return lines
        }
    }
}
