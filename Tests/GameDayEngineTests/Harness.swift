import Foundation
@testable import GameDayEngine

/// Writes a scenario and a drill into a temporary folder, loads them and runs logs against them.
struct Harness {
    static let world = """
    scenario: t
    title: Test world
    roles:
      on-call: {person: Dana}
      security-lead: {person: Sam}
    keys:
      prod: {backend: kms}
      spare: {state: disabled}
    registries:
      reg: {}
      other: {}
    repos:
      app: {malicious_commits: [], head: good}
      lib: {}
    runner_pools:
      shared: {}
      dead: {enabled: false}
    pipelines:
      app-main: {repo: app, runner_pool: shared, signs_with: prod, pushes_to: reg}
      lib-main: {repo: lib, runner_pool: dead, pushes_to: reg}
    images:
      app:1: {registry: reg, repo: app, commit: c1, signed_by: prod, deps: [util@1.0, left@2.0]}
      app:unsigned: {registry: reg, repo: app}
      lib:1: {registry: reg, repo: lib, signed_by: prod}
      orphan:1: {registry: other, signed_by: prod}
    packages:
      util: {versions: ["1.0", "1.1"]}
      left: {source: public, versions: ["2.0"], malicious_versions: ["2.1"]}
    credentials:
      push-token: {kind: token, grants: [reg]}
    oidc_roles:
      deployer: {subject: "repo:org/*", scope: broad}
    nodes:
      n1: {cluster: prod}
      n2: {cluster: prod}
    workloads:
      web: {image: app:1, nodes: [n1, n2], replicas: 2}
    admission: {require_signatures: true, trusted_keys: [prod]}
    detections:
      det: {source: siem}
      off: {enabled: false}
    """

    let folder: String
    let drill: Drill

    /// Loads `drillBody` (everything after the drill's header) with id `t-drill`.
    init(_ drillBody: String, duration: String = "2h", severity: String = "P2") throws {
        folder = Scratch.root + "gameday-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/scenarios", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/drills", withIntermediateDirectories: true)
        try Self.world.write(toFile: folder + "/scenarios/t.yaml", atomically: true, encoding: .utf8)
        let text = """
        drill: t-drill
        title: Test drill
        severity: \(severity)
        owner: security-lead
        scenario: t
        duration: \(duration)

        """ + drillBody
        try text.write(toFile: folder + "/drills/t-drill.yaml", atomically: true, encoding: .utf8)
        let result = DrillLoader().loadDrill(path: folder + "/drills/t-drill.yaml")
        guard let drill = result.value else {
            throw HarnessError(message: result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        self.drill = drill
    }

    struct HarnessError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Runs `actions` (`(at, do)` pairs, times in the duration syntax, all by on-call) and returns the report.
    func run(_ actions: [(String, String)], started: String? = "2026-11-29T14:00:00Z", endedAt: Int? = nil,
             injected: [(Int, String)] = []) -> RunReport {
        run(by: actions.map { ($0.0, "on-call", $0.1) }, started: started, endedAt: endedAt, injected: injected)
    }

    /// Runs `actions` (`(at, by, do)` triples; `by` nil for none) and returns the report.
    func run(by actions: [(String, String?, String)], started: String? = "2026-11-29T14:00:00Z", endedAt: Int? = nil,
             injected: [(Int, String)] = []) -> RunReport {
        let log = ResponseLog(
            drillID: drill.id, team: "blue", started: started, endedAt: endedAt,
            actions: actions.map { at, by, line in
                ResponseLog.Action(at: DurationText.parse(at)!, by: by, line: line, words: try! ShellWords.split(line),
                                   location: SourceLocation(file: "log", line: 1, column: 1))
            },
            injected: injected.map { .init(at: $0.0, inject: $0.1, location: SourceLocation(file: "log", line: 1, column: 1)) })
        return Replay(CompiledDrill(drill), log: log).run(runDate: Date(timeIntervalSince1970: 1_790_000_000))
    }

    /// The simulator after `actions`, to inspect the world.
    func simulate(_ lines: [String], effects: Bool = true) -> Simulator {
        var simulator = Simulator(CompiledDrill(drill), end: drill.duration)
        for (i, line) in lines.enumerated() {
            switch CommandParser.parse(words: try! ShellWords.split(line), text: line) {
            case .success(let parsed): simulator.apply(parsed, at: 60 + i, by: nil)
            case .failure(let e): simulator.reject(line: line, reason: e.message, at: 60 + i, by: nil)
            }
        }
        return simulator
    }
}

extension Simulator {
    /// A field of an entity, as a readable value.
    func field(_ collection: Collection, _ name: String, _ field: String) -> String? {
        let state = context.state
        guard let symbol = context.symbols.lookup(name), let index = state.find(collection, symbol),
              let f = collection.fieldIndex(field) else { return nil }
        switch state.get(collection, index, f) {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .text(let s): return context.symbols[s]
        case .texts(let l): return l.map { context.symbols[$0] }.joined(separator: ",")
        default: return "?"
        }
    }

    /// The outcome of the last team action.
    var lastOutcome: CommandOutcome? {
        for event in events.reversed() { if case .action(let a) = event { return a.outcome } }
        return nil
    }
}
