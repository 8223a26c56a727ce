import ArgumentParser
import Dispatch
import Foundation
import GameDayConsole
import GameDayDelivery
import GameDayEngine
import GameDayReports
import GameDayWeb
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `gameday serve DRILL --team NAME`: the live game day in the browser, one page per participant, scribe, facilitator and wall.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a live game day in the browser: every participant's page, the scribe's, the facilitator's, the wall's.",
        discussion: """
        Prints one link per role of the drill and one each for the facilitator, the scribe and the wall display, each \
        with its own secret token. The session and its journal are the same as with 'gameday facilitate': resume a \
        stopped server with --resume JOURNAL (the links stay the same). Binds to 127.0.0.1 unless --host says \
        otherwise, which needs --allow-network. Exit status: 0 passed or stopped, 1 not passed, 2 invalid input.
        """
    )

    @OptionGroup var live: LiveOptions

    @Option(help: "The team taking part (required, except with --resume, which takes it from the journal).")
    var team: String?

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Flag(help: "Allow --host to be an address other than loopback: anyone on that network with a link can join.")
    var allowNetwork = false

    @OptionGroup var delivery: DeliveryOptions

    /// Whether `host` is a loopback address.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    mutating func run() throws {
        if let problem = live.problem { fail(problem) }
        if live.role != nil { fail("--role is for the terminal console; in serve, the scribe records each action for its role") }
        if !Self.isLoopback(host) {
            guard allowNetwork else {
                fail("--host \(host) would let anyone on that network who gets a link join; add --allow-network to mean it (the default is 127.0.0.1)")
            }
            printError("warning: listening on \(host): anyone on that network with a link can join this game day\n")
        }
        guard (0...65535).contains(port) else { fail("--port must be 0 to 65535") }
        if team == nil, live.resume == nil { fail("serve needs --team NAME") }
        let renderer = try live.publishing.renderer()
        let loader = DrillLoader(scenariosDirectory: live.scenarios)
        let loaded = loader.loadDrill(path: live.drill)
        guard let drill = loaded.value, !loaded.diagnostics.contains(where: { $0.severity == .error }) else {
            var printer = DiagnosticPrinter()
            printError(printer.render(loaded.diagnostics.filter { $0.severity == .error }))
            throw ExitCode(2)
        }
        let queue = try delivery.queue(drill: drill)

        let document: JournalDocument
        let path: String
        let resuming = live.resume != nil
        if let resume = live.resume {
            let kept: [UInt8]
            do { (kept, _) = try JournalFile.recover(path: resume) } catch { fail(String(describing: error)) }
            let log = loader.loadResponseLog(path: resume, drill: drill)
            guard let value = log.value, !log.diagnostics.contains(where: { $0.severity == .error }) else {
                var printer = DiagnosticPrinter()
                printError(printer.render(log.diagnostics.filter { $0.severity == .error }))
                throw ExitCode(2)
            }
            let text = String(decoding: kept, as: UTF8.self)
            var resumed = JournalDocument(log: value, checkpoint: JournalDocument.checkpoint(in: text), drillPath: live.drill)
            resumed.remarks = JournalDocument.remarks(in: text)
            // The journal records the session's pace; resumed at another pace, the reports say it varied.
            let recordedPace = RunPace.recordedClock(in: Substring(text))
            resumed.pace = recordedPace.map { $0 == sessionPace ? $0 : .varied } ?? sessionPace
            if resumed.pace != recordedPace, value.endedAt == nil, resumed.clock < drill.duration {
                do { try JournalFile.replace(path: resume, text: resumed.text) } catch { fail(String(describing: error)) }
            }
            document = resumed
            path = resume
        } else {
            let started = Timestamp.utcTime(Date(), plusSeconds: 0)
            path = live.journal ?? LiveConsole.defaultJournalPath(drill: drill.id, started: started)
            var created = JournalDocument(drill: drill.id, team: team, started: started, drillPath: live.drill)
            created.pace = sessionPace
            document = created
        }
        var options = live
        if renderer != nil, options.publishing.out == nil { options.publishing.out = path + ".report" }
        let console = LiveConsole(mode: .facilitate, options: options, team: team)
        if resuming, document.endedAt != nil || document.clock >= drill.duration {
            Self.say("This session is over; its report:\n\n")
            let status = try console.report(drill: drill, path: path, loader: loader, renderer: renderer)
            if status != 0 { throw ExitCode(status) }
            return
        }

        let tokens: AccessTokens
        do { tokens = try AccessTokens.forJournal(path, roles: drill.roles) } catch { fail(String(describing: error)) }
        let ended = DispatchSemaphore(value: 0)
        let game: LiveGameDay
        do {
            game = try LiveGameDay(drill: drill, document: document, journalPath: path, resuming: resuming,
                                   pace: live.step ? .step : .realTime(speed: live.speed ?? 1), tokens: tokens, delivery: queue,
                                   onEnd: { ended.signal() })
        } catch {
            fail(String(describing: error))
        }
        let hint = "gameday serve \(live.drill) --resume \(path)" + (live.step ? " --step" : live.speed.map { " --speed \($0)" } ?? "")
            + (delivery.deliver.map { " --deliver \($0)" } ?? "") + (port != 8080 ? " --port \(port)" : "")
        let stopSignals = Self.installStopHandlers(journal: path, hint: hint)
        defer { withExtendedLifetime(stopSignals) {} }

        let server = GameDayServer(game: game, host: host, port: port)
        let failure = Mutex<String?>(nil)
        let listening = DispatchSemaphore(value: 0)
        let hostForLinks = host.contains(":") ? "[\(host)]" : host
        Task {
            do {
                try await game.start()
                try await server.run { bound in
                    var out = "gameday serve: \(drill.title) — journal \(path)\n"
                    for role in drill.roles { out += "participant \(role): http://\(hostForLinks):\(bound)/v/\(tokens.tokens[.participant(role)]!)\n" }
                    out += "facilitator: http://\(hostForLinks):\(bound)/v/\(tokens.tokens[.facilitator]!)\n"
                    out += "scribe: http://\(hostForLinks):\(bound)/v/\(tokens.tokens[.scribe]!)\n"
                    out += "wall: http://\(hostForLinks):\(bound)/v/\(tokens.tokens[.wall]!)\n"
                    FileHandle.standardOutput.write(Data(out.utf8))
                    listening.signal()
                }
            } catch {
                failure.withLock { $0 = String(describing: error) }
                listening.signal()
                ended.signal()
            }
        }
        listening.wait()
        if let problem = failure.withLock({ $0 }) { fail("the server could not start on \(host):\(port): \(problem)") }
        ended.wait()
        if let problem = failure.withLock({ $0 }) { fail("the server stopped: \(problem)") }

        // The drill is over: deliveries finish (or give up) into the journal, then the run is scored and published
        // exactly as 'gameday facilitate' does, and the wall shows the score and the debrief's link.
        let flushed = DispatchSemaphore(value: 0)
        Task { await game.flushDeliveries(seconds: 15); flushed.signal() }
        flushed.wait()
        Self.say("\n")
        let status = try console.report(drill: drill, path: path, loader: loader, renderer: renderer)
        let result = Self.result(drill: drill, path: path, loader: loader, folder: renderer == nil ? nil : options.publishing.out)
        let published = DispatchSemaphore(value: 0)
        Task { await game.setResult(result); published.signal() }
        published.wait()
        Self.say("The wall shows the score\(result.reportFolder == nil ? "" : " and the debrief's link"); stop the server with Ctrl-C.\n")

        Self.exitStatus.withLock { $0 = status }
        while true { sleep(3600) }
    }

    /// How this session's clock moves, as its journal records it.
    private var sessionPace: RunPace.Clock {
        RunPace.live(speed: live.step ? nil : live.speed ?? 1).clock ?? .step
    }

    /// Writes `text` to stdout at once (a pipe to a test or a log sees it as it happens).
    static func say(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    /// The exit status once the drill is over (0 until then: a server stopped mid-drill left a resumable journal).
    static let exitStatus = Mutex<Int32>(0)

    private static func result(drill: Drill, path: String, loader: DrillLoader, folder: String?) -> SessionResult {
        guard let log = loader.loadResponseLog(path: path, drill: drill).value else { return SessionResult(scoreLine: "The drill is over.", reportFolder: nil) }
        let (report, _) = RunCommand.score(drill: drill, log: log, runDate: Date())
        let line = "Score \(report.score) of 100 — \(report.passed ? "passed" : "not passed") (pass mark \(drill.scoring.passScore))"
        return SessionResult(scoreLine: line, reportFolder: folder.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
    }

    private func fail(_ message: String) -> Never {
        printError("error: \(TerminalText.safe(message))\n")
        Foundation.exit(2)
    }

    /// SIGINT and SIGTERM stop the server; the journal on disk is already whole (every write was flushed).
    private static func installStopHandlers(journal: String, hint: String) -> [DispatchSourceSignal] {
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                let status = exitStatus.withLock { $0 }
                FileHandle.standardError.write(Data("\ngameday: stopped; the journal is kept at \(journal). Continue with: \(hint)\n".utf8))
                _exit(status)
            }
            source.resume()
            sources.append(source)
        }
        return sources
    }
}
