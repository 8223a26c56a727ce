import Foundation
import Testing
@testable import GameDayReports

/// Templates: the defaults ship with the library, a team's folder overrides any of them by file name, and the
/// content type (the escaping) follows the file name, whoever wrote the template.
@Suite struct TemplateTests {
    @Test func theDefaultsAreAllThere() throws {
        let templates = try ReportTemplates()
        for name in ReportTemplates.defaultNames {
            #expect(templates.sources[name] != nil, "\(name).mustache is missing from the bundle")
        }
    }

    @Test func aTeamOverridesOneTemplateByName() throws {
        let dir = try ExternalTool.scratchFolder("templates")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "Debrief of {{drill}}: {{score}} — {{title}}\n".write(to: dir.appendingPathComponent("report.md.mustache"), atomically: true, encoding: .utf8)
        try "<b>{{title}}</b>".write(to: dir.appendingPathComponent("timeline.svg.mustache"), atomically: true, encoding: .utf8)
        let templates = try ReportTemplates(overrides: dir)
        #expect(templates.sources["report.md"] == dir.appendingPathComponent("report.md.mustache").path)
        let files = try ReportRenderer(templates: templates).render(try Injection.record())
        let md = try #require(files.first { $0.path == "report.md" }).contents
        #expect(md == "Debrief of injection: 32.5 — \\<script>alert(1)\\</script> Drill \\](javascript:x) \\\\u{1b}\\[31mRED\\\\u{1b}\\[0m\n",
                "a team's Markdown template escapes for Markdown")
        let html = try #require(files.first { $0.path == "report.html" }).contents
        #expect(html.contains("<b>&lt;script&gt;alert(1)&lt;/script&gt;"), "a team's partial replaces the default and escapes for HTML")
        let junit = try #require(files.first { $0.path == "junit.xml" }).contents
        #expect(junit.contains("<testsuites"), "the other templates stay the defaults")
    }

    @Test func aTemplateMaySwitchItsContentType() throws {
        let dir = try ExternalTool.scratchFolder("templates-switch")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "{{% CONTENT_TYPE: YAML }}\ntitle: {{title}}\n{{% CONTENT_TYPE: CSV }}\n{{title}}\n".write(
            to: dir.appendingPathComponent("story.md.mustache"), atomically: true, encoding: .utf8)
        let files = try ReportRenderer(templates: try ReportTemplates(overrides: dir)).render(try Injection.record())
        let story = try #require(files.first { $0.path == "stories/01-contained.md" }).contents
        #expect(story == "title: \"=cmd|' /C calc'!A0\"\n\"'=cmd|' /C calc'!A0\"\n")
    }

    @Test func badTemplatesAreRefusedWithTheirFile() throws {
        let dir = try ExternalTool.scratchFolder("templates-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("report.md.mustache")
        try "{{#open}} never closed".write(to: broken, atomically: true, encoding: .utf8)
        #expect { try ReportTemplates(overrides: dir) } throws: { error in
            String(describing: error).hasPrefix(broken.path + ": not a valid Mustache template")
        }
        try FileManager.default.removeItem(at: broken)
        try "x".write(to: dir.appendingPathComponent("report.txt.mustache"), atomically: true, encoding: .utf8)
        #expect { try ReportTemplates(overrides: dir) } throws: { error in
            String(describing: error).contains("a template's name must end in .md, .html")
        }
        #expect(throws: ReportError.self) { try ReportTemplates(overrides: dir.appendingPathComponent("missing")) }
    }
}
