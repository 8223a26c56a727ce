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

    /// The library's reference logs, each with its drill, replayed.
    static func referenceRuns() throws -> [(name: String, drill: Drill, report: RunReport)] {
        try FileKind.yamlFiles(under: projectRoot.appendingPathComponent("drills/responses").path).map { log in
            let name = (log as NSString).lastPathComponent
            let drillID = String(name.split(separator: ".")[0])
            let drill = try #require(DrillLoader().loadDrill(path: projectRoot.appendingPathComponent("drills/\(drillID).yaml").path).value)
            let parsed = try #require(DrillLoader().loadResponseLog(path: log, drill: drill).value)
            return (name, drill, Replay(CompiledDrill(drill), log: parsed).run(runDate: Date(timeIntervalSince1970: 0)))
        }
    }

    /// Each reference log keeps its pinned score, verdict and story keys, and the parts of the score worked out by
    /// hand in drills/README.md: the outcomes' earned and applicable weight, the forbidden moves' penalties, and each
    /// exposure's intervals, seconds and penalty (so a clamped score still pins the arithmetic behind it).
    @Test func referenceLogsKeepTheirResults() throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("library.expected.json"))) as! [String: [String: Any]]
        let runs = try Self.referenceRuns()
        #expect(runs.count >= 16)
        #expect(Set(runs.map(\.name)) == Set(expected.keys))
        for (name, _, report) in runs {
            let pinned = try #require(expected[name])
            #expect(report.score == Decimal(string: "\(pinned["score"]!)"), "\(name)")
            #expect(report.passed == (pinned["passed"] as! Bool), "\(name)")
            #expect(report.stories.map(\.key) == (pinned["stories"] as! [String]), "\(name)")
            #expect(report.defects.isEmpty, "\(name)")
            let applicable = report.outcomes.filter { $0.status != .notApplicable }
            #expect(applicable.reduce(Decimal(0)) { $0 + $1.weight * $1.credit } == Decimal(string: "\(pinned["earned"]!)"), "\(name): earned")
            #expect(applicable.reduce(Decimal(0)) { $0 + $1.weight } == Decimal(string: "\(pinned["weight"]!)"), "\(name): weight")
            #expect(report.violations.reduce(Decimal(0)) { $0 + $1.penalty } == Decimal(string: "\(pinned["violations"]!)"), "\(name): violations")
            let exposures = try #require(pinned["exposures"] as? [String: [String: Any]])
            #expect(Set(report.exposures.map(\.id)) == Set(exposures.keys), "\(name): exposures")
            for exposure in report.exposures {
                let figures = try #require(exposures[exposure.id])
                #expect(exposure.seconds == figures["seconds"] as? Int, "\(name): \(exposure.id) seconds")
                #expect(exposure.intervals == figures["intervals"] as? [[Int]], "\(name): \(exposure.id) intervals")
                #expect(exposure.penalty == Decimal(string: "\(figures["penalty"]!)"), "\(name): \(exposure.id) penalty")
            }
            if name.contains(".exemplary.") { #expect(report.passed && report.score == 100, "\(name)") }
            if name.contains(".slow.") { #expect(!report.passed, "\(name)") }
        }
    }

    /// Every exposure of a library drill is exercised by its reference logs: the exemplary log stays within the
    /// budget (a prompt team pays nothing) and the slow log goes over it (so the penalty and the story are reached),
    /// unless the drill's facilitator_notes say "EXPOSURE-ID is not exercised by the slow log" and why.
    @Test func exposuresAreExercisedByTheReferenceLogs() throws {
        let runs = try Self.referenceRuns()
        let drills = Dictionary(runs.map { ($0.drill.id, $0.drill) }, uniquingKeysWith: { first, _ in first })
        #expect(drills.values.contains { !$0.exposures.isEmpty })
        for drill in drills.values where !drill.exposures.isEmpty {
            let exemplary = try #require(runs.first { $0.name == "\(drill.id).exemplary.yaml" }, "\(drill.id) needs an exemplary log")
            let slow = try #require(runs.first { $0.name == "\(drill.id).slow.yaml" }, "\(drill.id) needs a slow log")
            for exposure in drill.exposures {
                let good = try #require(exemplary.report.exposures.first { $0.id == exposure.id })
                #expect(good.seconds <= exposure.budget && good.penalty == 0, "\(drill.id)/\(exposure.id): the exemplary log is over budget")
                let bad = try #require(slow.report.exposures.first { $0.id == exposure.id })
                let excused = drill.facilitatorNotes?.contains("\(exposure.id) is not exercised by the slow log") ?? false
                #expect(excused || (bad.seconds > exposure.budget && slow.report.stories.contains { $0.key == "\(drill.id)/\(exposure.id)" }),
                        "\(drill.id)/\(exposure.id): the slow log stays within the budget")
            }
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
