import Foundation
import Testing
@testable import GameDayRunbook

/// Every annotation form of runbook-format.md 1.3, and what is not an annotation.
@Suite struct AnnotationTests {
    struct Case: Sendable, CustomStringConvertible {
        let item: String
        let seconds: Int
        let written: Bool
        let by: String
        let after: String?
        var description: String { item }
    }

    static let cases: [Case] = [
        Case(item: "1. Revoke: `revoke-key prod-signing` (3m)", seconds: 180, written: true, by: "on-call", after: nil),
        Case(item: "1. Revoke: `revoke-key prod-signing` (90s)", seconds: 90, written: true, by: "on-call", after: nil),
        Case(item: "1. Revoke: `revoke-key prod-signing` (1h30m)", seconds: 5400, written: true, by: "on-call", after: nil),
        // √(2m × 8m) = 240 s; √(1m × 10m) = 189.7 s, rounded 190.
        Case(item: "1. Revoke: `revoke-key prod-signing` (2m..8m)", seconds: 240, written: true, by: "on-call", after: nil),
        Case(item: "1. Revoke: `revoke-key prod-signing` (1m..10m)", seconds: 190, written: true, by: "on-call", after: nil),
        Case(item: "1. Revoke: `revoke-key prod-signing` (security-lead)", seconds: 60, written: false, by: "security-lead", after: nil),
        Case(item: "1. Revoke: `revoke-key prod-signing` (5m, security-lead)", seconds: 300, written: true, by: "security-lead", after: nil),
        Case(item: "1. Revoke: `revoke-key prod-signing` (security-lead, 5m)", seconds: 300, written: true, by: "security-lead", after: nil),
        Case(item: "1. Revoke: `revoke-key prod-signing` (5m, after anomalous-signature)", seconds: 300, written: true, by: "on-call", after: "anomalous-signature"),
        Case(item: "1. Revoke: `revoke-key prod-signing` (2m..6m, comms, after `laptop-lost`)", seconds: 208, written: true, by: "comms", after: "laptop-lost"),
        // Not annotations: the group is text, the step takes 1m by the owner.
        Case(item: "1. Revoke: `revoke-key prod-signing` (see the wiki)", seconds: 60, written: false, by: "on-call", after: nil),
        Case(item: "1. Revoke: `revoke-key prod-signing` (5m, if needed)", seconds: 60, written: false, by: "on-call", after: nil),
        Case(item: "1. Revoke (5m) the key: `revoke-key prod-signing`", seconds: 60, written: false, by: "on-call", after: nil),
        Case(item: "1. Revoke the key `revoke-key prod-signing` (with care) and wait", seconds: 60, written: false, by: "on-call", after: nil),
    ]

    @Test(arguments: cases)
    func annotation(_ c: Case) throws {
        let result = Support.load(Support.runbook(steps: c.item))
        let step = try #require(result.value?.steps.first, "\(result.diagnostics)")
        #expect(step.duration.testSeconds == c.seconds)
        #expect(step.duration.written == c.written)
        #expect(step.by == c.by)
        #expect(step.after == c.after)
        #expect(step.commands.map(\.line) == ["revoke-key prod-signing"])
        #expect(result.diagnostics.contains { $0.message.hasPrefix("the step has no time") } == !c.written)
    }

    @Test func theAnnotationIsLeftOutOfTheStepText() throws {
        let step = try #require(Support.load(Support.runbook(steps: "1. Revoke the key: `revoke-key prod-signing` (3m, security-lead)")).value?.steps.first)
        #expect(step.text == "Revoke the key: `revoke-key prod-signing`")
    }

    @Test func theParagraphAfterAFenceCanCarryTheAnnotation() throws {
        let runbook = try #require(Support.load(Support.runbook(steps: """
        1. Stop trusting it:
           ```sh
           distrust-key prod-signing
           ```
           (2m..8m, security-lead)
        """)).value)
        #expect(runbook.steps[0].duration.form == .range(low: 120, high: 480))
        #expect(runbook.steps[0].by == "security-lead")
    }

    @Test func whatIfShapeFollowsTheSpec() {
        // σ = ln(b/a) / (2 × 1.6448536269514722); the median is √(a·b).
        let range = StepDuration(.range(low: 120, high: 480))
        #expect(range.median == 240)
        #expect(range.shape(sigma: 0.5) == log(4.0) / (2 * 1.6448536269514722))
        #expect(StepDuration(.median(300)).shape(sigma: 0.7) == 0.7)
    }
}

/// Where a step's commands come from (runbook-format.md 1.2).
@Suite struct CommandSourceTests {
    private func commands(_ steps: String) throws -> [[String]] {
        let result = Support.load(Support.runbook(steps: steps))
        let runbook = try #require(result.value, "\(result.diagnostics)")
        return runbook.steps.map { $0.commands.map(\.line) }
    }

    @Test func theFirstCodeSpanOfTheParagraph() throws {
        #expect(try commands("1. Revoke `revoke-key prod-signing` then `distrust-key prod-signing` (3m)") == [["revoke-key prod-signing"]])
    }

    @Test func everyLineOfTheFencedBlocksButComments() throws {
        #expect(try commands("""
        1. Take its power away:
           ```sh
           # first the key
           gameday revoke-key prod-signing

           distrust-key prod-signing
           ```
        """) == [["revoke-key prod-signing", "distrust-key prod-signing"]])
    }

    @Test func theFirstCodeSpanOfEachNestedItem() throws {
        #expect(try commands("""
        1. Page them (2m)
           - `page security-lead`
           - the commander: `page incident-commander` now
           - someone by phone
        """) == [["page security-lead", "page incident-commander"]])
    }

    @Test func anEmptyCodeSpanFallsThroughToTheNextSource() throws {
        #expect(try commands("""
        1. Page ` ` them (2m)
           - `page security-lead`
        """) == [["page security-lead"]])
    }

    @Test func aStepWithoutCommandsIsManual() throws {
        let result = Support.load(Support.runbook(steps: "1. Look at the dashboards (5m)"))
        #expect(result.value?.steps.first?.isManual == true)
        #expect(result.diagnostics.map(\.message).contains { $0.hasPrefix("a manual step") })
    }

    @Test func theGamedayPrefixIsDropped() throws {
        #expect(try commands("1. `gameday revoke-key prod-signing` (1m)") == [["revoke-key prod-signing"]])
    }

    @Test func stepsArePlayedInSectionOrderWhateverTheFileOrder() throws {
        let text = Support.runbook(steps: "1. `revoke-key prod-signing` (1m)", extra: "\n## Triage\n1. `ack laptop-lost` (1m)\n\n## Learn\n1. `schedule-postmortem` (1m)\n")
        let runbook = try #require(Support.load(text).value)
        #expect(runbook.steps.map(\.section) == [.triage, .containment, .learn])
    }

    @Test func detectionNamesInjectsAndDetections() throws {
        let runbook = try #require(Support.load(Support.runbook(steps: "1. `ack laptop-lost` (1m)",
                                                               detection: "- `laptop-lost`: report\n- `signature-anomaly`: SIEM\n- a phone call")).value)
        #expect(runbook.triggers == ["laptop-lost"])
        #expect(runbook.detections == ["signature-anomaly"])
    }
}

/// Alias matching (runbook-format.md 2): literals, `{name}`, `...`, first match wins, the team's file first.
@Suite struct AliasMatchTests {
    private func alias(_ match: String, _ command: String) throws -> Alias {
        let file = NSTemporaryDirectory() + "gameday-alias-\(UUID().uuidString).yaml"
        try "aliases:\n  - match: '\(match)'\n    do: '\(command)'\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let loaded = AliasFileLoader().load(path: file)
        return try #require(loaded.value?.first, "\(loaded.diagnostics)")
    }

    @Test func literalsBindingsAndRest() throws {
        let a = try alias("kubectl drain {node} ...", "drain {node}")
        #expect(a.bindings(for: ["kubectl", "drain", "n1"]) == ["node": "n1"])
        #expect(a.bindings(for: ["kubectl", "drain", "n1", "--force", "--grace-period=0"]) == ["node": "n1"])
        #expect(a.bindings(for: ["kubectl", "cordon", "n1"]) == nil)
        #expect(a.bindings(for: ["kubectl", "drain"]) == nil)
        let strict = try alias("kubectl drain {node}", "drain {node}")
        #expect(strict.bindings(for: ["kubectl", "drain", "n1", "--force"]) == nil)
    }

    @Test func restInTheMiddleBacktracks() throws {
        let a = try alias("gcloud ... disable {version} --key {key} ...", "revoke-key {key}")
        #expect(a.bindings(for: "gcloud kms keys versions disable 3 --key k1 --location eu".split(separator: " ").map(String.init))?["key"] == "k1")
        #expect(a.bindings(for: ["gcloud", "disable", "1", "--key", "k"])?["key"] == "k")
    }

    @Test func aNameInsideAWordBindsItsPart() throws {
        let a = try alias("pip install {pkg}=={version} ...", "pin {pkg}@{version}")
        let words = ["pip", "install", "left-pad==1.3.0"]
        #expect(a.expand(try #require(a.bindings(for: words))) == ["pin", "left-pad@1.3.0"])
        #expect(a.bindings(for: ["pip", "install", "left-pad"]) == nil)
    }

    @Test func aBoundWordIsNeverExpandedAgain() throws {
        let a = try alias("say {x} {y}", "note {x} {y}")
        #expect(a.expand(["x": "{y}", "y": "z"]) == ["note", "{y}", "z"])
    }

    @Test func theTeamsFileComesBeforeTheCatalogAndTheFirstMatchWins() throws {
        let mine = try alias("kubectl drain {node} ...", "cordon {node}")
        let set = AliasSet.withCatalog(before: [mine])
        #expect(set.translate(["kubectl", "drain", "n1"])?.words == ["cordon", "n1"])
        #expect(AliasSet.withCatalog(before: []).translate(["kubectl", "drain", "n1"])?.words == ["drain", "n1"])
    }

    @Test func manyRestsOnALongLineStayLinear() throws {
        // 200 `...` against 4 000 words: a backtracking matcher would take ~10¹¹ steps; the table takes 8 × 10⁵.
        let a = try alias("tool " + Array(repeating: "...", count: 200).joined(separator: " ") + " {x} end", "note {x}")
        let words = ["tool"] + Array(repeating: "w", count: 4000) + ["last", "end"]
        #expect(a.bindings(for: words) == ["x": "last"])
        #expect(a.bindings(for: Array(words.dropLast())) == nil)
    }

    @Test func templateWordsStayLinearAndBindGreedily() throws {
        let a = try alias("t {a}-{b}-{c}", "note {a} {b} {c}")
        let long = String(repeating: "-", count: 50_000)
        // The first names take as much as they can: a and b are long runs of dashes, c is the last one.
        let bound = try #require(a.bindings(for: ["t", "x" + long + "y"]))
        #expect(bound["c"] == "y" && bound["a"]?.hasPrefix("x-") == true)
        #expect(a.bindings(for: ["t", "a-b"]) == nil)
        #expect(a.bindings(for: ["t", "a-b-c"]) == ["a": "a", "b": "b", "c": "c"])
    }

    @Test func quotedWordsStayOneWord() throws {
        let result = Support.load(Support.runbook(steps: "1. `git -C app revert 'abc def'` (1m)"))
        #expect(result.value?.steps.first?.commands.first?.words == ["revert", "app", "abc def"])
        #expect(result.value?.steps.first?.commands.first?.line == "revert app 'abc def'")
    }
}
