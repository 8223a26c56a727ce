import Foundation
import Testing
@testable import GameDayRunbook

/// The runbooks of `runbooks/`, one per library drill: each loads against its drill, lints clean (manual steps
/// aside), passes `runbook test` with the figures worked out by hand below, and its log replays to the same report.
///
/// Hand computation (runbook-format.md 3, drill-format.md 7). Every runbook starts at 0 (its first Detection inject
/// fires at 0m). A step is done at its start plus its time; a step without `after` starts when the previous one is
/// done; `after X` starts no earlier than X's first visible firing. A range a..b takes √(a·b) seconds, rounded:
/// 2m..5m → √36000 = 189.7 → 190 s; 5m..15m → √270000 = 519.6 → 520 s; 10m..20m → √720000 = 848.5 → 849 s;
/// 15m..30m → √1620000 = 1272.8 → 1273 s. Each runbook's comment lists the done times (seconds) section by
/// section, then checks every outcome against its deadline, every exposure against its budget and every
/// forbidden move; all outcomes met (or n/a), no penalty, so score = 100 × Σweight / Σweight = 100.0.
@Suite struct LibraryRunbookTests {
    /// One runbook and what it must give.
    struct Expected: Sendable, CustomTestStringConvertible {
        var name: String
        /// The score, by hand.
        var score: Decimal
        /// When the last step is done, by hand.
        var lastDone: Int
        /// Each exposure's seconds, by hand, in the drill's order.
        var exposures: [String: Int]
        /// Outcomes that are n/a (their `after` inject never fires); every other one is met.
        var notApplicable: [String] = []
        var testDescription: String { name }
    }

    static let table: [Expected] = [
        // signing-key-compromised. Triage 60, 120 (both pages), 240 (declare, 2m). Containment 420 (revoke), 610
        // (distrust, 2m..5m = 190 s), 790 (stop both pipelines). Eradication 1390 (key-exposure), 1910 (ci-logs,
        // 5m..15m = 520 s), 2510 (KMS key created, trusted, both pipelines on it), after staging-blocked (2700)
        // 2760, 3360 (rotations). Recovery 3960 (re-sign 1.4.0 and rc1), 4080 (resume), 4380 (manual). Learn 4680,
        // 4800. Outcomes: ic-engaged 120 ≤ 900, declared-p1 240 ≤ 900 (by incident-commander), key-revoked
        // 420 ≤ 900, key-distrusted 610 ≤ 1800, builds-stopped 790 ≤ 1800, exposure-understood 1390 ≤ 3600,
        // secrets-rotated 3360 ≤ 14400, kms-key-in-place 2510 ≤ 7200, workloads-clean 3960 ≤ 10800 and still true
        // at the end (the 1h30m release builds 1.4.2 signed by nw-build-kms), learning-captured 4680 ≤ 14400:
        // weights 17/17. No forbidden move (ci-logs at 1910 before the rotations at 3360; nw-build-signing never
        // trusted again). leaked-key-trusted [0, 610] = 610 ≤ 900; forged-operator-running 0 (key disabled before
        // 25m, so the forged release is skipped). 100.0.
        Expected(name: "signing-key-compromised", score: 100, lastDone: 4800,
                 exposures: ["leaked-key-trusted": 610, "forged-operator-running": 0]),
        // malicious-image-in-registry. Triage 60, 180 (quarantine, 2m), 240 (three pages), 300 (declare).
        // Containment 480 (nodes found), 600 (cordon), 780 (token revoked). Eradication 1380 (rebuild 7.2.2 from
        // e4f5a6b), 1560 (deploy), 1800 (snapshots), 2280 (push-origin), 2880 (image-analysis), 3180 (ci-only).
        // Recovery 3480 (drain, after the snapshots), 3780 (rotate), 4080 (manual). Learn 4380. Outcomes:
        // alert-acked 60 ≤ 300, security-paged 240 ≤ 600, image-quarantined 180 ≤ 600, nodes-cordoned 600 ≤ 1200,
        // push-token-revoked 780 ≤ 1800, landing-known 2280 ≤ 3600, evidence-kept 1800 ≤ 3600, ci-only-registry
        // 3180 ≤ 7200, storefront-clean and all-workloads-clean 1560 (the token is revoked before the 30m tag
        // move, so rc1 stays clean), learning-captured 4380 ≤ 10800: weights 17/17; customers-handled n/a (the
        // storefront is clean before the 1h customer report, which is skipped). No forbidden move (no delete;
        // drained after the snapshots). storefront-skimming [0, 1560] = 1560 ≤ 1800. 100.0.
        Expected(name: "malicious-image-in-registry", score: 100, lastDone: 4380,
                 exposures: ["storefront-skimming": 1560], notApplicable: ["customers-handled"]),
        // runner-compromise. Triage 60, 120, 180, 300 (declare by incident-commander). Containment 480 (pool
        // disabled), 660 (deploy-role sessions), 840 (AWS key inactive), 1020 (bot PAT). Eradication 1540
        // (cloudtrail, 520 s), 2740 (cloud-audit), 4540 (implant), 5740 (gha-clean), 6940 (four pipelines moved),
        // 7540 (trust narrowed), after hotfix-pressure (10800) 10920, 11520 (rotations). Recovery after vendor-ioc
        // (14400) 16200, 19800 (manual). Learn 20400, 20700. Outcomes: alert-acked 60 ≤ 900, declared 300 ≤ 1800,
        // pool-disabled 480 ≤ 1800, oidc-tokens-revoked 660 ≤ 1800, cloud-key-contained 840 ≤ 3600,
        // cloud-calls-audited 2740 ≤ 86400, oidc-narrowed 7540 ≤ 86400, pipelines-on-clean-pool 6940 ≤ 172800
        // (payments already on gha-ephemeral), workloads-clean 0 (the 45m build and the 1h30m push are skipped),
        // learning-captured 20400 ≤ 259200: weights 18/18. No forbidden move. compromised-pool-building
        // [0, 480] = 480 ≤ 900; attacker-image-in-prod 0. 100.0.
        Expected(name: "runner-compromise", score: 100, lastDone: 20700,
                 exposures: ["compromised-pool-building": 480, "attacker-image-in-prod": 0]),
        // dependency-confusion. Triage 60, 120, 240. Containment 540 (all four internal names blocked), 1140
        // (payload-analysis), 1260 (rc2 quarantined), after sca-hit (1200, already past) 1320, 1500 (staging on
        // rc1). Eradication 2400 (resolver-path), 3000 (pin), 4800 (dev-laptops). Recovery 5700 (manual). Learn
        // 6300, 6600. Outcomes: report-acked 60 ≤ 3600, declared 240 ≤ 3600, name-blocked 540 ≤ 7200,
        // rc2-quarantined 1260 ≤ 3600, staging-contained 1500 ≤ 14400, resolver-known 2400 ≤ 7200, laptops-checked
        // 4800 ≤ 86400, all-names-protected 540 ≤ 86400, workloads-clean 1500 ≤ 172800 (the 6h and 1d12h trains
        // are skipped), learning-captured 6300 ≤ 259200: weights 16/16. internal-name-resolvable [0, 540] = 540 ≤
        // 1800 (the 1d copycats find every name blocked). 100.0.
        Expected(name: "dependency-confusion", score: 100, lastDone: 6600,
                 exposures: ["internal-name-resolvable": 540]),
        // malicious-dependency. Triage 60, 120, 240, 300. Containment 1573 (sbom-query, 15m..30m = 1273 s), 1753
        // (both pipelines stopped), 2353 (pin 2.3.0), after sca-hit (1800, already past) 2413, 2593 (cordon).
        // Eradication 3793 (payload-analysis), 3913 (resume), 5113 (both rebuilt, resolving 2.3.0). Recovery 5713
        // (deployed), 9313 (lateral-movement), 9373, 9973, 11773 (rotations). Learn 12373. Outcomes:
        // affected-images-known 1573 ≤ 3600, declared 240 ≤ 3600, version-pinned 2353 ≤ 14400,
        // affected-builds-stopped 1753 ≤ 7200, nodes-cordoned 2593 ≤ 14400, rebuilt-clean 5113 ≤ 86400,
        // credentials-reset 11773 ≤ 172800, workloads-clean 5713 ≤ 172800, no-lateral-movement 9313 ≤ 259200,
        // learning-captured 12373 ≤ 432000: weights 17/17. No forbidden move (the rebuild comes after the pin).
        // backdoor-in-production [0, 5713] = 5713 ≤ 14400. 100.0.
        Expected(name: "malicious-dependency", score: 100, lastDone: 12373,
                 exposures: ["backdoor-in-production": 5713]),
        // source-repo-compromise. Triage 60, 120, 240. Containment 360 (frozen), 540 (PAT revoked), 600 (releases
        // stopped), 780 (AWS key inactive). Eradication 1300 (actions-logs, 520 s), 2200 (workflow-injection),
        // 2500 (protected), 3100 (f00dbad reverted: head good), 4000 (rotations), 4900 (pat-origin). Recovery 5020
        // (releases resumed), 5320 (manual). Learn 5920, 6220. Outcomes: report-acked 60 ≤ 600, declared-p1 240 ≤
        // 1200, repo-frozen 360 ≤ 1200, pat-revoked 540 ≤ 1800, release-stopped 600 ≤ 1800,
        // injection-understood 2200 ≤ 7200, commits-reverted 3100 ≤ 14400, branch-protected 2500 ≤ 14400,
        // printed-secrets-rotated 4000 ≤ 14400, operator-clean 0 (the 1h release is skipped), releases-resumed
        // 5020 ≤ 86400, learning-captured 5920 ≤ 172800: weights 19/19. No forbidden move (logs at 1300 before the
        // rotations; resumed after the revert). backdoored-main [0, 3100] = 3100 ≤ 5400; printed-secrets-usable
        // [0, 780] = 780 ≤ 1800 (the PAT at 540, the AWS key at 780). 100.0.
        Expected(name: "source-repo-compromise", score: 100, lastDone: 6220,
                 exposures: ["backdoored-main": 3100, "printed-secrets-usable": 780]),
        // secrets-in-prod. Triage 60, 120, 240. Containment 420 (AWS key inactive), 940 (cloudtrail-export, 520 s),
        // 1789 (DB password rotated, 10m..20m = 849 s), 1969 (quarantine). Eradication 2569 (env-file), 3469
        // (key-usage), 4369 (rebuild 7.2.3), 4969 (AWS key rotated). Recovery 5269 (deployed), 5389 (legal paged).
        // Learn 5989, 6289. Outcomes: report-acked 60 ≤ 1800, declared 240 ≤ 3600, image-pulled 1969 ≤ 3600,
        // aws-key-contained 420 ≤ 3600, db-password-rotated 1789 ≤ 7200, exposure-scoped 3469 ≤ 14400,
        // clean-rebuild 4369 ≤ 86400, storefront-redeployed 5269 ≤ 86400, prod-clean 0, learning-captured 5989 ≤
        // 172800: weights 17/17; legal-engaged n/a (the 4h dump is skipped: the password was rotated). No
        // forbidden move (the export at 940 comes before both rotations). aws-key-usable [0, 420] = 420 ≤ 1800;
        // db-password-usable [0, 1789] = 1789 ≤ 3600. 100.0.
        Expected(name: "secrets-in-prod", score: 100, lastDone: 6289,
                 exposures: ["aws-key-usable": 420, "db-password-usable": 1789], notApplicable: ["legal-engaged"]),
        // oidc-trust-misconfigured. Triage 60, 120, 240. Containment 420 (sessions revoked), 720 (exact subject).
        // Eradication 1620 (role-sessions), 2220 (fork-workflow), after cspm-finding (1800, already past) 2280,
        // 3180 (cache-role), 3780 (gha-ci-cache revoked and narrowed). Recovery 4380 (manual). Learn 4980, 5280.
        // Outcomes: alert-acked 60 ≤ 900, declared 240 ≤ 1800, tokens-revoked 420 ≤ 1800, trust-narrowed 720 ≤
        // 1800, sessions-audited 1620 ≤ 7200, all-roles-narrow 3780 ≤ 86400, deploys-flow 720 ≤ 14400,
        // workloads-clean 0 (the 40m session and the 2h retry are skipped), learning-captured 4980 ≤ 86400:
        // weights 15/15. attacker-session-live [0, 420] = 420 ≤ 900; attacker-image-in-prod 0. 100.0.
        Expected(name: "oidc-trust-misconfigured", score: 100, lastDone: 5280,
                 exposures: ["attacker-session-live": 420, "attacker-image-in-prod": 0]),
    ]

    static let runbooks = Support.projectRoot.appendingPathComponent("runbooks")
    static let drills = Support.projectRoot.appendingPathComponent("drills")

    /// The team's alias file, before the catalog.
    static func aliases() throws -> AliasSet {
        let loaded = AliasFileLoader().load(path: runbooks.appendingPathComponent("aliases.yaml").path)
        return .withCatalog(before: try #require(loaded.value, "\(loaded.diagnostics)"))
    }

    /// The drill and the runbook loaded against it, with the loader's diagnostics.
    static func load(_ name: String) throws -> (Drill, Runbook, [Diagnostic]) {
        let drillResult = DrillLoader().loadDrill(path: drills.appendingPathComponent("\(name).yaml").path)
        let drill = try #require(drillResult.value, "\(drillResult.diagnostics)")
        let result = RunbookLoader(aliases: try aliases()).load(path: runbooks.appendingPathComponent("\(name).md").path, drill: drill)
        let runbook = try #require(result.value, "\(result.diagnostics.map(\.description).joined(separator: "\n"))")
        return (drill, runbook, result.diagnostics)
    }

    /// Every drill of the library has its runbook here, and every runbook here names its drill.
    @Test func oneRunbookPerDrill() throws {
        let drillNames = try FileManager.default.contentsOfDirectory(atPath: Self.drills.path).filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(5)) }.sorted()
        let runbookNames = try FileManager.default.contentsOfDirectory(atPath: Self.runbooks.path)
            .filter { $0.hasSuffix(".md") && !$0.lowercased().hasPrefix("readme") }.map { String($0.dropLast(3)) }.sorted()
        #expect(runbookNames == drillNames)
        #expect(Self.table.map(\.name).sorted() == drillNames)
        for name in runbookNames {
            #expect(RunbookLoader.relatedDrill(path: Self.runbooks.appendingPathComponent("\(name).md").path) == name)
        }
    }

    /// The team's alias file loads without a diagnostic.
    @Test func aliasFileLoadsClean() {
        let loaded = AliasFileLoader().load(path: Self.runbooks.appendingPathComponent("aliases.yaml").path)
        #expect(loaded.diagnostics == [])
        #expect(loaded.value?.isEmpty == false)
    }

    /// No error; the only warnings are the deliberate manual steps; the linter's played checks find nothing
    /// (no command the system rejects, no step left unreached, commands that meet outcomes doing nothing would not).
    @Test(arguments: table)
    func loadsAndLintsClean(_ expected: Expected) throws {
        let (drill, runbook, diagnostics) = try Self.load(expected.name)
        #expect(!diagnostics.contains { $0.severity == .error })
        let unexpected = diagnostics.filter { !$0.message.hasPrefix("a manual step:") }
        #expect(unexpected.isEmpty, "\(unexpected.map(\.description))")
        #expect(RunbookLinter(drill: drill, runbook: runbook).warnings().isEmpty)
        #expect(runbook.steps.allSatisfy { $0.duration.written })
    }

    /// `runbook test`: the hand-computed score, last done time and exposures; every outcome met or n/a.
    @Test(arguments: table)
    func passesItsDrill(_ expected: Expected) throws {
        let (drill, runbook, _) = try Self.load(expected.name)
        let run = Support.play([runbook], drill: drill)
        #expect(run.play.starts == [0])
        #expect(run.play.steps[0].allSatisfy { $0.done != nil })
        #expect(run.play.steps[0].last?.done == expected.lastDone)
        #expect(run.play.steps[0].allSatisfy { $0.outcomes?.allSatisfy { $0.reason == nil } ?? false })
        #expect(run.report.score == expected.score)
        #expect(run.report.passed)
        #expect(run.report.violations.isEmpty)
        for outcome in run.report.outcomes {
            #expect(outcome.status == (expected.notApplicable.contains(outcome.id) ? .notApplicable : .met), "\(outcome.id)")
        }
        #expect(Dictionary(uniqueKeysWithValues: run.report.exposures.map { ($0.id, $0.seconds) }) == expected.exposures)
        #expect(run.report.exposures.allSatisfy { $0.penalty == 0 })
    }

    /// `gameday run` of the runbook's log gives the same report, byte for byte.
    @Test(arguments: table)
    func logReplaysToTheSameReport(_ expected: Expected) throws {
        let (drill, runbook, _) = try Self.load(expected.name)
        let run = Support.play([runbook], drill: drill)
        #expect(try Support.replay(run.log, drill: drill).json.rendered() == run.report.json.rendered())
    }
}

/// The alias schema's samples (schema/tests) mean the same to the engine: the valid ones load, and each invalid one
/// is refused at the node the schema check points at (the place of the offending node, read off each sample).
@Suite struct AliasSchemaSampleTests {
    static let folder = Support.projectRoot.appendingPathComponent("schema/tests")

    static let invalid: [(name: String, line: Int, column: Int)] = [
        ("aliases-do-null.yaml", 4, 8),                   // do: (empty value)
        ("aliases-empty-match.yaml", 3, 12),              // match: ""
        ("aliases-match-list.yaml", 3, 12),               // match: [...]
        ("aliases-match-placeholder-first.yaml", 3, 12),  // match: "{tool} ..."
        ("aliases-missing-do.yaml", 3, 5),                // the alias mapping
        ("aliases-not-a-list.yaml", 3, 3),                // the mapping under aliases
        ("aliases-top-level-field.yaml", 2, 1),           // version:
        ("aliases-unknown-field.yaml", 5, 5),             // description:
    ]

    @Test(arguments: ["aliases.yaml", "aliases-empty.yaml"])
    func theValidSamplesLoad(_ name: String) {
        let loaded = AliasFileLoader().load(path: Self.folder.appendingPathComponent("valid/\(name)").path)
        #expect(loaded.diagnostics == [])
        #expect(loaded.value != nil)
    }

    @Test func everyInvalidSampleIsInTheTable() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.appendingPathComponent("invalid").path)
            .filter { $0.hasPrefix("aliases-") }.sorted()
        #expect(names == Self.invalid.map(\.name))
    }

    @Test(arguments: invalid.indices)
    func theEngineRefusesWhatTheSchemaRefuses(_ row: Int) {
        let (name, line, column) = Self.invalid[row]
        let loaded = AliasFileLoader().load(path: Self.folder.appendingPathComponent("invalid/\(name)").path)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(loaded.value == nil)
        #expect(errors.map { "\($0.location.line):\($0.location.column)" } == ["\(line):\(column)"], "\(name): \(errors)")
    }
}
