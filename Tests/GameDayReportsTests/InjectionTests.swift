import Foundation
import Testing
@testable import GameDayReports

/// One test per escaping rule, on the injection drill: its ids, titles, messages, names and team carry script
/// tags, spreadsheet formulas, Markdown links and headings, path traversal and terminal escapes.
@Suite struct InjectionTests {
    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }

    /// The attack strings really are in the run (the fixture is not accidentally harmless).
    @Test func theFixtureCarriesTheAttacks() throws {
        let record = try Injection.record()
        #expect(record.report.title.contains("<script>alert(1)</script>"))
        #expect(record.report.title.contains("\u{1b}[31m"))
        #expect(record.report.team?.hasPrefix("@SUM(") == true)
        #expect(record.report.stories.contains { $0.title.hasPrefix("=cmd|") })
        #expect(record.report.stories.contains { $0.key.hasSuffix("/detection/../../etc/passwd") && $0.title == "../../../etc/passwd" })
        #expect(record.report.outcomes.contains { $0.title.contains("](javascript:x)\n# heading") })
        #expect(record.report.effects.contains { $0.command.contains("<script>") && $0.outcome.reason != nil })
    }

    /// HTML: every tag is one of the template's own, no event handler or link exists, and a CSP forbids scripts.
    @Test func html() throws {
        let html = try #require(try Injection.files()["report.html"])
        let allowed: Set<String> = ["!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "span",
                                    "code", "strong", "section", "ul", "li", "figure", "figcaption", "svg", "desc", "rect", "line",
                                    "text", "tspan", "path", "table", "thead", "tbody", "tr", "th", "td"]
        let tags = Set(Self.matches("</?[A-Za-z!][A-Za-z0-9-]*", in: html).map { $0.drop { $0 == "<" || $0 == "/" }.lowercased() })
        #expect(tags.isSubset(of: allowed), "unexpected tags: \(tags.subtracting(allowed))")
        #expect(Self.matches(#"<[^>]*\son[a-z]+\s*="#, in: html).isEmpty, "an event handler attribute")
        #expect(!html.contains("href=") && !html.contains("src=\""), "a link or a source attribute")
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'"), "the Content-Security-Policy")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    /// CSV: no cell starts with a formula character; the attacks are there, neutralised with a quote.
    @Test func csv() throws {
        let rows = try StoryExportTests.parseCSV(try #require(try Injection.files()["stories.csv"]))
        for cell in rows.joined() {
            let first = cell.first { $0 != " " }
            #expect(!["=", "+", "-", "@", "\t", "\r", "\n"].contains(first), "a formula cell: \(cell.debugDescription)")
        }
        let titles = rows.dropFirst().map { $0[0] }
        #expect(titles.contains("'=cmd|' /C calc'!A0"))
        #expect(titles.contains("'-2+3+cmd|' /C calc'!A0"))
        #expect(rows.dropFirst().allSatisfy { $0[3] == "'@evil-role" || !$0[3].hasPrefix("@") })
        #expect(rows.dropFirst().allSatisfy { $0[9].hasPrefix("'@SUM(") })
    }

    /// Markdown: the document's headings are its own, tables keep their columns, and no link, HTML or code can open.
    @Test func markdown() throws {
        let files = try Injection.files()
        let md = try #require(files["report.md"])
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
        #expect(headings.first?.hasPrefix("# Debrief: ") == true)
        #expect(headings.filter { $0.hasPrefix("## ") } == [
            "## Exercise overview", "## Summary", "## Impact", "## Timeline", "## Strengths and areas for improvement",
            "## Decisions and notes", "## Outcomes", "## Root cause and contributing factors", "## Improvement plan", "## Metrics",
        ])
        let phases: Set<String> = ["### Detect", "### Contain", "### Eradicate", "### Recover", "### Learn", "### Across the phases"]
        #expect(headings.filter { $0.hasPrefix("### ") }.allSatisfy(phases.contains), "\(headings)")
        #expect(headings.allSatisfy { $0.hasPrefix("# Debrief: ") || $0.hasPrefix("## ") || $0.hasPrefix("### ") })
        for pattern in [#"(?<!\\)\]\("#, #"(?<!\\)<"#, #"(?<!\\)`"#] {
            #expect(Self.matches(pattern, in: md).isEmpty, "\(pattern) found in report.md")
        }
        // Every table keeps its shape: each row has exactly as many unescaped cell separators as its header.
        var tables: [[Substring]] = [[]]
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") { tables[tables.count - 1].append(line) } else if !(tables.last ?? []).isEmpty { tables.append([]) }
        }
        tables.removeAll { $0.isEmpty }
        #expect(tables.count >= 5)
        #expect(tables.map(\.count).reduce(0, +) > 30)
        for table in tables {
            let header = Self.matches(#"(?<!\\)\|"#, in: String(table[0])).count
            for row in table {
                #expect(Self.matches(#"(?<!\\)\|"#, in: String(row)).count == header, "a table row lost its shape: \(row)")
            }
        }
        for (path, text) in files where path.hasPrefix("stories/") {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.filter { $0 == "---" }.count == 2, "\(path): the front matter is not closed exactly once")
            let storyHeadings = lines.filter { $0.hasPrefix("#") }
            #expect(storyHeadings.count == 3 && storyHeadings[1] == "## Why" && storyHeadings[2] == "## Done when", "\(path): \(storyHeadings)")
            let body = lines.drop { $0 != "---" }.dropFirst().drop { $0 != "---" }.joined(separator: "\n")
            #expect(Self.matches(#"(?<!\\)\]\("#, in: body).isEmpty && Self.matches(#"(?<!\\)<"#, in: body).isEmpty, "\(path)")
        }
    }

    /// File names: every file is a plain path inside the folder, whatever the story titles and detection names say.
    @Test func fileNames() throws {
        let files = try Injection.files()
        for path in files.keys {
            #expect(Self.matches(#"^(report\.(md|html|json)|junit\.xml|stories\.(csv|json)|stories/[0-9]{2}-[a-z0-9-]+\.md)$"#, in: path).count == 1,
                    "\(path)")
        }
        #expect(files["stories/05-detection-etc-passwd.md"] != nil)
        #expect(try Injection.record().identity.id == "injection-2026-11-29-sum-1-1-cmd-c-calc-a0-x")

        let parent = try ExternalTool.scratchFolder("injection-write")
        defer { try? FileManager.default.removeItem(at: parent) }
        let written = try ReportWriter.writeNew(try Examples.files(try Injection.record()), in: parent, named: try Injection.record().identity.id)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [written.lastPathComponent])
        #expect(throws: ReportError.self) {
            try ReportWriter.write([ReportFile(path: "../escaped.md", contents: "x")], to: parent.appendingPathComponent("out"))
        }
        #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("escaped.md").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == [written.lastPathComponent], "nothing half-written")
    }

    /// Terminal and every other output: no control character from the drill survives anywhere, as a byte.
    @Test func noControlCharacterInAnyOutput() throws {
        for (path, text) in try Injection.files() {
            let bad = text.unicodeScalars.filter { UntrustedText.isControl($0) && $0 != "\n" && $0 != "\t" }
            #expect(bad.isEmpty, "\(path) holds control characters: \(bad.map { String($0.value, radix: 16) })")
        }
        let files = try Injection.files()
        for path in ["report.md", "report.html", "junit.xml", "stories.csv", "stories/03-ansi.md"] {
            #expect(files[path]?.contains("u{1b}") == true, "\(path): the escape is shown, not dropped")
        }
        let json = try #require(try Injection.files()["report.json"])
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }
}
