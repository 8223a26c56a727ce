import Foundation
import Testing

/// End-to-end tests of `gameday play` and `gameday facilitate` through a real terminal (a tmux pane) and through pipes.
///
/// No wall time is asserted: the clock is stepped, or fast and polled with a generous bound.
@Suite(.serialized) struct LiveConsoleTests {
    static let drill = "drills/signing-key-compromised.yaml"

    static func folder() throws -> String {
        let path = Scratch.root + "gameday-live-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `gameday run DRILL --responses JOURNAL --json`, which must print exactly what the session wrote as its report.
    static func replayJSON(_ journal: String) throws -> String {
        let result = try CLITests.gameday("run", "--no-record", "--no-reports", drill, "--responses", journal, "--json")
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        return result.stdout
    }

    static func score(_ json: String) throws -> Double {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require(object?["score"] as? Double)
    }

    /// The command line for tmux; the session neither records into a history nor writes report folders.
    static func command(_ arguments: String...) -> String {
        ([CLITests.binary] + Array(arguments.prefix(1)) + ["--no-record", "--no-reports"] + arguments.dropFirst())
            .map { "'\($0)'" }.joined(separator: " ")
    }

    @Test func playUnderStepCompletesAnswersSurvivesAKillAndReplaysToTheSameReport() throws {
        let dir = try Self.folder()
        let journal = dir + "/practice.responses.yaml", report = dir + "/report.json"
        let root = CLITests.root.path
        var pane = try Tmux(Self.command("play", Self.drill, "--step", "--journal", journal, "--report", report), in: root)
        try pane.wait(for: "[email vendor-notice] codecover-security → security-lead: CodeCover security notice.")
        try pane.wait(for: "step prompt") { $0.contains("T+00:00 | step | 1 open") }

        // Completion: verbs, then the keys of the world.
        try pane.send("rev")
        try pane.press("Tab")
        try pane.wait(for: "revoke-tokens")
        try #require(try pane.screen().contains("revert") && pane.screen().contains("revoke-key"))
        try pane.send("oke-k")
        try pane.press("Tab")
        try pane.wait(for: "completed verb") { $0.contains("> revoke-key ") }
        try pane.press("Tab")
        try pane.wait(for: "the keys' common prefix") { $0.contains("> revoke-key nw-") }
        try pane.press("Tab")
        try pane.wait(for: "the key names") { $0.contains("nw-build-signing") && $0.contains("nw-prod-signing") }
        try pane.send("b")
        try pane.press("Tab")
        try pane.wait(for: "completed name") { $0.contains("> revoke-key nw-build-signing ") }
        try pane.press("Enter")
        try pane.wait(for: "T+00:01  team $ revoke-key nw-build-signing — applied")

        // Rejections, with the system's reasons.
        try pane.type("ack key-in-env")
        try pane.wait(for: "T+00:01  team $ ack key-in-env — REJECTED: inject 'key-in-env' has not been shown to the team")
        try pane.type("revoke-key ghost")
        try pane.wait(for: "REJECTED: key 'ghost' not found")
        try pane.type("revok-key x")
        try pane.wait(for: "unknown command 'revok-key'; did you mean 'revoke-key'?")

        // The clock moves only when told: to the next inject the team sees.
        try #require(!(try pane.screen().contains("key-in-env]")))
        try pane.type("wait")
        try pane.wait(for: "T+10:00  [chat key-in-env] dev-marco → on-call: I dumped the variable names")
        try pane.type("as on-call")
        try pane.send("ack key-")
        try pane.press("Tab")
        try pane.wait(for: "completed inject") { $0.contains("on-call> ack key-in-env ") }
        try pane.press("Enter")
        try pane.wait(for: "T+10:01  on-call $ ack key-in-env — applied")
        try pane.type("status")
        try pane.wait(for: "Open (not acknowledged): vendor-notice")
        try pane.type("help")
        try pane.wait(for: "schedule-postmortem")

        // Crash: kill -9, mid-session. Every answered action is already in the journal.
        let pid = try pane.pid()
        try #require(pid > 1)
        #expect(kill(pid, SIGKILL) == 0)
        try pane.waitForExit()
        let crashed = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(crashed.contains("  - {at: 1s, do: 'revoke-key nw-build-signing'}\n"))
        #expect(crashed.contains("  - {at: 10m1s, by: on-call, do: 'ack key-in-env'}\n"))
        #expect(!crashed.contains("revok-key"))

        pane = try Tmux(Self.command("play", Self.drill, "--step", "--resume", journal, "--report", report), in: root)
        try pane.wait(for: "Resumed at T+10:01 with 4 recorded actions.")
        try pane.wait(for: "resumed prompt") { $0.contains("T+10:01 | step | 1 open") }
        try pane.type("security-lead: distrust-key nw-build-signing")
        try pane.wait(for: "T+10:01  security-lead $ distrust-key nw-build-signing — applied")
        try pane.type("wait 5m")
        try pane.wait(for: "the clock moved") { $0.contains("T+15:01 | step") }
        try pane.type("security-lead: investigate nw-build-signing")
        try pane.wait(for: "finding key-exposure:")
        try pane.type("end")
        let final = try pane.wait(for: "The journal replays to this report")
        let status = try pane.waitForExit()
        #expect(status == 1, "exit status \(String(describing: status))")
        #expect(final.contains("Ended at T+15:01."))

        // The session's report is the report of `gameday run` on its journal, byte for byte.
        let written = try String(contentsOfFile: report, encoding: .utf8)
        #expect(try Self.replayJSON(journal) == written)
        let score = try Self.score(written)
        #expect(final.contains("Score \(String(format: "%.1f", score)) / 100 — NOT PASSED"))
        let log = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(log.contains("ended_at: 15m1s\n"))
        #expect(log.hasSuffix("  - {at: 15m1s, by: security-lead, do: 'investigate nw-build-signing'}\n"))
    }

    @Test func aFastClockShowsInjectsOnItsOwnAndTimeRunsOut() throws {
        let dir = try Self.folder()
        let journal = dir + "/fast.yaml", report = dir + "/report.json"
        let pane = try Tmux(Self.command("play", Self.drill, "--speed", "1200", "--journal", journal, "--report", report), in: CLITests.root.path)
        // Ten minutes of drill time come after half a second; nothing is typed to make them come.
        try pane.wait(for: "[chat key-in-env] dev-marco → on-call")
        try pane.type("pause")
        try pane.wait(for: "'resume' starts the clock again.")
        try pane.wait(for: "a paused status bar") { $0.contains("| paused |") }
        try pane.type("on-call: ack key-in-env")
        try pane.wait(for: "on-call $ ack key-in-env — applied")
        try pane.type("resume")
        try pane.wait(for: "Resumed at T+")
        try pane.wait(for: "a running status bar") { $0.contains("| ×1200 |") || $0.contains("Time is up.") }
        // 4 hours at ×1200 is 12 seconds: wait for time to run out.
        let final = try pane.wait(for: "Time is up.", seconds: 240)
        try pane.wait(for: "The journal replays to this report")
        #expect(try pane.waitForExit() == 1)
        #expect(try Self.replayJSON(journal) == String(contentsOfFile: report, encoding: .utf8))
        #expect(!(try String(contentsOfFile: journal, encoding: .utf8)).contains("ended_at"))
        #expect(final.contains("T+45:00  [chat staging-blocked]"))
    }

    @Test func facilitateRecordsRolesPausesAndBringsInjectsForward() throws {
        let dir = try Self.folder()
        let journal = dir + "/gameday.yaml", report = dir + "/report.json"
        let pane = try Tmux(Self.command("facilitate", Self.drill, "--team", "platform-security", "--speed", "30",
                                         "--journal", journal, "--report", report), in: CLITests.root.path)
        try pane.wait(for: "Facilitator notes: Run it with the incident commander")
        try pane.wait(for: "T+25:00  forged-release [silent], if its condition holds")
        try pane.wait(for: "read it out, or send it to security-lead")
        try pane.wait(for: "the next inject in the status bar") { $0.contains("next key-in-env T+10:00") }
        try pane.type("pause")
        try pane.wait(for: "Paused at T+")
        try pane.send("inject stag")
        try pane.press("Tab")
        try pane.wait(for: "completed inject id") { $0.contains("> inject staging-blocked ") }
        try pane.press("Enter")
        try pane.wait(for: "brought forward (recorded as 'injected').")
        try pane.wait(for: "[chat staging-blocked] qa-lead → platform-lead: Staging deploys of checkout-api are failing")
        try pane.send("platform-l")
        try pane.press("Tab")
        try pane.wait(for: "completed role") { $0.contains("> platform-lead: ") }
        try pane.type("ack staging-blocked")
        try pane.wait(for: "platform-lead $ ack staging-blocked — applied")
        try pane.type("security-lead: revoke-key nw-build-signing")
        try pane.wait(for: "security-lead $ revoke-key nw-build-signing — applied")
        try pane.wait(for: "✓ outcome key-revoked met")
        try pane.type("resume")
        try pane.wait(for: "Resumed at T+")
        try pane.type("end")
        try pane.wait(for: "The journal replays to this report")
        #expect(try pane.waitForExit() == 1)
        let log = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(log.contains("team: 'platform-security'\n"))
        #expect(log.contains("injected:\n  - {at: "))
        #expect(log.contains(", inject: staging-blocked}\n"))
        #expect(log.contains("by: platform-lead, do: 'ack staging-blocked'}"))
        #expect(try Self.replayJSON(journal) == String(contentsOfFile: report, encoding: .utf8))
    }

    @Test func noColorDumbAndTinyTerminalsStillWork() throws {
        let root = CLITests.root.path
        let coloured = try Tmux(Self.command("play", Self.drill, "--step", "--journal", try Self.folder() + "/c.yaml"), in: root)
        try coloured.wait(for: "[email vendor-notice]")
        #expect(try coloured.screen(escapes: true).contains("\u{1B}["), "colours and the status bar's reverse video on a terminal")

        let plain = try Tmux(Self.command("play", Self.drill, "--step", "--journal", try Self.folder() + "/n.yaml"), in: root,
                             environment: ["NO_COLOR": "1"])
        try plain.wait(for: "[T+00:00 | step | 1 open] > ")
        try plain.type("revoke-key ghost")
        try plain.wait(for: "REJECTED: key 'ghost' not found")
        #expect(!(try plain.screen(escapes: true).contains("\u{1B}[")), "NO_COLOR: no colour at all")

        let dumb = try Tmux(Self.command("play", Self.drill, "--step", "--journal", try Self.folder() + "/d.yaml"), in: root,
                            environment: ["TERM": "dumb"])
        try dumb.wait(for: "[T+00:00 | step | 1 open] > ")
        try dumb.send("page inc")
        try dumb.press("Tab")
        try dumb.wait(for: "completion on a dumb terminal") { $0.contains("> page incident-commander ") }
        try dumb.press("Enter")
        try dumb.wait(for: "team $ page incident-commander — applied")
        #expect(!(try dumb.screen(escapes: true).contains("\u{1B}[")))

        let tiny = try Tmux(Self.command("play", Self.drill, "--step", "--journal", try Self.folder() + "/t.yaml"), in: root,
                            width: 24, height: 8)
        try tiny.wait(for: "a prompt without the status bar") { $0.hasSuffix("> \n") || $0.split(separator: "\n").last == "> " }
        try tiny.type("declare P1")
        // Lines are wrapped at words to the width: the answer ends a line of its own.
        try tiny.wait(for: "P1 — applied")
        try tiny.send("set-pipeline-key checkout-api-staging nw-build-signing")
        let row = try tiny.wait(for: "the long line scrolled") { $0.contains("nw-build-signing") }
        #expect(row.split(separator: "\n").allSatisfy { $0.count <= 24 })
    }

    @Test func plainTextThroughPipesEndsAtEndOfInput() throws {
        let dir = try Self.folder()
        let journal = dir + "/piped.yaml", report = dir + "/report.json"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["play", "--no-record", "--no-reports", Self.drill, "--step", "--journal", journal, "--report", report, "--team", "blue"]
        process.currentDirectoryURL = CLITests.root
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data("security-lead: ack vendor-notice\nwait\non-call: ack key-in-env\nrevoke-key ghost\nnote \u{1B}[2J bell\u{07}\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(!text.contains("\u{1B}"), "plain text when the output is not a terminal")
        #expect(text.contains("T+00:01  security-lead $ ack vendor-notice — applied\n"))
        #expect(text.contains("T+10:00  [chat key-in-env] dev-marco → on-call: I dumped"))
        #expect(text.contains("T+10:01  on-call $ ack key-in-env — applied\n"))
        #expect(text.contains("T+10:01  team $ revoke-key ghost — REJECTED: key 'ghost' not found\n"))
        #expect(text.contains("Ended at T+10:01."))
        #expect(try Self.replayJSON(journal) == String(contentsOfFile: report, encoding: .utf8))
        let log = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(log.contains("do: 'note [2J bell'}"), "control characters typed are dropped before they are recorded")
        // The journal is a response log by the project's JSON Schema too.
        let schema = try CLITests.run("/usr/bin/env", ["python3", "scripts/check-schemas.py", "--kind", "responses", journal])
        #expect(schema.status == 0, "\(schema.stdout)\(schema.stderr)")

        // Resuming a session that has ended shows its report again.
        let again = try CLITests.gameday("play", "--no-record", "--no-reports", Self.drill, "--resume", journal)
        #expect(again.status == 1)
        #expect(again.stdout.hasPrefix("This session is over; its report:"))
    }

    @Test func usageMistakesExitTwo() throws {
        let dir = try Self.folder()
        let both = try CLITests.gameday("play", Self.drill, "--step", "--speed", "10")
        #expect(both.status == 2, "\(both.stderr)")
        #expect(both.stderr.contains("--step and --speed exclude each other"))
        let team = try CLITests.gameday("facilitate", Self.drill, "--step")
        #expect(team.status == 2)
        #expect(team.stderr.contains("facilitate needs --team NAME"))
        let role = try CLITests.gameday("play", Self.drill, "--role", "on-cal", "--journal", dir + "/r.yaml")
        #expect(role.status == 2)
        #expect(role.stderr.contains("did you mean 'on-call'?"))
        try "taken".write(toFile: dir + "/taken.yaml", atomically: true, encoding: .utf8)
        let taken = try CLITests.gameday("play", Self.drill, "--journal", dir + "/taken.yaml")
        #expect(taken.status == 2)
        #expect(taken.stderr.contains("exists: continue it with --resume"))
        #expect(try String(contentsOfFile: dir + "/taken.yaml", encoding: .utf8) == "taken")
    }
}
