import Foundation
import Mustache

/// The Mustache templates of the reports: the defaults that ship as resources of this library, each of which a
/// team can override with a file of the same name (`report.md.mustache`, ...) in its own folder.
///
/// A template's content type follows its name: `.md` escapes for Markdown, `.html`, `.svg` and `.css` for HTML,
/// `.xml` for XML, `.csv` for CSV, `.yaml` for YAML; a template may switch part-way with
/// `{{% CONTENT_TYPE: YAML }}` (story front matter does). Every `{{value}}` is escaped for its format; only a
/// template's own text is written raw.
public struct ReportTemplates: Sendable {
    /// The templates the reports render, by name without `.mustache`.
    public static let defaultNames = ["report.md", "report.html", "report.css", "timeline.svg", "junit.xml", "story.md", "stories.csv", "whatif.html", "histogram.svg"]

    /// Content types by file extension.
    static let contentTypes: [String: String] = [
        "md": "MARKDOWN", "html": "HTML", "svg": "HTML", "css": "HTML", "xml": "XML", "csv": "CSV", "yaml": "YAML", "yml": "YAML",
    ]

    /// Registers the escapers with the Mustache library once (its registry is global).
    private static let registered: Bool = {
        MustacheContentTypes.register(MarkdownText(), named: "MARKDOWN")
        MustacheContentTypes.register(HTMLText(), named: "HTML")
        MustacheContentTypes.register(XMLText(), named: "XML")
        MustacheContentTypes.register(CSVText(), named: "CSV")
        MustacheContentTypes.register(YAMLText(), named: "YAML")
        return true
    }()

    private let library: MustacheLibrary
    /// Where each template came from, by name.
    public let sources: [String: String]

    /// The default templates, with those in `overrides` (files named `NAME.mustache`) taking their place.
    public init(overrides: URL? = nil) throws {
        _ = Self.registered
        guard let defaults = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ReportError("the default report templates are missing from the GameDayReports bundle")
        }
        var texts: [String: (String, String)] = [:]
        for (name, url) in try Self.templateFiles(in: defaults) {
            texts[name] = (try String(contentsOf: url, encoding: .utf8), url.path)
        }
        if let overrides {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: overrides.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ReportError("\(overrides.path): no such templates folder")
            }
            let files = try Self.templateFiles(in: overrides)
            if files.isEmpty { throw ReportError("\(overrides.path): no *.mustache templates in the folder") }
            for (name, url) in files {
                do { texts[name] = (try String(contentsOf: url, encoding: .utf8), url.path) } catch {
                    throw ReportError("\(url.path): cannot read the template: \(error.localizedDescription)")
                }
            }
        }
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        for (name, (text, path)) in texts {
            let ext = name.split(separator: ".").last.map(String.init) ?? ""
            guard let type = Self.contentTypes[ext] else {
                throw ReportError("\(path): a template's name must end in .md, .html, .svg, .css, .xml, .csv or .yaml before .mustache")
            }
            do {
                try library.register("{{% CONTENT_TYPE: \(type) }}\n" + text, named: name)
            } catch {
                throw ReportError("\(path): not a valid Mustache template: \(error)")
            }
            sources[name] = path
        }
        self.library = library
        self.sources = sources
    }

    /// The `NAME.mustache` files of `folder` (not its subfolders), by NAME.
    private static func templateFiles(in folder: URL) throws -> [(String, URL)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return names.filter { $0.hasSuffix(".mustache") && !$0.hasPrefix(".") }.sorted()
            .map { (String($0.dropLast(".mustache".count)), folder.appendingPathComponent($0)) }
    }

    /// `object` rendered with template `name`.
    public func render(_ object: Any, with name: String) throws -> String {
        guard let text = library.render(object, withTemplate: name) else {
            throw ReportError("no report template named '\(name).mustache'")
        }
        return text
    }
}
