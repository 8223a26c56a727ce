import FoundationEssentials
import GameDayEngine
import GameDayRunbook

/// The files the targets load inputs against, read from this checkout (the fuzz package builds from it too).
/// Inputs themselves are never written to disk: loaders get them as a loaded YAML document.
enum FuzzFixtures {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/GameDayEngineTests/Fixtures/examples").path

    /// The spec's scenarios folder, where every fuzzed drill's scenario is looked for.
    static let scenarios = examples + "/scenarios"

    /// A loader that finds scenarios in the examples.
    static let loader = DrillLoader(scenariosDirectory: scenarios)

    /// The path the spec's example drill is at.
    static let drillPath = examples + "/drills/signing-key-compromised.yaml"

    /// The spec's example drill: logs and journals are loaded and replayed against it.
    static let drill: Drill = {
        guard let drill = loader.loadDrill(path: drillPath).value else { fatalError("cannot load the fuzz fixture \(drillPath)") }
        return drill
    }()

    /// The example's good log, whose actions every fuzzed expression is evaluated against.
    static let goodLog: ResponseLog = {
        let path = examples + "/responses/signing-key-compromised.good.yaml"
        guard let log = loader.loadResponseLog(path: path, drill: drill).value else { fatalError("cannot load the fuzz fixture \(path)") }
        return log
    }()

    /// The worked runbook example's aliases, before the catalog.
    static let aliases: AliasSet = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/GameDayRunbookTests/Fixtures/aliases.yaml").path
        guard let aliases = AliasFileLoader().load(path: path).value else { fatalError("cannot load the fuzz fixture \(path)") }
        return .withCatalog(before: aliases)
    }()

    /// The scenario file of the example drill.
    static var scenarioFile: String { scenarios + "/acme.yaml" }

    /// `bytes` as text, with invalid UTF-8 replaced (the targets that take text).
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
