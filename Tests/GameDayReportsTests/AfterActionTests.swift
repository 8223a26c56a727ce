import Foundation
import GameDayEngine
import Testing
@testable import GameDayReports

/// The debrief in the shape of an After-Action Report: overview and pace, impact that counts time, who moved,
/// strengths and areas for improvement by phase in time order, decisions and notes, root cause, the improvement plan.
@Suite struct AfterActionTests {
    static func scratch(_ name: String) throws -> URL { try ExternalTool.scratchFolder(name) }

    // MARK: Impact that counts time

    /// A drill that declares no exposure: the windows are read from the world's state over the run. A storefront
    /// that served the miner from before T0 until the team deployed the clean image at T+20:01 is shown from T0,
    /// and the summary no longer says the attacker achieved nothing.
    @Test func windowsReadFromTheWorldStartBeforeT0() throws {
        let dir = try Self.scratch("aar-windows")
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = try Fixture.drill(in: dir, """
        expect:
          - {id: clean, phase: recover, check: '!images[workloads["storefront"].image].malicious', within: 30m}
        """, log: """
        actions:
          - {at: 20m1s, by: on-call, do: deploy storefront shop:1.0}
          - {at: 30m, by: security-lead, do: revoke ci-token}
          - {at: 40m, by: security-lead, do: disable-runners ci-pool}
        """, world: Fixture.compromisedWorld)
        let view = DebriefView(record)
        #expect(!view.windowsDeclared)
        #expect(view.impactWindows.map(\.title) == [
            "workload storefront served a malicious image (shop:miner)",
            "credential ci-token was exposed and still usable",
            "runner pool ci-pool was compromised and still enabled",
        ])
        #expect(view.impactWindows.map(\.span) == [
            "from before T0 until T+20:01", "from before T0 until T+30:00", "from before T0 until T+40:00",
        ])
        #expect(view.impactWindows.map(\.duration) == [
            "20m1s from T0 (it began before T0)", "30m from T0 (it began before T0)", "40m from T0 (it began before T0)",
        ])
        #expect(!view.impactNone)
        #expect(!view.summary[1].contains("achieved nothing"), "\(view.summary[1])")
        let expected: String = "The attacker made no move that succeeded during the drill, but workload storefront served a malicious image "
            + "(shop:miner) for 20m1s (from before T0), credential ci-token was exposed and still usable for 30m (from before T0) and "
            + "runner pool ci-pool was compromised and still enabled for 40m (from before T0); at the end 1 other exposure remained."
        #expect(view.summary[1] == expected)
        #expect(view.impactExposed.map(\.text) == ["image shop:miner is malicious and neither quarantined nor deleted"])
        #expect(view.timeline.first?.text == "Already exposed at T0 (it began before T0): workload storefront served a malicious image (shop:miner)")
        #expect(view.timeline.contains { $0.offset == "T+20:01" && $0.text == "No longer exposed: workload storefront served a malicious image (shop:miner)" })
        // On the chart: an exposure lane per window, its band from the plot's left edge, with the before-T0 arrow.
        let lane = try #require(view.chart.lanes.first { $0.label.hasPrefix("Workload storefront") })
        #expect(lane.bands.count == 1)
        let band = try #require(lane.bands.first)
        #expect(band.x == view.chart.plotLeft && band.arrowClass == "before-t0" && !band.arrow.isEmpty)
        let right: Int = view.chart.plotLeft + 1201 * view.chart.plotWidth / 3600
        #expect(band.x + band.width == right)
    }

    /// A state that turns bad during the run and is still bad at the end runs until the end; one that comes and goes
    /// has one interval each time, and a flip at one instant leaves none.
    @Test func windowsOpenAtTheEndAndSeveralIntervals() throws {
        let dir = try Self.scratch("aar-windows-end")
        defer { try? FileManager.default.removeItem(at: dir) }
        let world = Fixture.compromisedWorld.replacingOccurrences(of: "ci-pool: {compromised: true}", with: "ci-pool: {}")
            .replacingOccurrences(of: "storefront: {image: \"shop:miner\", nodes: []}", with: "storefront: {image: \"shop:1.0\", nodes: []}")
            .replacingOccurrences(of: "ci-token: {exposed: true}", with: "ci-token: {}")
        let record = try Fixture.drill(in: dir, """
        injects:
          - {id: bad-deploy, at: 10m, channel: silent, effects: [deploy storefront shop:miner]}
          - {id: bad-again, at: 30m, channel: silent, effects: [deploy storefront shop:miner]}
          - {id: pool, at: 50m, channel: silent, effects: [compromise ci-pool]}
        """, log: """
        actions:
          - {at: 20m, by: on-call, do: rollback storefront}
        """, world: world)
        let windows = DebriefView(record).impactWindows
        #expect(windows.map(\.title) == ["workload storefront served a malicious image (shop:miner)", "runner pool ci-pool was compromised and still enabled"])
        #expect(windows.map(\.span) == ["from T+10:00 until T+20:00, then from T+30:00 until the end of the run (T+1:00:00)",
                                        "from T+50:00 until the end of the run (T+1:00:00)"])
        #expect(windows.map(\.duration) == ["40m", "10m"])
    }

    /// The drill's own exposures: seconds against the budget and the penalty, in the summary, the impact, the
    /// penalties beside the forbidden moves, and as bands on the chart (v1.1 worked example, hasty team:
    /// exposed 600 s to 2640 s, 2040 s, 1440 s over a 600 s budget at 1 point per 2 minutes: 12 points).
    @Test func declaredExposuresWithTheirBudgetAndPenalty() throws {
        let view = DebriefView(try Examples.example("poisoned-package.hasty"))
        #expect(view.windowsDeclared)
        #expect(view.impactWindows == [DebriefView.WindowRow(title: "Production ran the poisoned build", span: "from 09:10:00 until 09:44:00",
                                                             duration: "34m", budget: "10m", penalty: "12", overBudget: true, never: false)])
        #expect(view.summary[1].contains("“Production ran the poisoned build” lasted 34m against a budget of 10m"))
        #expect(view.summary[3] == "1 forbidden move was made (−10 points) and an exposure beyond its budget cost 12 points.")
        #expect(view.penalties.map(\.kind) == ["exposure", "forbidden move"], "in time order: exposed from 09:10, the move at 09:25")
        #expect(view.penalties.map(\.points) == ["12", "10"])
        let lane = try #require(view.chart.lanes.first { $0.label == "Exposure: Production ran the poisoned build" })
        let x = { (t: Int) in view.chart.plotLeft + t * view.chart.plotWidth / 7200 }
        #expect(lane.bands.map(\.x) == [x(600)] && lane.bands.map { $0.x + $0.width } == [x(2640)])
        let prompt = DebriefView(try Examples.example("poisoned-package.prompt"))
        #expect(prompt.impactWindows.map(\.penalty) == ["2.5"] && prompt.impactWindows.map(\.duration) == ["15m"])
    }

    // MARK: Who moved

    /// Third parties' and the world's moves are not what the attacker achieved; a repeating move is one move.
    @Test func moversAreNamedAndRepeatsCountedOnce() throws {
        let dir = try Self.scratch("aar-movers")
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = try Fixture.drill(in: dir, """
        injects:
          - {id: keep-stealing, at: 0m, channel: silent, repeat: 5m, effects: [compromise ci-token]}
          - {id: github-action, at: 15m, channel: silent, actor: third-party, from: github, effects: [disable-runners ci-pool]}
          - {id: nightly, at: 20m, channel: silent, actor: world, from: nightly, effects: [scale storefront 2]}
          - {id: vendor-notice, at: 25m, channel: email, from: vendor, to: on-call, message: We revoked your token, effects: [revoke ci-token]}
        """, world: Fixture.compromisedWorld)
        let view = DebriefView(record)
        #expect(view.impactAchieved.map(\.text) == ["compromised ci-token (13 times, the last at T+1:00:00)"])
        #expect(view.summary[1].hasPrefix("The attacker compromised ci-token (besides 3 moves by third parties or the world)"), "\(view.summary[1])")
        #expect(view.impactOthers.map(\.text) == [
            "third party (github): ran disable-runners ci-pool",
            "the world (nightly): ran scale storefront 2",
            "third party (vendor): ran revoke ci-token",
        ])
        let movers = view.timeline.filter { $0.isCommand && $0.lane != "action" }
        #expect(Set(movers.map(\.lane)) == ["attacker", "third-party", "world"])
        #expect(movers.first { $0.text == "scale storefront 2" }?.who == "the world (nightly)")
        #expect(view.chart.lanes.map(\.label).prefix(4) == ["Injects", "Attacker", "Third parties", "The world"])
        #expect(view.chart.lanes[2].marks.allSatisfy { $0.cls == "third-party-applied" } && view.chart.lanes[3].marks.allSatisfy { $0.cls == "world-applied" })
    }

    // MARK: Strengths and areas for improvement

    /// What a forbidden move itself brought about is never a strength: here deleting the image before analysing it
    /// both meets "the image is gone" and averts the attacker's later deploy of it.
    @Test func aForbiddenMovesOwnEffectIsNoStrength() throws {
        let dir = try Self.scratch("aar-forbidden")
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = try Fixture.drill(in: dir, """
        findings:
          analysis: {topic: "shop:miner", text: It mines coins.}
        injects:
          - {id: redeploy, at: 20m, channel: silent, effects: ["deploy storefront shop:miner"]}
        expect:
          - {id: gone, title: The miner image is gone, phase: eradicate, check: 'images["shop:miner"].deleted', within: 30m}
          - {id: acked, title: Nothing, phase: detect, check: 'size(paged) >= 0', within: 5m}
        forbid:
          - {id: evidence-destroyed, title: Evidence destroyed, check: 'done("delete-image", "shop:miner") && !("analysis" in findings)'}
        """, log: """
        actions:
          - {at: 10m, by: on-call, do: deploy storefront shop:1.0}
          - {at: 12m, by: on-call, do: delete-image shop:miner}
        """, world: Fixture.compromisedWorld)
        let view = DebriefView(record)
        #expect(!view.wentWell.contains { $0.text.hasPrefix("The miner image is gone") })
        #expect(view.wentPoorly.contains { $0.text == "The miner image is gone — met in time (deadline T+30:00), but only through the forbidden move “Evidence destroyed”" })
        #expect(!view.wentWell.contains { $0.text.hasPrefix("Attacker move averted") })
        #expect(view.impactAverted.count == 1)
        #expect(view.impactAverted.allSatisfy { $0.text.hasPrefix("deploy storefront shop:miner — averted: ")
            && $0.text.hasSuffix("; only because of the forbidden move “Evidence destroyed”") })
        #expect(view.wentWell.contains { $0.text.hasPrefix("Nothing — met in time") }, "an outcome met without the move stays a strength")
    }

    /// Every list is in time order, and each phase's items are in their phase.
    @Test(arguments: Examples.names)
    func listsAreInTimeOrder(_ name: String) throws {
        let view = DebriefView(try Examples.example(name))
        for list in [view.wentWell, view.wentPoorly] + view.phaseReviews.flatMap({ [$0.strengths, $0.improvements] }) {
            let times = list.compactMap(\.sortTime)
            #expect(times == times.sorted(), "\(list.map(\.text))")
        }
        #expect(view.phaseReviews.map(\.name).allSatisfy { ["Detect", "Contain", "Eradicate", "Recover", "Learn", "Across the phases"].contains($0) })
    }

    @Test func theSlowRunGroupedByPhase() throws {
        let view = DebriefView(try Examples.example("signing-key-compromised.slow"))
        let detect = try #require(view.phaseReviews.first { $0.name == "Detect" })
        #expect(detect.strengths.map(\.text) == ["Acknowledged after 8m, within the 15m response SLA"])
        #expect(detect.improvements.map(\.text) == ["Security lead paged — late: met at 14:12:00, deadline 14:05:00"])
        let across = try #require(view.phaseReviews.last)
        #expect(across.name == "Across the phases")
        #expect(across.improvements.map(\.at) == ["14:45:00", "14:50:00"])
        #expect(view.wentWell.map(\.at) == ["14:08:00", "14:41:00"], "time order, not file order")
    }

    // MARK: Overview, decisions, root cause, the plan

    @Test func overviewDecisionsRootCauseAndPlan() throws {
        let dir = try Self.scratch("aar-overview")
        defer { try? FileManager.default.removeItem(at: dir) }
        var record = try Fixture.drill(in: dir, """
        roles: [on-call, security-lead, scribe]
        findings:
          origin: {topic: ci-token, text: The token was printed in a CI log.}
          second: {topic: nowhere, text: Never looked at.}
        expect:
          - {id: paged, title: Security lead paged, phase: detect, check: '"security-lead" in paged', within: 5m, weight: 2, critical: true}
          - {id: known, title: Origin known, phase: eradicate, check: '"origin" in findings', within: 10m}
        """, log: """
        team: blue
        started: 2026-11-29T14:00:00Z
        actions:
          - {at: 3m, by: scribe, do: "note we think the CI token leaked"}
          - {at: 4m, by: on-call, do: declare P2}
          - {at: 6m, by: on-call, do: page security-lead}
          - {at: 12m, by: security-lead, do: investigate ci-token}
          - {at: 13m, by: security-lead, do: "file-story 'Scan CI logs' --owner security-lead --due 7d"}
        """, world: Fixture.compromisedWorld)
        record.backlogStatus = ["small/paged": "new: story #4, open"]
        let view = DebriefView(record)
        let overview = Dictionary(uniqueKeysWithValues: view.overview.map { ($0.label, $0.value) })
        #expect(overview["Drill"] == "Small drill (small), severity P3")
        #expect(overview["Scenario"] == "Small world (acme)")
        #expect(overview["Team"] == "blue" && overview["Date"] == "2026-11-29" && overview["Duration"] == "1h")
        #expect(overview["Pace"] == "replay of a response log")
        #expect(overview["Roles that took part"] == "on-call, security-lead, scribe")
        #expect(overview["Roles with no recorded action"] == nil)
        #expect(view.objectives.map { "\($0.phase): \($0.title) — \($0.deadline); \($0.traits)" } == [
            "detect: Security lead paged — within 5m of T0; weight 2, critical", "eradicate: Origin known — within 10m of T0; ",
        ])
        #expect(view.decisions.map { "\($0.at) \($0.who) \($0.kind): \($0.text)" } == [
            "14:03:00 scribe note: we think the CI token leaked",
            "14:04:00 on-call decision: declared a P2 incident",
            "14:06:00 on-call decision: paged security-lead",
            "14:13:00 security-lead decision: filed the story “Scan CI logs” for security-lead, due in 7d",
        ])
        #expect(view.findingsUncovered == [DebriefView.FindingRow(id: "origin", topic: "ci-token", text: "The token was printed in a CI log.",
                                                                  at: "14:12:00", by: "security-lead")])
        #expect(view.findingsMissed.map(\.id) == ["second"])
        #expect(view.plan.map { [$0.action, $0.owner, $0.severity, $0.due, $0.gap, $0.status ?? "—"] } == [
            ["Close gap: Security lead paged", "security-lead", "P3", "2026-12-29", "outcome late: met at 14:06:00, due 14:05:00", "new: story #4, open"],
            ["Close gap: Origin known", "security-lead", "P3", "2026-12-29", "outcome late: met at 14:12:00, due 14:10:00", "—"],
        ])
        #expect(view.planHasStatus)
        let md = try #require(try Examples.files(record).first { $0.path == "report.md" }).contents
        #expect(md.contains("| # | Corrective action | Owner | Severity | Due | Gap | Backlog | Story |"))
        #expect(md.contains("| 1 | Close gap: Security lead paged | security-lead | P3 | 2026-12-29 | outcome late: met at 14:06:00, due 14:05:00 | new: story #4, open | small/paged |"))
        #expect(md.contains("- 14:03:00 — scribe — note: we think the CI token leaked"))
        record.backlogStatus = [:]
        let unrecorded = try #require(try Examples.files(record).first { $0.path == "report.md" }).contents
        #expect(unrecorded.contains("| # | Corrective action | Owner | Severity | Due | Gap | Story |"), "no Backlog column when the run was not recorded")
    }

    // MARK: Wall-clock truth

    /// Under --step or --speed the reports give drill times only, and say why; a real-time session gives UTC times.
    @Test(arguments: [(RunPace(clock: .step, replayed: true), "--step"), (RunPace(clock: .speed(60), replayed: false), "--speed")])
    func steppedAndAcceleratedRunsPrintNoWallClockTime(_ pace: RunPace, _ word: String) throws {
        let dir = try Self.scratch("aar-pace")
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = try Fixture.drill(in: dir, """
        injects:
          - {id: hello, at: 1m, channel: chat, to: on-call, message: Hello}
        """, log: "started: 2026-11-29T14:00:00Z\nactions:\n  - {at: 2m, by: on-call, do: ack hello}\n", pace: pace)
        let view = DebriefView(record)
        #expect(!view.timesInUTC && view.timeHeading == "Drill time")
        #expect(view.timeline.map(\.time) == ["T+01:00", "T+02:00", "T+1:00:00"])
        #expect(view.timesNote.contains(word) && view.timesNote.contains("no wall-clock time"))
        #expect(view.overview.first { $0.label == "Pace" }?.value == pace.description)
        for file in try Examples.files(record) where file.path.hasSuffix(".md") || file.path.hasSuffix(".html") || file.path == "junit.xml" {
            #expect(!file.contents.contains("14:01:00") && !file.contents.contains("14:02:00"), "\(file.path) prints a made-up wall-clock time")
        }
        let junit = try #require(try Examples.files(record).first { $0.path == "junit.xml" }).contents
        #expect(junit.contains("timestamp=\"2026-11-29T14:00:00\""), "T0 did happen on the wall clock")
        var live = record
        live.pace = RunPace(clock: .realTime, replayed: false)
        #expect(DebriefView(live).timeline.map(\.time) == ["14:01:00", "14:02:00", "15:00:00"])
    }

    // MARK: The SVG timeline

    /// A deadline after the end runs off the chart with an arrow; no mark or band is drawn past the end line;
    /// ticks sit at round drill times; a long outcome title is wrapped whole.
    @Test func theTimelineChartKeepsInsideTheEndLine() throws {
        let dir = try Self.scratch("aar-chart")
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = "Every workload in every cluster runs a clean image signed by a key the admission policy trusts"
        let record = try Fixture.drill(in: dir, """
        expect:
          - {id: later, title: "\(long)", phase: recover, check: 'size(paged) > 0', within: 2h}
          - {id: never, title: Never happens, phase: learn, check: 'size(paged) > 5', within: 20m}
        """, log: """
        ended_at: 47m
        actions:
          - {at: 46m, by: on-call, do: page security-lead}
          - {at: 47m, by: on-call, do: page on-call}
          - {at: 47m, by: on-call, do: page scribe}
          - {at: 47m, by: on-call, do: notify legal}
        """)
        let chart = DebriefView(record).chart
        let lane = try #require(chart.lanes.first { $0.label == long })
        #expect(lane.lines.map(\.text).joined(separator: " ") == long, "wrapped, never cut")
        #expect(lane.lines.count > 1 && lane.lines.allSatisfy { $0.text.count <= TimelineChart.labelWidth })
        let band = try #require(lane.bands.first)
        #expect(band.deadlineX == nil && band.arrowClass == "runs-off" && !band.arrow.isEmpty)
        #expect(band.x + band.width == chart.plotRight, "the window runs to the end line and off the chart")
        for lane in chart.lanes {
            for band in lane.bands { #expect(band.x >= chart.plotLeft && band.x + band.width <= chart.plotRight) }
            for mark in lane.marks { #expect(mark.x >= chart.plotLeft && mark.x + 6 <= chart.plotRight, "\(lane.label): \(mark.title) at \(mark.x)") }
        }
        #expect(chart.ticks.map(\.label) == ["T+00:00", "T+10:00", "T+20:00", "T+30:00", "T+40:00"])
        #expect(chart.endLabel == "end T+47:00")
    }

    // MARK: Markdown

    /// A history line's `story #5` reads as written: no stray backslash.
    @Test func markdownHasNoStrayBackslashes() throws {
        var record = try Examples.example("signing-key-compromised.slow")
        record.historyNotes = ["Recurrence: signing-key-compromised/key-revoked — seen 2 times; story #5 is still open.",
                               "The same gap twice is a process failure: this gap's story was filed before and is still open."]
        let md = try #require(try Examples.files(record).first { $0.path == "report.md" }).contents
        #expect(md.contains("- Recurrence: signing-key-compromised/key-revoked — seen 2 times; story #5 is still open."))
        #expect(md.components(separatedBy: "process failure").count == 2, "said once")
        #expect(!md.contains("\\#") && !md.contains("\\!") && !md.contains("\\-"), "no escape where nothing could open markup")
    }
}
