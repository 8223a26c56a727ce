import Foundation
import Testing
@testable import GameDayEngine

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let acme = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/examples/scenarios").path

/// The JSON Schemas' v1.1 samples and their null samples (schema/tests) mean the same to the engine: the valid one
/// loads, and each invalid one is refused by `gameday validate` at the line the schema check points at (the sample's
/// last line).
@Suite struct SchemaSampleTests {
    static func invalidSamples() -> [String] {
        let folder = projectRoot.appendingPathComponent("schema/tests/invalid").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && ($0.hasPrefix("exposure-") || $0.contains("actor") || $0.hasPrefix("null-")) }.sorted()
    }

    @Test func theValidSampleLoads() {
        let path = projectRoot.appendingPathComponent("schema/tests/valid/exposures-and-actors.yaml").path
        let (kind, diagnostics) = Validator(loader: DrillLoader(scenariosDirectory: acme)).validate(file: path)
        #expect(kind == .drill)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test func thereAreInvalidV11Samples() {
        #expect(Self.invalidSamples().count >= 10)
    }

    @Test(arguments: invalidSamples())
    func theEngineRefusesWhatTheSchemaRefuses(_ name: String) throws {
        let path = projectRoot.appendingPathComponent("schema/tests/invalid/\(name)").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let last = lines.lastIndex { !$0.isEmpty }! + 1
        let (_, diagnostics) = Validator(loader: DrillLoader(scenariosDirectory: acme)).validate(file: path)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty, "\(name) must be refused")
        #expect(errors.allSatisfy { $0.location.line == last }, "\(name): \(errors)")
    }
}
