import GameDayEngine

/// Renders every output of a run: the debrief in Markdown and HTML, the spec's JSON report, JUnit XML, and the
/// gap stories as Markdown files with front matter, CSV for trackers and JSON.
public struct ReportRenderer: Sendable {
    /// The templates in use.
    public let templates: ReportTemplates

    /// A renderer with `templates`.
    public init(templates: ReportTemplates) {
        self.templates = templates
    }

    /// The files of the report folder for `record`, in a fixed order.
    public func render(_ record: RunRecord) throws -> [ReportFile] {
        let view = DebriefView(record)
        // The story exports carry the team's own stories too (the debrief and report.json keep to the gap stories).
        var exports = view
        exports.stories = StoryView.exports(record)
        var files = [
            ReportFile(path: "report.md", contents: try templates.render(view, with: "report.md")),
            ReportFile(path: "report.html", contents: try templates.render(view, with: "report.html")),
            ReportFile(path: "report.json", contents: record.report.json.rendered() + "\n"),
            ReportFile(path: "junit.xml", contents: try templates.render(view, with: "junit.xml")),
            ReportFile(path: "stories.csv", contents: try templates.render(exports, with: "stories.csv")),
            ReportFile(path: "stories.json", contents: Self.storiesJSON(exports.stories).rendered() + "\n"),
        ]
        for story in exports.stories {
            files.append(ReportFile(path: story.file, contents: try templates.render(story, with: "story.md")))
        }
        for file in files where !FileName.isContained(file.path) {
            throw ReportError("refusing to write '\(file.path)': it is not a plain path inside the report folder")
        }
        return files
    }

    /// The stories as a JSON array, every field of the front matter and the description.
    static func storiesJSON(_ stories: [StoryView]) -> JSONValue {
        .array(stories.map { s in
            .object([
                ("key", .string(s.key)), ("title", .string(s.title)), ("owner", .string(s.owner)),
                ("severity", .string(s.severity)), ("priority", .string(s.priority)), ("due", .string(s.due)),
                ("labels", .array(s.labels.map(JSONValue.string))), ("drill", .string(s.drill)), ("team", .string(s.team)),
                ("run", .string(s.run)), ("source", .string(s.source)), ("file", .string(s.file)),
                ("description", .string(s.description)),
            ])
        })
    }
}
