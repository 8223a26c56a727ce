import Foundation
import Testing
@testable import GameDayWeb
import GameDayConsole
import GameDayEngine

/// What each view shows of one live game day (the e2e tests' room drill under `--step`), and what each may do.
@Suite struct ViewTests {
    /// A game of the room drill with its journal in a folder of its own; `body` runs, then the folder is removed.
    static func withGame(pace: SessionClock.Pace = .step, _ body: (LiveGameDay, String) async throws -> Void) async throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("e2e/fixtures")
        let loaded = DrillLoader(scenariosDirectory: fixtures.appendingPathComponent("scenarios").path)
            .loadDrill(path: fixtures.appendingPathComponent("drills/room-drill.yaml").path)
        let drill = try #require(loaded.value, "\(loaded.diagnostics)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gameday-views-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/game.responses.yaml"
        let game = try LiveGameDay(drill: drill, document: JournalDocument(drill: drill.id, team: "blue", started: "2026-12-01T10:00:00Z"),
                                   journalPath: journal, resuming: false, pace: pace, tokens: AccessTokens(roles: drill.roles),
                                   delivery: nil, onEnd: {})
        try await game.start()
        try await body(game, journal)
    }

    static func regions(_ game: LiveGameDay, _ view: ViewKind) async -> [String: String] {
        Pages(game: await game.snapshot(), view: view, csrf: "c", token: "t").regions()
    }

    @Test func theFacilitatorSeesWhatIsComingTheCuesAtTheirTimeAndTheCountdowns() async throws {
        try await Self.withGame { game, _ in
            var f = await Self.regions(game, .facilitator)
            let coming = try #require(f["coming"])
            // Upcoming injects with who they go to and their message; the silent move too; each can be brought forward.
            #expect(coming.contains("<b>vendor-mail</b> [email] to security-lead"))
            #expect(coming.contains("Our signing service saw an unusual request."))
            #expect(coming.contains("<b>attacker-move</b> [silent]"))
            #expect(coming.contains("value=\"all-hands\""))
            // The notes' cues: the T0 one is due now, the 5m one later.
            let cues = try #require(f["cues"])
            #expect(cues.contains("<li class=\"cue-now\"><time>T+00:00</time> <b>cue:</b> Hand the scan alert to the on-call at T0.</li>"))
            #expect(cues.contains("<li class=\"cue-later\"><time>T+05:00</time> If nobody has paged security at 5m, ask who owns the key.</li>"))
            // Outcomes with their state and countdowns.
            let deadlines = try #require(f["deadlines"])
            #expect(deadlines.contains("st-open\">open</span> <b>The scan alert is acknowledged</b>"))
            #expect(deadlines.contains("due <time>T+05:00</time> · <span class=\"countdown\">05:00 left</span>"))
            #expect(deadlines.contains("due <time>T+20:00</time> · <span class=\"countdown\">20:00 left</span>"))

            try #require(try await game.perform(.init(op: "wait", fields: ["duration": "6m"]), as: .facilitator))
            f = await Self.regions(game, .facilitator)
            #expect(f["cues"]?.contains("<b>cue:</b> If nobody has paged security at 5m") == true)
            #expect(f["deadlines"]?.contains("due <time>T+05:00</time> · <span class=\"passed\">passed</span>") == true)
            #expect(f["deadlines"]?.contains("<span class=\"countdown\">14:00 left</span>") == true)
            #expect(f["coming"]?.contains("vendor-mail") == false)
            #expect(f["clock"]?.contains("T+06:00") == true)
        }
    }

    @Test func bringingAnInjectForwardReachesItsPagesAndTheJournal() async throws {
        try await Self.withGame { game, journal in
            #expect(await Self.regions(game, .participant("security-lead"))["messages"] == "<p class=\"empty\">Nothing yet.</p>")
            try #require(try await game.perform(.init(op: "inject", fields: ["id": "all-hands"]), as: .facilitator))
            for role in ["on-call", "security-lead"] {
                #expect(await Self.regions(game, .participant(role))["messages"]?.contains("data-inject=\"all-hands\"") == true)
            }
            #expect(await Self.regions(game, .participant("security-lead"))["messages"]?.contains("scan-alert") == false)
            #expect(await Self.regions(game, .facilitator)["coming"]?.contains("value=\"all-hands\"") == false)
            #expect(try String(contentsOfFile: journal, encoding: .utf8).contains("all-hands"))
            // A message to everyone is on the wall, escaped; one to a role shows only that it went.
            let wall = try #require(await Self.regions(game, .wall)["injects"])
            #expect(wall.contains("&lt;script&gt;window.pwned = 1&lt;/script&gt;") && !wall.contains("<script"))
            #expect(wall.contains("to <b>on-call</b></p></li>") && !wall.contains("Scan found a miner"))
        }
    }

    @Test func theWallShowsNoSilentMoveNoCheckAndNoControl() async throws {
        try await Self.withGame { game, _ in
            try #require(try await game.perform(.init(op: "wait", fields: ["duration": "13m"]), as: .facilitator))
            #expect(await Self.regions(game, .facilitator)["log"]?.contains("attacker-move") == true)
            let page = await game.page(for: .wall, nonce: "n")
            for spoiler in ["attacker", "compromise", "silent", "st-open", "in acknowledged", "Bring forward", "<form"] {
                #expect(!page.contains(spoiler), "the wall shows \(spoiler)")
            }
            #expect(page.contains("The signing key is revoked") && page.contains("07:00 left"))
        }
    }

    @Test(arguments: [
        (ViewKind.participant("on-call"), "end"), (.participant("on-call"), "record"), (.participant("on-call"), "wait"),
        (.wall, "wait"), (.wall, "request"), (.scribe, "end"), (.scribe, "inject"), (.scribe, "pause"), (.facilitator, "record"),
    ])
    func aViewCannotDoAnotherViewsWork(view: ViewKind, op: String) async throws {
        try await Self.withGame { game, journal in
            let before = try String(contentsOfFile: journal, encoding: .utf8)
            let done = try await game.perform(.init(op: op, fields: ["line": "on-call: ack scan-alert", "id": "all-hands", "text": "x"]), as: view)
            #expect(!done)
            #expect(try String(contentsOfFile: journal, encoding: .utf8) == before)
        }
    }

    @Test func aParticipantsFeedCarriesOnlyItsOwnMessages() async throws {
        try await Self.withGame { game, _ in
            var security = await game.subscribe(.participant("security-lead")).makeAsyncIterator()
            var oncall = await game.subscribe(.participant("on-call")).makeAsyncIterator()
            #expect(await security.next() == "retry: 1000\n\n")
            #expect(await oncall.next() == "retry: 1000\n\n")
            let first = try #require(await security.next())
            #expect(first.hasPrefix("data: {") && !first.contains("scan-alert") && !first.contains("Scan found"))
            #expect(await oncall.next()?.contains("Scan found a miner") == true)
            await game.closeFeeds()
        }
    }

    @Test func findingsReachTheParticipantsOnlyOnceTheTeamRevealsThem() async throws {
        try await Self.withGame { game, _ in
            #expect(await Self.regions(game, .participant("on-call"))["findings"]?.contains("exported to a laptop") == false)
            #expect(!(await game.page(for: .participant("on-call"), nonce: "n")).contains("exported to a laptop"))
            try #require(try await game.perform(.init(op: "record", fields: ["line": "security-lead: investigate prod-signing"]), as: .scribe))
            for role in ["on-call", "security-lead"] {
                #expect(await Self.regions(game, .participant(role))["findings"] == "<ul><li><b>prod-signing</b>: The key was exported to a laptop.</li></ul>")
            }
        }
    }

    /// Polls `condition` every 20 ms for up to `seconds` (a loaded machine is slow; nothing here times the code).
    static func eventually(_ seconds: Double, _ condition: () async -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }

    @Test func pauseAndResumeStopAndRestartARealTimeClock() async throws {
        // Five drill seconds a second: the 30-minute drill lasts six minutes of wall time, however slow the machine.
        try await Self.withGame(pace: .realTime(speed: 5)) { game, _ in
            #expect(try await Self.eventually(60) { await game.snapshot().now > 0 })
            try #require(try await game.perform(.init(op: "pause", fields: [:]), as: .facilitator))
            let paused = await game.snapshot()
            #expect(paused.isPaused)
            try await Task.sleep(for: .milliseconds(600))
            #expect(await game.snapshot().now == paused.now)
            try #require(try await game.perform(.init(op: "resume", fields: [:]), as: .facilitator))
            #expect(!(await game.snapshot().isPaused))
            #expect(try await Self.eventually(60) { await game.snapshot().now > paused.now })
        }
    }
}
