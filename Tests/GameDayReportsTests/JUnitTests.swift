import Foundation
import Testing
@testable import GameDayReports

/// junit.xml validates against the common JUnit schema (Jenkins' junit-10.xsd), with xmllint.
@Suite struct JUnitTests {
    static let schema = Examples.fixtures.appendingPathComponent("junit.xsd")

    static func validate(_ xml: String, _ label: String) throws {
        let xmllint = try ExternalTool.find("xmllint", package: "libxml2-utils")
        let dir = try ExternalTool.scratchFolder("junit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("junit.xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        let result = try ExternalTool.run(xmllint, ["--noout", "--schema", schema.path, file.path])
        #expect(result.status == 0, "\(label): \(result.stderr)")
        #expect(result.stderr.contains("validates"), "\(label): \(result.stderr)")
    }

    @Test(arguments: Examples.names)
    func workedExamplesValidate(_ name: String) throws {
        let files = try Examples.files(try Examples.example(name))
        try Self.validate(try #require(files.first { $0.path == "junit.xml" }).contents, name)
    }

    @Test func theInjectionRunValidates() throws {
        try Self.validate(try #require(try Injection.files()["junit.xml"]), "injection")
    }

    /// The schema check is real: a document that breaks it is refused.
    @Test func theSchemaRefusesABrokenDocument() throws {
        let xmllint = try ExternalTool.find("xmllint", package: "libxml2-utils")
        let dir = try ExternalTool.scratchFolder("junit-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.xml")
        try "<testsuites><testsuite tests=\"1\"><testcase name=\"x\" time=\"soon\"/></testsuite></testsuites>"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try ExternalTool.run(xmllint, ["--noout", "--schema", Self.schema.path, file.path])
        #expect(result.status != 0)
    }

    /// One test case per outcome and per forbidden move; failures give the expected and the actual time.
    @Test func casesAndFailureMessages() throws {
        let view = JUnitView(try Examples.example("signing-key-compromised.slow"), summary: "")
        #expect(view.cases.count == 8)
        #expect(view.cases.filter { $0.classname.hasSuffix(".expect") }.count == 7)
        #expect(view.cases.filter { $0.classname.hasSuffix(".forbid") }.count == 1)
        #expect(view.failures == 7)
        let late = try #require(view.cases.first { $0.name.hasPrefix("key-revoked:") }?.failure)
        #expect(late.type == "late")
        #expect(late.message == "late (critical): expected by T+15:00 (14:15:00 UTC), met at T+26:00 (14:26:00 UTC)")
        let missed = try #require(view.cases.first { $0.name.hasPrefix("origin-known:") }?.failure)
        #expect(missed.message == "missed: expected by T+1:00:00 (15:00:00 UTC), not met by the end of the run at T+2:00:00 (16:00:00 UTC)")
        let violation = try #require(view.cases.first { $0.name.hasPrefix("evidence-destroyed:") }?.failure)
        #expect(violation.message == "forbidden move made at T+45:00 (14:45:00 UTC); expected never (−10 points)")
        let met = try #require(view.cases.first { $0.name.hasPrefix("new-key-trusted:") })
        #expect(met.failure == nil && met.skip == nil && met.time == 2460)
    }

    @Test func anOutcomeWhoseInjectNeverFiredIsSkipped() throws {
        let dir = try ExternalTool.scratchFolder("junit-na")
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = try Fixture.drill(in: dir, """
        injects:
          - {id: never, at: 10m, channel: chat, message: hi, if: 'keys["prod"].state == "disabled"'}
        expect:
          - {id: after-never, phase: contain, check: 'keys["prod"].state == "disabled"', within: 5m, after: never}
          - {id: plain, phase: detect, check: '"on-call" in paged', within: 5m}
        """)
        let view = JUnitView(record, summary: "")
        let skipped = try #require(view.cases.first { $0.name.hasPrefix("after-never") }?.skip)
        #expect(skipped.message.contains("never fired"))
        #expect(view.skipped == 1)
        #expect(view.timestamp == "2026-12-01T00:00:00", "without started, the run date at midnight")
        let files = try Examples.files(record)
        try Self.validate(try #require(files.first { $0.path == "junit.xml" }).contents, "n/a")
    }
}
