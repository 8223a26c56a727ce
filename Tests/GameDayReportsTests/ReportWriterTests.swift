import Foundation
import Testing
@testable import GameDayReports

/// Report folders are written whole or not at all, and an earlier run's folder is never overwritten.
@Suite struct ReportWriterTests {
    static let files = [ReportFile(path: "report.json", contents: "{\n  \"format\": \"gameday.report/v1\"\n}\n"),
                        ReportFile(path: "stories/01-a.md", contents: "a\n")]

    static func entries(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func aNewRunGetsANewFolder() throws {
        let parent = try ExternalTool.scratchFolder("writer-new")
        defer { try? FileManager.default.removeItem(at: parent) }
        let first = try ReportWriter.writeNew(Self.files, in: parent, named: "drill-2026-11-29-team")
        let second = try ReportWriter.writeNew(Self.files, in: parent, named: "drill-2026-11-29-team")
        let third = try ReportWriter.writeNew(Self.files, in: parent, named: "drill-2026-11-29-team")
        #expect([first, second, third].map(\.lastPathComponent) == ["drill-2026-11-29-team", "drill-2026-11-29-team-2", "drill-2026-11-29-team-3"])
        #expect(try Self.entries(parent) == ["drill-2026-11-29-team", "drill-2026-11-29-team-2", "drill-2026-11-29-team-3"])
        #expect(try String(contentsOf: second.appendingPathComponent("stories/01-a.md"), encoding: .utf8) == "a\n")
    }

    @Test func outReplacesAnEarlierReportButNothingElse() throws {
        let parent = try ExternalTool.scratchFolder("writer-out")
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        try ReportWriter.write(Self.files, to: out)
        try ReportWriter.write([Self.files[0]], to: out)
        #expect(try Self.entries(out) == ["report.json"], "the earlier report was replaced whole")
        #expect(try Self.entries(parent) == ["out"], "no staging or old folder is left beside it")

        let precious = parent.appendingPathComponent("precious")
        try FileManager.default.createDirectory(at: precious, withIntermediateDirectories: true)
        try "keep me".write(to: precious.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(throws: ReportError.self) { try ReportWriter.write(Self.files, to: precious) }
        #expect(try Self.entries(precious) == ["notes.txt"])

        let empty = parent.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try ReportWriter.write(Self.files, to: empty)
        #expect(try Self.entries(empty) == ["report.json", "stories"])
    }

    /// A write that fails part-way leaves nothing: no target folder, no staging folder.
    @Test func anInterruptedWriteLeavesNoHalfReport() throws {
        let parent = try ExternalTool.scratchFolder("writer-fail")
        defer { try? FileManager.default.removeItem(at: parent) }
        let bad = Self.files + [ReportFile(path: "stories/../../outside.md", contents: "x")]
        #expect(throws: ReportError.self) { try ReportWriter.writeNew(bad, in: parent, named: "run") }
        #expect(throws: ReportError.self) { try ReportWriter.write(bad, to: parent.appendingPathComponent("out")) }
        #expect(try Self.entries(parent) == [])
        #expect(!FileManager.default.fileExists(atPath: parent.deletingLastPathComponent().appendingPathComponent("outside.md").path))
    }
}
