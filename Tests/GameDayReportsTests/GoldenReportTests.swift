import Foundation
import Testing
@testable import GameDayReports

/// Every file of the report folder of both worked examples, byte for byte. The golden files are re-recorded
/// only on purpose: `GAMEDAY_RECORD=1 swift test --filter GoldenReportTests`.
@Suite(.serialized) struct GoldenReportTests {
    static let golden = Examples.projectRoot.appendingPathComponent("Tests/GameDayReportsTests/Fixtures/golden")

    @Test(arguments: Examples.names)
    func reportFolderMatchesTheGoldenFiles(_ name: String) throws {
        let files = try Examples.files(try Examples.example(name))
        let folder = Self.golden.appendingPathComponent(name)
        if Examples.record {
            try? FileManager.default.removeItem(at: folder)
            try ReportWriter.write(files, to: folder)
        }
        let recorded = try Self.relativeFiles(in: folder)
        #expect(recorded == files.map(\.path).sorted(), "the report's files differ from the golden folder \(folder.path)")
        for file in files {
            let expected = try? String(contentsOf: folder.appendingPathComponent(file.path), encoding: .utf8)
            #expect(file.contents == expected, "\(name)/\(file.path) differs from its golden file (GAMEDAY_RECORD=1 re-records)")
        }
    }

    @Test func everyFormatIsInTheGoldenFolders() throws {
        for name in Examples.names {
            let recorded = try Self.relativeFiles(in: Self.golden.appendingPathComponent(name))
            for format in ["report.md", "report.html", "report.json", "junit.xml", "stories.csv", "stories.json"] {
                #expect(recorded.contains(format), "\(name) has no golden \(format)")
            }
        }
        #expect(try Self.relativeFiles(in: Self.golden.appendingPathComponent("signing-key-compromised.slow")).contains { $0.hasPrefix("stories/") })
    }

    /// The report.json golden file is the engine's golden JSON report: one contract, one text.
    @Test(arguments: Examples.names)
    func theJSONReportIsTheEngines(_ name: String) throws {
        let engineGolden = Examples.projectRoot.appendingPathComponent("Tests/GameDayEngineTests/Fixtures/golden/\(name).report.json")
        let mine = try String(contentsOf: Self.golden.appendingPathComponent("\(name)/report.json"), encoding: .utf8)
        #expect(mine == (try String(contentsOf: engineGolden, encoding: .utf8)))
    }

    static func relativeFiles(in folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }
}
