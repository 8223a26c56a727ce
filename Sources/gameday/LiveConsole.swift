import ArgumentParser
import Dispatch
import Foundation
import GameDayReports
import GameDayConsole
import GameDayEngine
import GameDayDelivery
import GameDayStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal front end of `play` and `facilitate`: reads keys or lines, owns the wall clock, writes the journal
/// and the screen, and carries out what a `ConsoleSession` asks for. Everything that can be decided without a
/// terminal is decided in the session; this file only moves bytes.
struct LiveConsole {
    let mode: ConsoleMode
    let options: LiveOptions
    let team: String?
    /// Where injects are delivered (`facilitate --deliver`); nil: nowhere.
    var delivery: DeliveryOptions?

    private static let input: Int32 = 0
    private static let output: Int32 = 1

    /// A failure that ends the command with exit status 2 and a message.
    private struct Failure: Error {
        let message: String
    }

    /// Runs the session; returns the exit status (0 passed or left, 1 not passed, 2 invalid input or a journal failure).
    func run() -> Int32 {
        do {
            return try runChecked()
        } catch let failure as Failure {
            printError(failure.message.hasSuffix("\n") ? failure.message : "error: \(failure.message)\n")
            return 2
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            printError("error: \(error)\n")
            return 2
        }
    }

    private func runChecked() throws -> Int32 {
        if let problem = options.problem { throw Failure(message: problem) }
        if mode == .facilitate, team == nil, options.resume == nil { throw Failure(message: "facilitate needs --team NAME") }
        let renderer = try options.publishing.renderer()
        let loader = DrillLoader(scenariosDirectory: options.scenarios)
        let drillResult = loader.loadDrill(path: options.drill)
        guard let drill = drillResult.value, !drillResult.diagnostics.contains(where: { $0.severity == .error }) else {
            var printer = DiagnosticPrinter()
            throw Failure(message: printer.render(drillResult.diagnostics.filter { $0.severity == .error }))
        }
        if let role = options.role, !drill.world.names(.roles).contains(where: { NameOrder.same($0, role) }) {
            throw Failure(message: "--role: no role '\(role)' in this world\(Suggestion.hint(for: role, in: drill.world.names(.roles)))")
        }

        let deliveries = try delivery?.queue(drill: drill)
        var notes: [ConsoleLine] = []
        var document: JournalDocument
        let file: JournalFile
        if let path = options.resume {
            let (kept, dropped) = try JournalFile.recover(path: path)
            if !dropped.isEmpty {
                let torn = String(decoding: dropped, as: UTF8.self)
                notes.append(ConsoleLine(.info, "The journal's last line was torn (the session stopped while writing it); dropped: \(torn)"))
            }
            let loaded = loader.loadResponseLog(path: path, drill: drill)
            let errors = loaded.diagnostics.filter { $0.severity == .error }
            guard let log = loaded.value, errors.isEmpty else {
                var printer = DiagnosticPrinter()
                throw Failure(message: printer.render(errors))
            }
            if let team, log.team != team {
                notes.append(ConsoleLine(.info, "The journal records team '\(log.team ?? "none")'; --team '\(team)' is ignored."))
            }
            let keptText = String(decoding: kept, as: UTF8.self)
            let checkpoint = JournalDocument.checkpoint(in: keptText)
            var resumed = JournalDocument(log: log, checkpoint: checkpoint, drillPath: options.drill)
            resumed.remarks = JournalDocument.remarks(in: keptText)
            let recordedPace = RunPace.recordedClock(in: Substring(keptText))
            if log.endedAt != nil || resumed.clock >= drill.duration {
                RawTerminal.write(Self.output, "This session is over; its report:\n\n")
                return try report(drill: drill, path: path, loader: loader, renderer: renderer)
            }
            resumed.pace = recordedPace.map { $0 == sessionPace ? $0 : .varied } ?? sessionPace
            document = resumed
            file = try JournalFile.openForAppend(path: path)
            if resumed.pace != recordedPace { try file.rewrite(document.text) }
        } else {
            let started = Timestamp.utcTime(Date(), plusSeconds: 0)
            let path = options.journal ?? Self.defaultJournalPath(drill: drill.id, started: started)
            var created = JournalDocument(drill: drill.id, team: team, started: started, drillPath: options.drill)
            created.pace = sessionPace
            document = created
            file = try JournalFile.create(path: path, text: document.text)
        }
        notes.append(ConsoleLine(.muted, "Journal: \(file.path)"))

        let capabilities = TerminalCapabilities.detect(
            stdinIsTerminal: RawTerminal.isTerminal(Self.input), stdoutIsTerminal: RawTerminal.isTerminal(Self.output),
            environment: ProcessInfo.processInfo.environment)
        let pace: SessionClock.Pace = options.step ? .step : .realTime(speed: options.speed ?? 1)
        let clock = WallClock()
        var session = ConsoleSession(drill: drill, journal: document,
                                     options: .init(mode: mode, pace: pace, role: options.role), wall: clock.now())
        var screen = Screen(capabilities: capabilities)
        var outbox = DeliveryOutbox(queue: deliveries, delivered: options.resume == nil ? 0 : session.messages.count)
        var saved: termios?
        if capabilities.interactive {
            saved = RawTerminal.enableRawMode(Self.input)
            if saved == nil { screen.capabilities.interactive = false }
        }
        let signals = SignalGuard(saved: saved, journal: file.path, hint: resumeHint(path: file.path))
        defer {
            screen.finish()
            if let saved { RawTerminal.restore(Self.input, saved) }
            withExtendedLifetime(signals) {}
        }

        for note in notes { screen.show(note) }
        try carry(session.start(wall: clock.now()), file: file, screen: &screen)
        var editor = LineEditor()
        var pendingLine: [UInt8] = []
        screen.redraw(session: session, editor: editor, wall: clock.now())

        while session.ended == nil {
            let waiting: Int32 = session.clock.isRunning || deliveries != nil ? 100 : -1
            guard let bytes = RawTerminal.read(Self.input, waiting: waiting) else {
                // End of input: in line mode it ends the session like 'end'; a terminal that went away leaves it resumable.
                let line = screen.capabilities.interactive ? "quit" : "end"
                try carry(session.submit(line, wall: clock.now()), file: file, screen: &screen)
                break
            }
            if bytes.isEmpty {
                try carry(session.tick(wall: clock.now()), file: file, screen: &screen)
            } else if screen.capabilities.interactive {
                for byte in bytes where session.ended == nil {
                    guard let event = editor.feed(byte) else { continue }
                    switch event {
                    case .changed:
                        break
                    case .submit(let line):
                        screen.commit(prompt: session.prompt, line: line)
                        try carry(session.submit(line, wall: clock.now()), file: file, screen: &screen)
                    case .complete:
                        let completion = Completer(vocabulary: session.vocabulary).complete(editor.text, cursor: editor.cursor)
                        if !editor.apply(completion) { screen.showCandidates(completion.candidates) }
                    case .interrupt, .endOfInput:
                        if event == .interrupt, !editor.buffer.isEmpty {
                            editor.clear()
                        } else {
                            screen.show(ConsoleLine(.muted, "(type 'end' to finish and score, or 'quit' to leave and resume later)"))
                        }
                    case .clearScreen:
                        screen.clear()
                    }
                }
            } else {
                pendingLine += bytes
                while let newline = pendingLine.firstIndex(of: UInt8(ascii: "\n")), session.ended == nil {
                    let line = Self.cleanLine(Array(pendingLine[..<newline]))
                    pendingLine.removeSubrange(...newline)
                    try carry(session.submit(line, wall: clock.now()), file: file, screen: &screen)
                }
            }
            try outbox.exchange(session: &session, file: file, screen: &screen)
            if session.ended == nil { screen.redraw(session: session, editor: editor, wall: clock.now()) }
        }
        try outbox.finish(session: &session, file: file, screen: &screen)
        screen.finish()
        if let saved { RawTerminal.restore(Self.input, saved) }

        switch session.ended {
        case .left, nil:
            RawTerminal.write(Self.output, "Left at \(DurationText.clock(session.now(wall: clock.now()))); the journal is kept at \(file.path).\nContinue with: \(resumeHint(path: file.path))\n")
            return 0
        case .timeUp:
            RawTerminal.write(Self.output, "\nTime is up.\n\n")
        case .ended(let at):
            RawTerminal.write(Self.output, "\nEnded at \(DurationText.clock(at)).\n\n")
        }
        return try report(drill: drill, path: file.path, loader: loader, renderer: renderer)
    }

    /// Carries out a session's outputs in order: the journal first, as they come, then the screen.
    private func carry(_ outputs: [ConsoleOutput], file: JournalFile, screen: inout Screen) throws {
        for output in outputs {
            switch output {
            case .line(let line): screen.show(line)
            case .appendJournal(let text): try file.append(text)
            case .rewriteJournal(let text): try file.rewrite(text)
            case .finished: break
            }
        }
    }

    /// Loads the journal from disk, prints what `gameday run` prints for it, records the run and writes its reports
    /// as `gameday run` does, and writes --report; returns the exit status.
    func report(drill: Drill, path: String, loader: DrillLoader, renderer: ReportRenderer?) throws -> Int32 {
        let loaded = loader.loadResponseLog(path: path, drill: drill)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        guard let log = loaded.value, errors.isEmpty else {
            var printer = DiagnosticPrinter()
            throw Failure(message: "the journal does not load back; this is a bug:\n" + printer.render(errors))
        }
        let runDate = Date()
        let (report, simulator) = RunCommand.score(drill: drill, log: log, runDate: runDate)
        // The session itself, at the pace its journal records (a journal from before paces were recorded: this session's).
        let recorded = FileManager.default.contents(atPath: path).flatMap { RunPace.recordedClock(in: Substring(String(decoding: $0.prefix(64 * 1024), as: UTF8.self))) }
        let pace = RunPace(clock: recorded ?? sessionPace, replayed: false)
        let width = RawTerminal.isTerminal(Self.output) ? RawTerminal.width(Self.output) : nil
        RawTerminal.write(Self.output, TerminalText.wrapped(RunSummary(report: report, drill: drill, events: simulator.events, pace: pace).text, width: width))
        let source = RunSource(kind: .journal, path: PublishOptions.sourcePath(path))
        if let notes = try options.publishing.publish(report: report, drill: drill, log: log, simulator: simulator, runDate: runDate,
                                                      pace: pace, source: source, renderer: renderer) {
            RawTerminal.write(Self.output, notes.section)
        }
        if let reportPath = options.report {
            do {
                try (report.json.rendered() + "\n").write(toFile: reportPath, atomically: true, encoding: .utf8)
            } catch {
                throw Failure(message: "cannot write the report to \(reportPath): \(error.localizedDescription)")
            }
        }
        RawTerminal.write(Self.output, "\nThe journal replays to this report: gameday run \(options.drill) --responses \(path)\n")
        return report.passed ? 0 : 1
    }

    /// How this session's clock moves, as its journal records it.
    private var sessionPace: RunPace.Clock {
        RunPace.live(speed: options.step ? nil : options.speed ?? 1).clock ?? .step
    }

    private func resumeHint(path: String) -> String {
        "gameday \(mode.rawValue) \(options.drill) --resume \(path)" + (options.step ? " --step" : options.speed.map { " --speed \($0)" } ?? "")
    }

    /// `DRILL.20261129T140000Z.responses.yaml`.
    static func defaultJournalPath(drill: String, started: String) -> String {
        "\(drill).\(started.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")).responses.yaml"
    }

    /// A line read in line mode: UTF-8, without the carriage return and other control characters.
    static func cleanLine(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            let v = scalar.value
            if scalar == "\t" { scalars.append(" ") } else if v >= 0x20, v != 0x7F, !(0x80...0x9F).contains(v) { scalars.append(scalar) }
        }
        return String(scalars)
    }
}

/// The terminal console's side of `--deliver`: new inject firings go to the queue, and every attempt the queue
/// finished goes into the journal's delivery log, a failure also onto the screen.
struct DeliveryOutbox {
    let queue: DeliveryQueue?
    var delivered: Int

    mutating func exchange(session: inout ConsoleSession, file: JournalFile, screen: inout Screen) throws {
        guard let queue else { return }
        let messages = session.messages
        if messages.count > delivered {
            for m in messages[delivered...] {
                queue.enqueue(DeliveryMessage(inject: m.id, firing: m.firing, at: m.at, channel: m.channel, from: m.from, to: m.to,
                                              text: m.message, drillTitle: session.drill.title))
            }
            delivered = messages.count
        }
        for attempt in queue.drain() {
            for case .appendJournal(let text) in session.remark(attempt.logText) { try file.append(text) }
            if let problem = attempt.problemLine { screen.show(ConsoleLine(.error, problem)) }
        }
    }

    /// Sends what the last moments fired and waits (up to 15 s) for the queue, logging every attempt.
    mutating func finish(session: inout ConsoleSession, file: JournalFile, screen: inout Screen) throws {
        guard let queue else { return }
        try exchange(session: &session, file: file, screen: &screen)
        _ = queue.waitUntilIdle(seconds: 15)
        try exchange(session: &session, file: file, screen: &screen)
    }
}

/// Seconds on a clock that stops while the machine sleeps (a closed laptop does not eat drill time).
struct WallClock {
    private let origin = SuspendingClock.now

    /// Seconds since this clock was made.
    func now() -> Double {
        let elapsed = SuspendingClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// Restores the terminal and says where the journal is when the process is told to stop (SIGTERM, SIGHUP, SIGINT).
final class SignalGuard {
    private var sources: [DispatchSourceSignal] = []

    init(saved: termios?, journal: String, hint: String) {
        let message = "\ngameday: stopped; the journal is kept at \(journal). Continue with: \(hint)\n"
        for signalNumber in [SIGTERM, SIGHUP, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if let saved { RawTerminal.restore(0, saved) }
                RawTerminal.write(2, message)
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}

/// The screen of an interactive or plain console: output lines above, the prompt line below.
struct Screen {
    var capabilities: TerminalCapabilities
    private var promptLine: PromptLine
    private var style: ConsoleStyle
    private var promptShown = false
    private var lastDrawn: [String] = []

    init(capabilities: TerminalCapabilities) {
        self.capabilities = capabilities
        promptLine = PromptLine(capabilities: capabilities)
        style = ConsoleStyle(capabilities: capabilities)
    }

    private var width: Int? {
        guard capabilities.interactive || capabilities.ansi else { return nil }
        return RawTerminal.width(1) ?? Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }

    private mutating func erasePrompt() {
        guard promptShown else { return }
        RawTerminal.write(1, promptLine.erase())
        promptShown = false
    }

    /// Prints one line above the prompt.
    mutating func show(_ line: ConsoleLine) {
        erasePrompt()
        RawTerminal.write(1, style.render(line, width: width.map { max(10, $0 - 1) }))
    }

    /// Leaves a submitted line on the screen as `prompt line`.
    mutating func commit(prompt: String, line: String) {
        erasePrompt()
        RawTerminal.write(1, TerminalText.safe(prompt + line) + "\n")
    }

    /// Prints completion candidates in columns.
    mutating func showCandidates(_ candidates: [String]) {
        guard !candidates.isEmpty else {
            if capabilities.interactive { RawTerminal.write(1, "\u{07}") }
            return
        }
        let shown = candidates.prefix(200).map(TerminalText.safe)
        let columnWidth = (shown.map { DisplayWidth.of($0) }.max() ?? 0) + 2
        let columns = max(1, ((width ?? 80) - 1) / columnWidth)
        let rows = (shown.count + columns - 1) / columns
        for row in 0..<rows {
            var text = ""
            for column in 0..<columns {
                let i = column * rows + row
                guard i < shown.count else { continue }
                let cell = shown[i]
                text += column == columns - 1 || i + rows >= shown.count ? cell : cell + String(repeating: " ", count: columnWidth - DisplayWidth.of(cell))
            }
            show(ConsoleLine(.muted, text))
        }
        if candidates.count > shown.count { show(ConsoleLine(.muted, "... and \(candidates.count - shown.count) more")) }
    }

    /// Clears the terminal (Ctrl-L).
    mutating func clear() {
        if capabilities.ansi { RawTerminal.write(1, "\u{1B}[H\u{1B}[2J") }
        promptShown = false
    }

    /// Draws the prompt line with the session's status and the editor's buffer.
    mutating func redraw(session: ConsoleSession, editor: LineEditor, wall: Double) {
        guard capabilities.interactive else { return }
        let status = session.statusSummary(wall: wall)
        let key = [status, session.prompt, editor.text, String(editor.cursor), String(width ?? 80)]
        if promptShown, key == lastDrawn { return }
        RawTerminal.write(1, promptLine.draw(status: status, prompt: session.prompt, buffer: editor.buffer, cursor: editor.cursor, width: width ?? 80))
        promptShown = true
        lastDrawn = key
    }

    /// Takes the prompt away before the session's last words.
    mutating func finish() {
        erasePrompt()
    }
}
