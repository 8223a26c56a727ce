import Foundation
import GameDayEngine
import GameDayStore
import Testing

/// The postmortem importer reads Markdown with cmark-gfm. These are the edge cases where CommonMark (with GFM tables)
/// reads a file differently from the line reader it replaced, and the ones where the importer keeps the old reading
/// on purpose; README "Postmortems" lists the same.
@Suite struct PostmortemMarkdownTests {
    /// A postmortem with every section, `sections` replacing the named ones (heading line included).
    static func postmortem(header: String = "# Registry outage\nDate: 2026-09-30\n", _ sections: [String: String] = [:]) -> String {
        let defaults: [(String, String)] = [
            ("Summary", "## Summary\nThe registry was down.\n"), ("Impact", "## Impact\nDeploys failed.\n"),
            ("Timeline", "## Timeline\n- 10:00 — the disk fills\n"), ("Root cause", "## Root cause\nDisk full.\n"),
            ("Contributing factors", "## Contributing factors\n- No alert\n"), ("What went well", "## What went well\n- Quick fix\n"),
            ("What went poorly", "## What went poorly\n- Slow comms\n"),
            ("Improvements", "## Improvements\n- Alert on disk usage (owner: ops-lead, due: 2026-10-15)\n"),
        ]
        return header + "\n" + defaults.map { sections[$0.0] ?? $0.1 }.joined(separator: "\n")
    }

    static func parse(_ text: String) -> LoadResult<Postmortem> { PostmortemParser().parse(text, file: "p.md") }

    static func messages(_ text: String) -> [String] { parse(text).diagnostics.map(\.description) }

    @Test func theBaseIsValid() throws {
        let p = try #require(Self.parse(Self.postmortem()).value)
        #expect(p.title == "Registry outage" && p.timeline == [.init(time: "10:00", text: "the disk fills")])
    }

    // MARK: Where CommonMark reads differently from the old line reader

    /// `---` right under the fields makes them a setext heading (the old reader skipped the rule): leave a blank line.
    @Test func aRuleRightUnderTheFieldsTurnsThemIntoAHeading() {
        #expect(Self.messages(Self.postmortem(header: "# Registry outage\nDate: 2026-09-30\n---\n")) == [
            "p.md:1:1: error: the postmortem has no 'Date: YYYY-MM-DD' line under its title",
            "p.md:2:1: error: unknown section 'Date: 2026-09-30': the template's sections are Summary, Impact, Timeline, Root cause, Contributing factors, What went well, What went poorly, Improvements",
        ])
        #expect(Self.parse(Self.postmortem(header: "# Registry outage\nDate: 2026-09-30\n\n---\n")).value != nil)
    }

    /// A table without outer pipes is a GFM table (the old reader wanted a leading `|`).
    @Test func aTableWithoutOuterPipesIsATable() throws {
        let p = try #require(Self.parse(Self.postmortem(["Timeline": "## Timeline\nTime | Event\n--- | ---\n14:02 | advisory\n"])).value)
        #expect(p.timeline == [.init(time: "14:02", text: "advisory")])
    }

    /// Setext headings are headings, and markup in a heading is read as its text (the old reader saw neither).
    @Test func setextHeadingsAndMarkupInHeadingsAreRead() throws {
        let text = Self.postmortem(header: "Registry *outage*\n=================\n\nDate: 2026-09-30\n", ["Impact": "**Impact**\n----------\nDeploys failed.\n"])
        let p = try #require(Self.parse(text).value, "\(Self.messages(text))")
        #expect(p.title == "Registry outage" && p.impact == "Deploys failed.")
    }

    /// An indented code block is code: its lines are kept as written (the old reader trimmed them).
    @Test func indentedCodeIsKeptAsWritten() throws {
        let p = try #require(Self.parse(Self.postmortem(["Root cause": "## Root cause\n\n    df -h: 100%\n"])).value)
        #expect(p.rootCause == "    df -h: 100%", "\(p.rootCause.debugDescription)")
    }

    /// An HTML comment inside a paragraph is taken out of its text (the old reader left spaces in its place).
    @Test func anInlineCommentIsTakenOut() throws {
        let p = try #require(Self.parse(Self.postmortem(["Summary": "## Summary\nThe registry <!-- which one? --> was down.\n"])).value)
        #expect(p.summary == "The registry  was down.")
    }

    /// Control characters and absurd nesting are refused at their place (the old reader let them through).
    @Test func controlCharactersAndDeepNestingAreRefused() {
        #expect(Self.messages(Self.postmortem(["Summary": "## Summary\nThe registry\u{07} was down.\n"]))
                == ["p.md:5:13: error: the text holds the control character U+0007; remove it"])
        let deep = Self.postmortem(["Summary": "## Summary\n" + String(repeating: "> ", count: 100) + "down\n"])
        #expect(Self.messages(deep).contains { $0.contains("error: the Markdown is nested more than 64 levels deep") })
    }

    // MARK: Where the importer keeps the old reading

    /// A line right below a table is one more row to GFM; the importer reports it as text after the table, as before.
    @Test func textRightBelowATableIsTextAfterIt() {
        let table = "## Timeline\n| Time | Event |\n|---|---|\n| 14:02 | advisory |\nsee the chat log\n"
        #expect(Self.messages(Self.postmortem(["Timeline": table])) == ["p.md:14:1: error: text after the table in section 'Timeline'"])
        #expect(Self.messages(Self.postmortem(["Timeline": table.replacingOccurrences(of: "|\nsee", with: "|\n\nsee")]))
                == ["p.md:15:1: error: text after the table in section 'Timeline'"])
    }

    /// GFM pads a short row and drops a long row's extra cells; the importer says the row does not fit, as before.
    @Test func rowsWithTooFewOrTooManyCellsAreErrors() {
        let table = "## Timeline\n| Time | Event |\n|---|---|\n| 14:02 |\n| 14:03 | a | b \\| c | d |\n"
        #expect(Self.messages(Self.postmortem(["Timeline": table])) == [
            "p.md:10:4: error: section 'Timeline' is empty",
            "p.md:13:1: error: this row has 1 cells; the header has 2",
            "p.md:14:1: error: this row has 4 cells; the header has 2",
        ])
    }

    /// A nested list item is an entry of its own, and a `[ ]` box is not part of an entry, as before.
    @Test func nestedItemsAreEntriesAndBoxesAreLeftOut() throws {
        let p = try #require(Self.parse(Self.postmortem(["What went well": "## What went well\n- [x] Quick fix\n  - found in `df`\n"])).value)
        #expect(p.wentWell == ["Quick fix", "found in `df`"])
    }

    /// A cell's text is its source between the pipes: markup kept, `\|` read as a pipe, and an empty cell's place is
    /// the pipe that closes it.
    @Test func cellsAreReadAsWritten() {
        let improvements = "## Improvements\n| Improvement | Owner | Due |\n|---|---|---|\n| Alert on `df` \\| du | ops | 2026-10-15 |\n| Rotate |   | 2026-10-20 |\n"
        let result = Self.parse(Self.postmortem(["Improvements": improvements]))
        #expect(result.diagnostics.map(\.description) == ["p.md:29:14: error: this improvement has no owner"])
        let good = Self.parse(Self.postmortem(["Improvements": improvements.replacingOccurrences(of: "|   |", with: "| ops |")]))
        #expect(good.value?.improvements.first == .init(text: "Alert on `df` | du", owner: "ops", due: "2026-10-15"))
    }
}
