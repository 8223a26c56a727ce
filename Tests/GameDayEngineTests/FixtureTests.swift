import Foundation
import Testing
@testable import GameDayEngine

private let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let record = ProcessInfo.processInfo.environment["GAMEDAY_RECORD"] == "1"

private func invalidFixtures() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("invalid").path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
}

@Suite struct InvalidFixtureTests {
    @Test func thereAreEnoughInvalidFixtures() {
        #expect(invalidFixtures().count >= 40)
    }

    /// Each `invalid/NAME.yaml` gives exactly the diagnostics in `invalid/NAME.diagnostics.txt` (paths relative to Fixtures/).
    @Test(arguments: invalidFixtures())
    func diagnosticsMatch(_ name: String) throws {
        let path = fixtures.appendingPathComponent("invalid/\(name)").path
        let (_, diagnostics) = Validator(loader: DrillLoader()).validate(file: path)
        let prefix = fixtures.path + "/"
        let actual = diagnostics.map { $0.description.replacingOccurrences(of: prefix, with: "") }
        #expect(diagnostics.contains { $0.severity == .error }, "\(name) must be invalid")
        let expectedURL = fixtures.appendingPathComponent("invalid/\(name.dropLast(5)).diagnostics.txt")
        let expected = try String(contentsOf: expectedURL, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(actual == expected)
    }
}

@Suite struct ExampleTests {
    /// The worked examples of the spec: v1 in `examples/`, v1.1 in `examples-v1.1/`.
    static let names = ["signing-key-compromised.good", "signing-key-compromised.slow", "poisoned-package.prompt", "poisoned-package.hasty"]

    private func folder(_ log: String) -> URL {
        fixtures.appendingPathComponent(log.hasPrefix("poisoned-package") ? "examples-v1.1" : "examples")
    }

    private func report(_ log: String) throws -> RunReport {
        let examples = folder(log)
        let drillID = String(log.split(separator: ".")[0])
        let drill = try #require(DrillLoader().loadDrill(path: examples.appendingPathComponent("drills/\(drillID).yaml").path).value)
        let loaded = try #require(DrillLoader().loadResponseLog(path: examples.appendingPathComponent("responses/\(log).yaml").path, drill: drill).value)
        return Replay(CompiledDrill(drill), log: loaded).run(runDate: Date(timeIntervalSince1970: 0))
    }

    /// The spec's worked examples: every field the expected file names matches.
    @Test(arguments: names)
    func workedExamples(_ name: String) throws {
        let actual = try JSONSerialization.jsonObject(with: Data(try report(name).json.rendered().utf8)) as! [String: Any]
        var expected = try JSONSerialization.jsonObject(with: Data(contentsOf: folder(name).appendingPathComponent("expected/\(name).json"))) as! [String: Any]
        if let statuses = expected.removeValue(forKey: "action_statuses") as? [String] {
            let actions = actual["actions"] as! [[String: Any]]
            #expect(actions.map { $0["status"] as! String } == statuses)
        }
        #expect(Self.mismatches(expected, actual, "report") == [])
    }

    /// The whole JSON report of each example, byte for byte (re-record with GAMEDAY_RECORD=1).
    @Test(arguments: names)
    func goldenReports(_ name: String) throws {
        let rendered = try report(name).json.rendered() + "\n"
        let golden = projectRoot.appendingPathComponent("Tests/GameDayEngineTests/Fixtures/golden/\(name).report.json")
        if record {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try rendered.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(rendered == (try String(contentsOf: golden, encoding: .utf8)))
    }

    static func mismatches(_ expected: Any, _ actual: Any?, _ path: String) -> [String] {
        switch expected {
        case let dict as [String: Any]:
            guard let other = actual as? [String: Any] else { return ["\(path): not an object"] }
            return dict.flatMap { mismatches($0.value, other[$0.key], "\(path).\($0.key)") }
        case let list as [Any]:
            guard let other = actual as? [Any], other.count == list.count else { return ["\(path): length differs"] }
            return zip(list, other).enumerated().flatMap { mismatches($1.0, $1.1, "\(path)[\($0)]") }
        case let number as NSNumber where !(expected is String):
            guard let other = actual as? NSNumber, abs(number.doubleValue - other.doubleValue) < 1e-9 else { return ["\(path): \(number) vs \(String(describing: actual))"] }
            return []
        case is NSNull:
            return actual is NSNull ? [] : ["\(path): expected null"]
        default:
            return "\(expected)" == "\(actual ?? "nil")" ? [] : ["\(path): \(expected) vs \(String(describing: actual))"]
        }
    }
}

@Suite struct LibraryTests {
    /// Every drill and scenario of the library is valid, and each drill uses four phases and a forbidden move.
    @Test func libraryIsValid() throws {
        let loader = DrillLoader()
        for file in FileKind.yamlFiles(under: projectRoot.appendingPathComponent("drills").path) + FileKind.yamlFiles(under: projectRoot.appendingPathComponent("scenarios").path) {
            let (kind, diagnostics) = Validator(loader: loader).validate(file: file)
            #expect(!diagnostics.contains { $0.severity == .error }, "\(file): \(diagnostics)")
            if kind == .drill, let drill = loader.loadDrill(path: file).value {
                #expect(Set(drill.outcomes.map(\.phase)).count >= 4, "\(drill.id) needs four phases")
                #expect(!drill.forbidden.isEmpty, "\(drill.id) needs a forbidden move")
                #expect(drill.facilitatorNotes != nil && drill.summary != nil)
            }
        }
    }

    /// Each reference log keeps its pinned score, verdict and story keys.
    @Test func referenceLogsKeepTheirResults() throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("library.expected.json"))) as! [String: [String: Any]]
        let logs = FileKind.yamlFiles(under: projectRoot.appendingPathComponent("drills/responses").path)
        #expect(logs.count >= 16)
        #expect(Set(logs.map { ($0 as NSString).lastPathComponent }) == Set(expected.keys))
        for log in logs {
            let name = (log as NSString).lastPathComponent
            let pinned = try #require(expected[name])
            let drillID = String(name.split(separator: ".")[0])
            let drill = try #require(DrillLoader().loadDrill(path: projectRoot.appendingPathComponent("drills/\(drillID).yaml").path).value)
            let parsed = try #require(DrillLoader().loadResponseLog(path: log, drill: drill).value)
            let report = Replay(CompiledDrill(drill), log: parsed).run(runDate: Date(timeIntervalSince1970: 0))
            #expect(report.score == Decimal(string: "\(pinned["score"]!)"), "\(name)")
            #expect(report.passed == (pinned["passed"] as! Bool), "\(name)")
            #expect(report.stories.map(\.key) == (pinned["stories"] as! [String]), "\(name)")
            #expect(report.defects.isEmpty, "\(name)")
            if name.contains(".exemplary.") { #expect(report.passed && report.score == 100, "\(name)") }
            if name.contains(".slow.") { #expect(!report.passed, "\(name)") }
        }
    }
}

@Suite struct FileKindTests {
    /// Files are told apart by their keys; a log needs only `drill`, so a file with nothing else is a log.
    @Test(arguments: [("scenario: x\n", FileKind.scenario), ("drill: x\ntitle: T\n", .drill), ("drill: x\nscenario: acme\n", .drill),
                      ("drill: x\n", .responses), ("drill: x\nactions: []\n", .responses), ("team: blue\ndrill: x\n", .responses)])
    func kinds(_ text: String, _ kind: FileKind) throws {
        let path = Scratch.root + "gameday-kind-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileKind.of(path: path) == kind)
    }
}
