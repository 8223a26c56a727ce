import Foundation
@testable import GameDayRunbook

/// The fixture folder, the worked example's drill and helpers to load runbooks from text.
enum Support {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture's path.
    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// The worked example's drill (signing-key-compromised on acme).
    static let drill: Drill = DrillLoader().loadDrill(path: path("drills/signing-key-compromised.yaml")).value!

    /// The v1.1 example's drill (poisoned-package on acme).
    static let poisoned: Drill = DrillLoader().loadDrill(path: path("drills/poisoned-package.yaml")).value!

    /// The worked example's aliases, before the catalog.
    static let aliases: AliasSet = .withCatalog(before: AliasFileLoader().load(path: path("aliases.yaml")).value!)

    /// Loads runbook Markdown `text` against `drill`.
    static func load(_ text: String, drill: Drill? = Support.drill, aliases: AliasSet = Support.aliases) -> LoadResult<Runbook> {
        let parsed = MarkdownParser.parse(bytes: Array(text.utf8), file: "rb.md")
        guard let document = parsed.document else { return LoadResult(value: nil, diagnostics: parsed.diagnostics) }
        return RunbookLoader(aliases: aliases).load(document: document, drill: drill)
    }

    /// A runbook with the template's header sections and `steps` as its Containment section's body.
    static func runbook(steps: String, detection: String = "- `laptop-lost`: the report", owner: String = "on-call",
                        extra: String = "") -> String {
        """
        # Runbook: Test

        ## Summary
        A test.

        ## Severity
        P1

        ## Owner
        \(owner)

        ## Detection
        \(detection)

        ## Containment
        \(steps)
        \(extra)
        """
    }

    /// Plays `runbooks` (already loaded) against `drill` at their test durations.
    static func play(_ runbooks: [Runbook], drill: Drill = Support.drill, durations: [Int]? = nil) -> RunbookRun {
        let plan = RunbookPlan(drill: CompiledDrill(drill), runbooks: runbooks)
        return RunbookRun(plan: plan, durations: durations ?? plan.testDurations, team: nil, runDate: Date(timeIntervalSince1970: 0))
    }

    /// Replays a response log's text against `drill`, as `gameday run` does.
    static func replay(_ log: String, drill: Drill = Support.drill) throws -> RunReport {
        let file = NSTemporaryDirectory() + "gameday-runbook-log-\(UUID().uuidString).yaml"
        try log.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let loaded = DrillLoader().loadResponseLog(path: file, drill: drill)
        guard let parsed = loaded.value else { throw SupportError(message: loaded.diagnostics.map(\.description).joined(separator: "\n")) }
        return Replay(CompiledDrill(drill), log: parsed).run(runDate: Date(timeIntervalSince1970: 0))
    }

    struct SupportError: Error { let message: String }
}
