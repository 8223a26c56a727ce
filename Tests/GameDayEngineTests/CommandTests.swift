import Testing
@testable import GameDayEngine

@Suite struct TeamCommandTests {
    let h: Harness
    init() throws {
        h = try Harness("""
        findings:
          f1: {topic: prod, text: a}
          f2: {topic: other, text: b}
          f3: {topic: prod, text: c}
        injects:
          - {id: hello, at: 0m, channel: chat, message: hi}
          - {id: ghost, at: 0m, channel: silent}
          - {id: later, at: 1h, channel: alert, message: later}
        """)
    }

    private func rejection(_ lines: [String]) -> String? {
        h.simulate(lines).lastOutcome?.reason
    }

    @Test func keys() {
        var s = h.simulate(["revoke-key prod"])
        #expect(s.field(.keys, "prod", "state") == "disabled")
        s = h.simulate(["create-key k2 --backend hsm", "trust-key k2", "distrust-key prod"])
        #expect(s.field(.keys, "k2", "backend") == "hsm")
        #expect(s.field(.keys, "k2", "state") == "active")
        #expect(s.context.state.trustedKeys.map { s.context.symbols[$0] } == ["k2"])
        #expect(rejection(["create-key prod"]) == "key 'prod' already exists")
        #expect(rejection(["create-key k3 --backend floppy"])?.contains("unknown key backend") == true)
        #expect(rejection(["revoke-key nope"]) == "key 'nope' not found")
        #expect(rejection(["trust-key nope"]) == "key 'nope' not found")
        #expect(h.simulate(["distrust-key spare"]).lastOutcome == .applied)
    }

    @Test func signing() {
        #expect(h.simulate(["sign app:unsigned --key prod"]).field(.images, "app:unsigned", "signed_by") == "prod")
        #expect(rejection(["sign app:1 --key spare"]) == "signing failed: key 'spare' is disabled")
        #expect(rejection(["delete-image app:1", "sign app:1 --key prod"])?.contains("was deleted") == true)
        #expect(rejection(["sign app:1"])?.contains("needs --key") == true)
        #expect(h.simulate(["set-pipeline-key app-main spare"]).field(.pipelines, "app-main", "signs_with") == "spare")
    }

    @Test func admission() {
        #expect(h.simulate(["deploy web app:1"]).lastOutcome == .applied)
        #expect(rejection(["deploy web app:unsigned"]) == "admission denied: app:unsigned is not signed and signatures are required")
        #expect(rejection(["distrust-key prod", "deploy web lib:1"]) == "admission denied: lib:1 is signed by prod, which is not a trusted key")
        #expect(rejection(["quarantine lib:1", "deploy web lib:1"]) == "admission denied: lib:1 is quarantined")
        #expect(rejection(["delete-image lib:1", "deploy web lib:1"]) == "admission denied: lib:1 was deleted from the registry")
        #expect(rejection(["freeze-registry other", "deploy web orphan:1"]) == "admission denied: registry other is frozen")
        #expect(rejection(["deploy web nope:1"]) == "admission denied: image nope:1 not found")
        #expect(h.simulate(["freeze-registry other", "unfreeze-registry other", "deploy web orphan:1"]).lastOutcome == .applied)
    }

    @Test func rollbackPopsTheDeployStack() {
        var s = h.simulate(["deploy web lib:1", "deploy web orphan:1", "rollback web"])
        #expect(s.field(.workloads, "web", "image") == "lib:1")
        s = h.simulate(["deploy web lib:1", "rollback web", "rollback web"])
        #expect(s.field(.workloads, "web", "image") == "app:1")
        #expect(s.lastOutcome?.reason == "rollback failed: web has no previous revision")
        s = h.simulate(["deploy web lib:1", "quarantine app:1", "rollback web"])
        #expect(s.lastOutcome?.reason == "admission denied: app:1 is quarantined")
        #expect(s.field(.workloads, "web", "image") == "lib:1")
    }

    @Test func builds() {
        #expect(h.simulate(["stop-builds app-main"]).field(.pipelines, "app-main", "stopped") == "true")
        let all = h.simulate(["stop-builds --all"])
        #expect(all.field(.pipelines, "lib-main", "stopped") == "true")
        #expect(h.simulate(["stop-builds --all", "resume-builds app-main"]).field(.pipelines, "app-main", "stopped") == "false")
        #expect(rejection(["stop-builds app-main --all"])?.contains("exactly one") == true)
    }

    @Test func rebuild() {
        let s = h.simulate(["rebuild app:1 --as app:2"])
        #expect(s.lastOutcome == .applied)
        #expect(s.field(.images, "app:2", "signed_by") == "prod")
        #expect(s.field(.images, "app:2", "commit") == "good")
        #expect(s.field(.images, "app:2", "registry") == "reg")
        #expect(s.field(.images, "app:2", "deps") == "util@1.1,left@2.1")
        #expect(s.field(.images, "app:2", "malicious") == "true")
        let blocked = h.simulate(["block-package left", "pin util@1.0", "rebuild app:1 --as app:2 --from c9"])
        #expect(blocked.field(.images, "app:2", "deps") == "util@1.0,left@2.0")
        #expect(blocked.field(.images, "app:2", "malicious") == "false")
        #expect(blocked.field(.images, "app:2", "commit") == "c9")
        #expect(h.simulate(["revoke-key prod", "rebuild app:1 --as app:2"]).field(.images, "app:2", "signed_by") == "null")
        #expect(rejection(["rebuild orphan:1 --as x"]) == "rebuild failed: orphan:1 has no source repo")
        #expect(rejection(["rebuild lib:1 --as x"])?.contains("runner pool dead is disabled") == true)
        #expect(rejection(["stop-builds app-main", "rebuild app:1 --as x"]) == "rebuild failed: pipeline app-main is stopped")
        #expect(rejection(["freeze-registry reg", "rebuild app:1 --as x"]) == "rebuild failed: registry reg is frozen")
        #expect(rejection(["rebuild app:1 --as app:unsigned"]) == "rebuild failed: app:unsigned already exists")
        #expect(rejection(["delete-image app:unsigned", "rebuild app:1 --as app:unsigned"]) == "rebuild failed: app:unsigned already exists")
        #expect(h.simulate(["quarantine app:1", "rebuild app:1 --as app:3"]).lastOutcome == .applied)
    }

    @Test func credentialsAndOIDC() {
        var s = h.simulate(["revoke push-token"])
        #expect(s.field(.credentials, "push-token", "state") == "revoked")
        s = h.simulate(["revoke push-token", "rotate push-token"])
        #expect(s.field(.credentials, "push-token", "state") == "active")
        #expect(s.field(.credentials, "push-token", "rotated") == "true")
        s = h.simulate(["restrict-oidc deployer --subject repo:org/app:ref:refs/heads/main", "revoke-tokens deployer", "disable-oidc deployer"])
        #expect(s.field(.oidcRoles, "deployer", "subject") == "repo:org/app:ref:refs/heads/main")
        #expect(s.field(.oidcRoles, "deployer", "scope") == "narrow")
        #expect(s.field(.oidcRoles, "deployer", "tokens_revoked") == "true")
        #expect(s.field(.oidcRoles, "deployer", "enabled") == "false")
    }

    @Test func runnersAndRepos() {
        var s = h.simulate(["disable-runners shared", "create-runner-pool eph --ephemeral --egress allowlist", "move-pipeline app-main eph"])
        #expect(s.field(.runnerPools, "shared", "enabled") == "false")
        #expect(s.field(.runnerPools, "eph", "ephemeral") == "true")
        #expect(s.field(.runnerPools, "eph", "egress") == "allowlist")
        #expect(s.field(.pipelines, "app-main", "runner_pool") == "eph")
        #expect(rejection(["create-runner-pool shared"]) == "runner pool 'shared' already exists")
        #expect(rejection(["create-runner-pool p --egress wide"])?.contains("unknown egress") == true)
        s = h.simulate(["freeze-repo lib", "protect-branch app"])
        #expect(s.field(.repos, "lib", "frozen") == "true")
        #expect(rejection(["revert app deadbeef"])?.contains("not a malicious commit") == true)
    }

    @Test func packagesAndNodes() {
        #expect(rejection(["pin util@9.9"]) == "version 9.9 of util does not exist")
        #expect(rejection(["pin left@2.1"]) == "version 2.1 of left does not exist")
        #expect(rejection(["pin nope@1"]) == "package 'nope' not found")
        let s = h.simulate(["cordon n1", "drain n2", "isolate n1", "snapshot n1"])
        #expect(s.field(.nodes, "n1", "cordoned") == "true")
        #expect(s.field(.nodes, "n2", "drained") == "true")
        #expect(s.field(.nodes, "n2", "cordoned") == "true")
        #expect(s.field(.workloads, "web", "nodes") == "n1")
        #expect(s.field(.nodes, "n1", "isolated") == "true")
        #expect(s.field(.nodes, "n1", "snapshotted") == "true")
        #expect(h.simulate(["scale web 0"]).field(.workloads, "web", "replicas") == "0")
        #expect(rejection(["scale web -1"]) == "cannot scale to -1 replicas")
        #expect(rejection(["scale web lots"])?.contains("not a number") == true)
    }

    @Test func teamRecords() {
        let s = h.simulate(["ack hello", "page security-lead", "page security-lead", "declare P1", "notify legal", "open-runbook rb",
                            "investigate prod", "file-story 'Fix it' --owner on-call --due 14d", "schedule-postmortem", "note all good"])
        let state = s.context.state
        let text = { (l: [Int32]) in l.map { s.context.symbols[$0] } }
        #expect(text(state.acknowledged) == ["hello"])
        #expect(text(state.paged) == ["security-lead"])
        #expect(state.incidentDeclared && s.context.symbols[state.incidentSeverity!] == "P1")
        #expect(text(state.notified) == ["legal"])
        #expect(text(state.runbooks) == ["rb"])
        #expect(text(state.findings) == ["f1", "f3"])
        #expect(state.stories.count == 1 && state.stories[0].due == 14 * 86_400)
        #expect(state.postmortemScheduled)
        #expect(rejection(["ack ghost"]) == "inject 'ghost' has not been shown to the team")
        #expect(rejection(["ack later"]) == "inject 'later' has not been shown to the team")
        #expect(rejection(["ack nope"]) == "no inject 'nope' in this drill")
        #expect(rejection(["page ceo"]) == "no role 'ceo' to page")
        #expect(rejection(["declare P5"])?.contains("not a severity") == true)
        #expect(rejection(["file-story 'x' --owner ceo"]) == "story owner 'ceo' is not a role")
        #expect(rejection(["file-story 'x'"])?.contains("needs --owner") == true)
        #expect(rejection(["file-story 'x' --owner on-call --due soon"])?.contains("not a duration") == true)
    }

    @Test func attackerCommandsAreNotTheTeams() {
        #expect(rejection(["compromise prod"]) == "'compromise' is the attacker's move, not a team command")
        #expect(rejection(["push-image x --registry reg"])?.contains("attacker") == true)
        #expect(rejection(["fly away"])?.hasPrefix("unknown command 'fly'") == true)
        #expect(rejection(["revoke-key a b"])?.contains("takes one argument") == true)
        #expect(rejection(["quarantine app:1 --now"])?.contains("unknown option") == true)
    }
}

@Suite struct AttackerCommandTests {
    private func effects(_ lines: [String], before: String = "") throws -> RunReport {
        let list = lines.map { "      - \($0)" }.joined(separator: "\n")
        let h = try Harness("""
        injects:
          - id: attack
            at: 10m
            channel: silent
            effects:
        \(list)
        """)
        return h.run(before.isEmpty ? [] : [("1m", before)])
    }

    @Test func pushImage() throws {
        var r = try effects(["push-image evil:1 --registry reg --sign-with prod --malicious", "deploy web evil:1"])
        #expect(r.effects.map(\.outcome) == [.applied, .applied])
        r = try effects(["push-image evil:1 --registry reg --sign-with prod", "deploy web evil:1"], before: "revoke-key prod")
        #expect(r.effects[1].outcome.reason == "admission denied: evil:1 is not signed and signatures are required")
        r = try effects(["push-image evil:1 --registry reg"], before: "freeze-registry reg")
        #expect(r.effects[0].outcome.reason == "push denied: registry reg is frozen")
        r = try effects(["push-image evil:1 --registry reg --using push-token"], before: "revoke push-token")
        #expect(r.effects[0].outcome.reason?.contains("was revoked") == true)
        r = try effects(["push-image evil:1 --registry reg --using push-token"], before: "rotate push-token")
        #expect(r.effects[0].outcome.reason?.contains("was rotated") == true)
        r = try effects(["push-image app:1 --registry reg --malicious"], before: "quarantine app:1")
        #expect(r.effects[0].outcome.reason == "push denied: tag app:1 is quarantined")
        r = try effects(["push-image evil:1 --registry nowhere"])
        #expect(r.effects[0].outcome.reason == "registry 'nowhere' not found")
    }

    @Test func tagMovesReplaceTheImage() throws {
        let h = try Harness("""
        injects:
          - {id: a, at: 10m, channel: silent, effects: ["push-image app:1 --registry other --malicious"]}
        expect:
          - {id: moved, phase: detect, check: 'images["app:1"].malicious && images["app:1"].registry == "other" && images["app:1"].signed_by == null && !images["app:1"].deleted'}
        """)
        let r = h.run([("1m", "delete-image app:1")])
        #expect(r.outcomes[0].metAt == 600)
    }

    @Test func compromiseCommitAndPublish() throws {
        let h = try Harness("""
        injects:
          - id: a
            at: 10m
            channel: silent
            effects:
              - compromise prod
              - compromise shared
              - compromise push-token
              - compromise nobody
              - commit app bad1 --malicious
              - commit lib bad2 --malicious
              - publish-package util@6.6 --malicious
        expect:
          - {id: c, phase: detect, check: 'keys["prod"].compromised && runner_pools["shared"].compromised && credentials["push-token"].exposed'}
          - {id: r, phase: detect, check: 'repos["app"].compromised && repos["app"].head == "bad1" && "6.6" in packages["util"].malicious_versions'}
        """)
        var r = h.run([])
        #expect(r.effects.map { $0.outcome.reason } == [nil, nil, nil, "no key, runner pool or credential named 'nobody'",
                                                      "push declined: branch protection on app requires a reviewed pull request",
                                                      "push declined: branch protection on lib requires a reviewed pull request", nil])
        #expect(r.outcomes[0].status == .met)
        let unprotected = try Harness(h.drill.file.isEmpty ? "" : """
        world:
          repos:
            app: {branch_protection: false}
        injects:
          - {id: a, at: 10m, channel: silent, effects: ["commit app bad1 --malicious", "commit app bad2 --malicious"]}
        expect:
          - {id: r, phase: detect, check: 'repos["app"].head == "bad2" && size(repos["app"].malicious_commits) == 2'}
          - {id: reverted, phase: eradicate, check: 'repos["app"].head == "bad1" && !("bad2" in repos["app"].malicious_commits)'}
          - {id: clean, phase: eradicate, hold: true, check: 'repos["app"].head == "good" && !repos["app"].compromised'}
        """)
        r = unprotected.run([("20m", "revert app bad2"), ("30m", "revert app bad1")])
        #expect(r.outcomes.map(\.metAt) == [600, 1200, 1800])
    }
}

@Suite struct VerbTableTests {
    /// The engine's verb enum and the vocabulary's specs name exactly the same verbs.
    @Test func everySpecHasAVerb() {
        #expect(Set(Verb.allCases.map(\.rawValue)) == Set(CommandSpec.all.map(\.verb)))
    }
}

@Suite struct OptionTableTests {
    /// Every option a verb declares has a slot in the engine's option table, and the slots are distinct.
    @Test func everyDeclaredOptionHasASlot() {
        let declared = Set(CommandSpec.all.flatMap { $0.options.map(\.name) })
        #expect(declared == Set(OptionName.allCases.map(\.rawValue)))
        #expect(Set(OptionName.allCases.map(\.position)).count == OptionName.allCases.count)
        #expect(OptionName.allCases.allSatisfy { $0.position < OptionName.allCases.count })
    }
}
