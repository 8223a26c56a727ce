import Foundation
import Testing
@testable import GameDayReports

/// The escapers, one rule at a time: what each output format must never let through.
@Suite struct EscapingTests {
    @Test func controlCharactersBecomeVisible() {
        #expect(UntrustedText.visible("a\u{1b}[31mb\u{7}") == "a\\u{1b}[31mb\\u{7}")
        #expect(UntrustedText.visible("x\u{9b}y\u{202e}z\u{2028}") == "x\\u{9b}y\\u{202e}z\\u{2028}")
        #expect(UntrustedText.visible("a\r\nb\rc\nd\te") == "a\nb\nc\nd\te")
        #expect(UntrustedText.oneLine("  a\nb\tc \n") == "a b c")
    }

    @Test(arguments: [
        ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
        ("](javascript:x)", "\\](javascript:x)"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("![img](x)", "!\\[img\\](x)"),
        ("\n# heading", "\\# heading"),
        ("text\n# heading\n- item", "text # heading - item"),
        ("# heading", "\\# heading"),
        ("story #5 reopened, seen 2 times!", "story #5 reopened, seen 2 times!"),
        ("a -> b, R&D, ci_token", "a -> b, R&D, ci_token"),
        ("&#106;avascript", "\\&#106;avascript"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("===", "\\==="),
        ("1. first", "1\\. first"),
        ("12) first", "12\\) first"),
        ("17.3 points", "17.3 points"),
        ("a | b", "a \\| b"),
        ("`code` *em* _em_ ~~s~~", "\\`code\\` \\*em\\* \\_em\\_ \\~\\~s\\~\\~"),
        ("&lt; &amp;", "\\&lt; \\&amp;"),
        ("$x$ \\ back", "\\$x\\$ \\\\ back"),
        ("    indented code", "indented code"),
        ("> quote", "\\> quote"),
        ("\u{1b}[31mred", "\\\\u{1b}\\[31mred"),
        ("plain words, ghcr.io/acme/api:1.4.2", "plain words, ghcr.io/acme/api:1.4.2"),
    ])
    func markdown(_ input: String, _ expected: String) {
        #expect(MarkdownText.escape(input) == expected)
    }

    @Test func markdownValueNeverLeavesItsLine() {
        for attack in ["a\nb", "a\r\nb", "a\rb", "a\u{2028}b", "a\u{85}b", "a\u{b}b", "a\u{c}b"] {
            #expect(!MarkdownText.escape(attack).contains("\n"), "\(attack.debugDescription)")
            #expect(!MarkdownText.escape(attack).unicodeScalars.contains { UntrustedText.isControl($0) })
        }
    }

    @Test(arguments: [
        ("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\""),
        ("+SUM(1;1)", "\"'+SUM(1;1)\""),
        ("-2+3", "\"'-2+3\""),
        ("@SUM(A1)", "\"'@SUM(A1)\""),
        ("\t=1", "\"'\t=1\""),
        ("\r=1", "\"'\n=1\""),
        ("  =1", "\"'  =1\""),
        ("＝1", "\"'＝1\""),
        ("plain, \"quoted\"", "\"plain, \"\"quoted\"\"\""),
        ("a=1", "\"a=1\""),
        ("", "\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("\u{1b}[2J", "\"\\u{1b}[2J\""),
    ])
    func csv(_ input: String, _ expected: String) {
        #expect(CSVText.escape(input) == expected)
    }

    @Test func csvNeutralisingCanBeUndone() {
        for text in ["=cmd", "+1", "-1", "@x", "\t=1", " =1", "plain", "'quoted'", "'=already"] {
            let cell = String(CSVText.escape(text).dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            #expect(CSVText.unneutralised(cell) == UntrustedText.visible(text))
        }
    }

    @Test(arguments: [
        ("<a href=\"x\">&'</a>", "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"),
        ("line\nbreak\ttab", "line&#10;break&#9;tab"),
        ("\u{1b}[31m\u{0}\u{fffe}", "\\u{1b}[31m\\u{0}\\u{fffe}"),
        ("]]>", "]]&gt;"),
    ])
    func xml(_ input: String, _ expected: String) {
        #expect(XMLText.escape(input) == expected)
    }

    @Test(arguments: [
        ("plain", "\"plain\""),
        ("a: b # c", "\"a: b # c\""),
        ("\"quoted\" \\ back", "\"\\\"quoted\\\" \\\\ back\""),
        ("line\n---\nkey: value", "\"line\\n---\\nkey: value\""),
        ("\u{1b}]0;x\u{7}", "\"\\\\u{1b}]0;x\\\\u{7}\""),
        ("2026-12-01", "\"2026-12-01\""),
    ])
    func yaml(_ input: String, _ expected: String) {
        #expect(YAMLText.escape(input) == expected)
    }

    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\" onmouseover='x' `", "&quot; onmouseover=&#39;x&#39; &#96;"),
        ("a & b", "a &amp; b"),
        ("\u{1b}[31m", "\\u{1b}[31m"),
    ])
    func html(_ input: String, _ expected: String) {
        #expect(HTMLText.escape(input) == expected)
    }

    @Test(arguments: [
        ("../../etc/passwd", "etc-passwd"),
        ("..", "x"),
        ("/abs/path", "abs-path"),
        ("Key Revoked!", "key-revoked"),
        ("a\u{0}b\\c", "a-b-c"),
        ("CON", "con"),
        ("ünïcödé", "n-c-d"),
    ])
    func fileNames(_ input: String, _ expected: String) {
        #expect(FileName.slug(input) == expected)
    }

    @Test func fileNamesAreShortAndContained() {
        #expect(FileName.slug(String(repeating: "a-", count: 100)).count <= 60)
        #expect(FileName.isContained("stories/01-a.md"))
        for bad in ["../x", "stories/../../x", "/etc/passwd", ".hidden", "a//b", "a/./b", "", "a b", "a\u{0}b"] {
            #expect(!FileName.isContained(bad), "\(bad.debugDescription)")
        }
    }
}
