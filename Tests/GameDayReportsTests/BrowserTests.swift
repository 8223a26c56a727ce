import Foundation
import Testing
@testable import GameDayReports

/// The HTML report in a real headless browser (Debian's Chromium): the SVG timeline is in the DOM, no script
/// exists or runs, and a screenshot is not blank. A missing browser fails the test; it never skips.
@Suite(.serialized) struct BrowserTests {
    struct Rendered { var dom: String; var log: String; var stats: [String: Any] }

    static func chromium() throws -> String {
        if let path = try? ExternalTool.find("chromium", package: "chromium") { return path }
        return try ExternalTool.find("chromium-browser", package: "chromium")
    }

    /// Opens `html` in headless Chromium: the DOM after load, the browser's log, and (unless `screenshot` is
    /// false) the screenshot's statistics.
    static func open(_ html: String, _ label: String, screenshot takeScreenshot: Bool = true) throws -> Rendered {
        let browser = try chromium()
        let python = try ExternalTool.find("python3", package: "python3")
        let dir = try ExternalTool.scratchFolder("browser-\(label)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let common = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
                      "--user-data-dir=\(dir.appendingPathComponent("profile").path)", "--enable-logging=stderr", "--v=0"]
        // Chromium (and the dconf it loads) writes into HOME and the XDG folders: give it its own, in the scratch folder.
        let home = dir.appendingPathComponent("home").path
        let environment = ["HOME": home, "XDG_CONFIG_HOME": home + "/.config", "XDG_CACHE_HOME": home + "/.cache",
                           "XDG_DATA_HOME": home + "/.local/share", "XDG_RUNTIME_DIR": home + "/run"]
        for folder in environment.values {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let dom = try ExternalTool.run(browser, common + ["--dump-dom", page.absoluteString], environment: environment)
        #expect(dom.status == 0, "\(label): chromium --dump-dom failed: \(dom.stderr)")
        if !takeScreenshot { return Rendered(dom: dom.stdout, log: dom.stderr, stats: [:]) }
        let shot = dir.appendingPathComponent("shot.png")
        let screenshot = try ExternalTool.run(browser, common + ["--screenshot=\(shot.path)", "--window-size=1200,2000", page.absoluteString],
                                             environment: environment)
        #expect(screenshot.status == 0, "\(label): chromium --screenshot failed: \(screenshot.stderr)")
        let keep = ProcessInfo.processInfo.environment["GAMEDAY_SCREENSHOTS"]
        if let keep { try? FileManager.default.copyItem(atPath: shot.path, toPath: "\(keep)/\(label).png") }
        let script = Examples.fixtures.appendingPathComponent("tools/png-stats.py").path
        let stats = try ExternalTool.run(python, [script, shot.path])
        #expect(stats.status == 0, "\(label): \(stats.stderr)")
        let object = (try? JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]) ?? [:]
        return Rendered(dom: dom.stdout, log: dom.stderr + screenshot.stderr, stats: object)
    }

    static func checkPage(_ rendered: Rendered, _ label: String) {
        #expect(rendered.dom.contains("<svg"), "\(label): the DOM has no SVG")
        #expect(rendered.dom.contains("class=\"timeline\""), "\(label): the DOM has no timeline")
        #expect(rendered.dom.contains("<path class=\"attack-") || rendered.dom.contains("<path class=\"action-"), "\(label): no marks")
        #expect(!rendered.dom.lowercased().contains("<script"), "\(label): a script element is in the DOM")
        for problem in ["Uncaught", "SyntaxError", "ReferenceError", "TypeError", "Refused to", "CONSOLE"] {
            #expect(!rendered.log.contains(problem), "\(label): the browser reported \(problem): \(rendered.log)")
        }
        #expect((rendered.stats["width"] as? Int) == 1200, "\(label): \(rendered.stats)")
        #expect((rendered.stats["colours"] as? Int ?? 0) > 50, "\(label): the screenshot is blank: \(rendered.stats)")
        #expect((rendered.stats["not_background"] as? Double ?? 0) > 0.05, "\(label): the screenshot is blank: \(rendered.stats)")
        #expect((rendered.stats["dark_pixels"] as? Int ?? 0) > 5000, "\(label): no text in the screenshot: \(rendered.stats)")
    }

    @Test(arguments: Examples.names)
    func theReportRendersWithItsTimeline(_ name: String) throws {
        let html = try #require(try Examples.files(try Examples.example(name)).first { $0.path == "report.html" }).contents
        #expect(!html.lowercased().contains("<script"), "the report has no script at all")
        for asset in ["src=", "href=", "url(", "@import", "<link", "<iframe", "<object", "<embed"] {
            #expect(!html.contains(asset), "the report is one self-contained file: no \(asset)")
        }
        Self.checkPage(try Self.open(html, name), name)
    }

    /// The script-error probe is real: a page whose script fails is caught by the same log check.
    @Test func theProbeSeesAScriptError() throws {
        let rendered = try Self.open("<html><body><p>probe</p><script>undefinedFunction()</script></body></html>", "probe", screenshot: false)
        #expect(rendered.log.contains("Uncaught ReferenceError"), "the browser log did not show the script error: \(rendered.log)")
    }

    /// The injection drill's report: its script tags and event handlers stay text, and nothing runs.
    @Test func theInjectionReportRunsNothing() throws {
        let html = try #require(try Injection.files()["report.html"])
        let rendered = try Self.open(html, "injection")
        Self.checkPage(rendered, "injection")
        #expect(rendered.dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the attack string is shown as text")
        #expect(!rendered.dom.contains("<img"), "no element made from drill text")
        #expect(!rendered.dom.contains("onerror=\""), "no event handler attribute")
    }
}
