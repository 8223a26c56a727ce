import FoundationEssentials
import GameDayEngine

/// A live session of one drill: the clock, the engine, the journal; what the console shows and records, with no I/O.
///
/// The front end passes the wall time (any monotonic scale, in seconds) into every call and carries out the
/// outputs in order: lines to show, journal writes, the end. The engine never sees the wall clock.
///
/// **Same second.** The engine applies a team action at instant t *before* the injects due at t, but live, an
/// inject due at t is shown when the clock reaches t, and someone may answer it within that second. So a
/// command is recorded at `max(clock, last processed inject due time + 1, last recorded time)`: never at an
/// instant whose injects the team has already seen. Replaying the journal applies every action after exactly
/// the injects that had been processed when it was typed, so the replay answers every command the way the
/// console did and scores the same. When that time is later than a clock that stands still (`--step`, or paused),
/// the clock moves on to it, so the clock shown and the time recorded never disagree. The scribe may give the time
/// (`at 12m ROLE: COMMAND`), which follows the same rule. An inject brought forward (`inject ID`) is recorded by
/// the same rule, so it never shares an instant with injects already processed (replay takes the injects of one
/// instant in file order).
public struct ConsoleSession: Sendable {
    /// How a session is set up.
    public struct Options: Sendable, Hashable {
        /// Solo practice or a facilitated game day.
        public var mode: ConsoleMode
        /// How the clock moves.
        public var pace: SessionClock.Pace
        /// The role actions are recorded for, until `as ROLE` changes it (nil: no `by`).
        public var role: String?

        /// Creates options.
        public init(mode: ConsoleMode, pace: SessionClock.Pace, role: String? = nil) {
            self.mode = mode
            self.pace = pace
            self.role = role
        }
    }

    /// The drill.
    public let drill: Drill
    /// Solo practice or a facilitated game day.
    public let mode: ConsoleMode
    /// The engine, driven with virtual times only.
    public internal(set) var simulator: Simulator
    /// The console's clock.
    public internal(set) var clock: SessionClock
    /// What the journal holds.
    public internal(set) var journal: JournalDocument
    /// The role the next actions are recorded for.
    public private(set) var role: String?
    /// Why the session is over, once it is.
    public private(set) var ended: SessionEnd?
    /// The latest inject due time the engine has processed, or -1.
    public internal(set) var lastDue = -1
    /// The latest time recorded in the journal (an action or an inject brought forward).
    public internal(set) var lastStamp = 0
    /// How many actions this session's journal holds when it started (replayed on resume).
    public let resumedActions: Int

    /// The fewest wall seconds between two clock checkpoints of a running clock.
    public static let checkpointInterval: Double = 60

    var renderedEvents = 0
    var pendingEntries: [PendingEntry] = []
    var nextEntryNumber = 1
    var lastCheckpointWall = -Double.infinity
    let roles: [String]

    /// Starts a session of `drill` from `journal` (empty for a new session; a loaded one to resume) at wall time `wall`.
    ///
    /// The journal's actions are replayed into a fresh engine, which is then brought to the journal's clock.
    public init(drill: Drill, journal: JournalDocument, options: Options, wall: Double) {
        self.drill = drill
        mode = options.mode
        role = options.role
        self.journal = journal
        roles = drill.world.names(.roles)
        let compiled = CompiledDrill(drill)
        let firstDue = Dictionary(journal.injected.map { ($0.inject, $0.at) }, uniquingKeysWith: { a, _ in a })
        simulator = Simulator(compiled, end: drill.duration, firstDue: firstDue)
        clock = SessionClock(pace: options.pace, start: min(journal.clock, drill.duration), wall: wall)
        resumedActions = journal.actions.count
        for action in journal.actions {
            processInjects(through: action.at - 1)
            applyToEngine(action.line, at: action.at, by: action.by)
            lastStamp = max(lastStamp, action.at)
        }
        lastStamp = max(lastStamp, journal.injected.map(\.at).max() ?? 0)
        processInjects(through: min(journal.clock, drill.duration))
        (pendingEntries, nextEntryNumber) = Self.pendingEntries(in: journal.remarks)
    }

    /// The end of the run.
    public var end: Int { simulator.end }

    /// The clock's reading at `wall`, never past the end.
    public func now(wall: Double) -> Int { min(clock.now(wall: wall), end) }

    /// The opening: the drill's heading, and on resume what happened so far; then whatever is due now.
    public mutating func start(wall: Double) -> [ConsoleOutput] {
        var out = openingLines().map(ConsoleOutput.line)
        if resumedActions > 0 || journal.clock > 0 || !journal.injected.isEmpty {
            out.append(.line(ConsoleLine(.heading, "So far (from the journal):")))
            out += renderNewEvents()
            out.append(.line(ConsoleLine(.info, "Resumed at \(DurationText.clock(clock.base)) with \(resumedActions) recorded action\(resumedActions == 1 ? "" : "s").")))
        }
        out += tick(wall: wall)
        return out
    }

    /// Moves the engine to the clock's reading at `wall`: due injects are shown; at the end, the session is over.
    ///
    /// A running clock is also checkpointed in the journal once it has moved a virtual minute, at most once a wall
    /// minute (so `--speed 60` writes one line a minute, not one a second), so that a session resumed after a crash
    /// starts close to where it stopped even when nothing was typed.
    public mutating func tick(wall: Double) -> [ConsoleOutput] {
        guard ended == nil else { return [] }
        let t = now(wall: wall)
        var out = sync(to: t)
        if t >= end { return out + finish(.timeUp) }
        if clock.isRunning, t - journal.clock >= 60, wall - lastCheckpointWall >= Self.checkpointInterval {
            lastCheckpointWall = wall
            out += checkpoint(t)
        }
        return out
    }

    /// Handles one line typed at wall time `wall`: a console command, or a command of the drill's vocabulary.
    public mutating func submit(_ line: String, wall: Double) -> [ConsoleOutput] {
        var out = tick(wall: wall)
        guard ended == nil else {
            out.append(.line(ConsoleLine(.error, "The session is over; '\(line)' was not recorded.")))
            return out
        }
        var text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return out }
        var t = now(wall: wall)
        var first = String(text.prefix { !$0.isWhitespace })
        var rest = text.dropFirst(first.count).trimmingCharacters(in: .whitespaces)
        var given: Int?
        if first == "at" {
            let word = String(rest.prefix { !$0.isWhitespace })
            guard let time = DurationText.parse(word) else {
                return out + [error("'at' takes a drill time, then the action: 'at 12m on-call: ack ALERT' (nothing recorded)")]
            }
            let command = rest.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
            guard !command.isEmpty else { return out + [error("write the action after 'at \(word)', like 'at \(word) ack ALERT'")] }
            if let problem = givenTimeProblem(time, now: t) { return out + [error(problem + " (nothing recorded)")] }
            given = time
            first = String(command.prefix { !$0.isWhitespace })
            rest = command.dropFirst(first.count).trimmingCharacters(in: .whitespaces)
            guard !Self.consoleWords(for: mode).contains(first) else {
                return out + [error("'at' gives the time of a team action; '\(first)' is a console command")]
            }
            t = max(t, time)
        }
        if given != nil { text = first + (rest.isEmpty ? "" : " " + rest) }
        switch first {
        case "help": out += help(rest)
        case "status": out += status(wall: wall).map(ConsoleOutput.line)
        case "wait": out += wait(rest, wall: wall)
        case "pause": out += pause(wall: wall)
        case "resume": out += resume(wall: wall)
        case "inject": out += bringForward(rest, at: t)
        case "as": out += setRole(rest)
        case "end": out += endNow(at: t)
        case "quit": out += leave(at: t)
        default:
            if first.hasSuffix(":"), first.count > 1 {
                let name = String(first.dropLast())
                guard let role = roles.first(where: { NameOrder.same($0, name) }) else {
                    return out + [error("no role '\(name)' in this world\(Suggestion.hint(for: name, in: roles)); nothing recorded")]
                }
                guard !rest.isEmpty else { return out + [error("write the command after '\(first)', like '\(first) ack ALERT'")] }
                out += teamCommand(rest, by: role, at: given ?? now(wall: wall), wall: wall)
            } else {
                out += teamCommand(text, by: role, at: given ?? now(wall: wall), wall: wall)
            }
        }
        return out
    }

    // MARK: - The engine

    /// Processes every inject due at or before `time`, one due time at a time, remembering the latest.
    private mutating func processInjects(through time: Int) {
        while let next = simulator.nextInjectTime, next <= time {
            simulator.advance(to: next)
            lastDue = max(lastDue, next)
        }
    }

    private mutating func applyToEngine(_ line: String, at time: Int, by role: String?) {
        let words: [String]
        do { words = try ShellWords.split(line) } catch {
            simulator.reject(line: line, reason: "the command line cannot be split into words", at: time, by: role)
            return
        }
        switch CommandParser.parse(words: words, text: line) {
        case .success(let parsed): simulator.apply(parsed, at: time, by: role)
        case .failure(let error): simulator.reject(line: line, reason: error.message, at: time, by: role)
        }
    }

    /// Brings the engine to `time` (never past the end) and renders what happened; records a clock checkpoint when injects came due.
    mutating func sync(to time: Int) -> [ConsoleOutput] {
        let t = min(time, end)
        let before = lastDue
        processInjects(through: t)
        simulator.advance(to: t)
        var out = renderNewEvents()
        if lastDue > before { out += checkpoint(t) }
        return out
    }

    private mutating func checkpoint(_ time: Int) -> [ConsoleOutput] {
        guard time > journal.clock else { return [] }
        journal.clock = time
        return time > journal.lastRecordedTime ? [.appendJournal(JournalDocument.checkpointLine(time))] : []
    }

    private mutating func finish(_ reason: SessionEnd) -> [ConsoleOutput] {
        ended = reason
        return [.finished(reason)]
    }

    // MARK: - Team commands

    /// Why a time the scribe gave (`at TIME`) cannot be recorded now, or nil when it can.
    func givenTimeProblem(_ time: Int, now t: Int) -> String? {
        if time > end { return "\(DurationText.clock(time)) is after the end of the run (\(DurationText.clock(end)))" }
        if time < lastDue + 1 {
            return "\(DurationText.clock(time)) is before what the team has already been shown (injects up to \(DurationText.clock(max(lastDue, 0)))); the earliest time now is \(DurationText.clock(earliestStamp))"
        }
        if time < lastStamp {
            return "\(DurationText.clock(time)) is before the last recorded entry (\(DurationText.clock(lastStamp))): actions are recorded in time order"
        }
        if time > t, clock.speed != nil {
            return "\(DurationText.clock(time)) is later than the clock (\(DurationText.clock(t))); a running clock gets there by itself"
        }
        return nil
    }

    /// The earliest time an action may be recorded at now: never at an instant whose injects were processed, never before the last entry.
    public var earliestStamp: Int { max(lastDue + 1, lastStamp) }

    /// Records and applies one team command typed (or given with `at`) at `t`; the clock moves on to the recorded time when that is later.
    mutating func teamCommand(_ original: String, by role: String?, at t: Int, wall: Double) -> [ConsoleOutput] {
        var text = original
        var words: [String]
        do { words = try ShellWords.split(text) } catch let failure {
            let what = switch failure {
            case .unterminatedQuote(let q, _): "the quote \(q) is never closed"
            case .trailingBackslash: "the line ends with a backslash"
            }
            return [error("\(what); nothing recorded")]
        }
        guard let verb = words.first else { return [] }
        guard CommandSpec.named(verb) != nil else {
            let known = CommandSpec.all.filter { !$0.attackerOnly }.map(\.verb) + Self.consoleWords(for: mode)
            return [error("unknown command '\(verb)'\(Suggestion.hint(for: verb, in: known)); type 'help' for the list (nothing recorded)")]
        }
        if let problem = Self.unquotedTitle(words) { return [error(problem)] }
        if verb == "declare", words.count == 2, words[1] != words[1].uppercased(), Severity(rawValue: words[1].uppercased()) != nil {
            // `declare p1` means P1: recorded as the engine spells it, so the replay agrees.
            words[1] = words[1].uppercased()
            text = "declare " + words[1]
        }
        let stamp = max(t, earliestStamp)
        var out: [ConsoleOutput] = []
        if stamp > now(wall: wall) {
            // Injects due before the stamp come first (the engine would run them anyway). A clock that stands still
            // (--step, or paused) moves on to the stamp, so that it never shows an earlier time than the one
            // recorded; a running clock gets there within the second by itself, and stays with the wall clock.
            out += sync(to: stamp - 1)
            if !clock.isRunning || stamp - now(wall: wall) > 1 { clock.jump(to: stamp, wall: wall) }
        }
        let action = JournalDocument.Action(at: stamp, by: role, line: text)
        journal.actions.append(action)
        journal.clock = max(journal.clock, stamp)
        out.append(.appendJournal(JournalDocument.line(for: action)))
        let findingsBefore = simulator.context.state.findings.count
        let outcome: CommandOutcome
        switch CommandParser.parse(words: words, text: text) {
        case .success(let parsed): outcome = simulator.apply(parsed, at: stamp, by: role)
        case .failure(let error):
            simulator.reject(line: text, reason: error.message, at: stamp, by: role)
            outcome = .rejected(error.message)
        }
        lastStamp = stamp
        out += renderNewEvents()
        let revealed = simulator.context.state.findings.dropFirst(findingsBefore).map { simulator.context.symbols[$0] }
        for id in revealed {
            guard let finding = drill.findings.first(where: { $0.id == id }) else { continue }
            out.append(.line(ConsoleLine(.finding, "         finding \(id): \(finding.text.trimmingCharacters(in: .whitespacesAndNewlines))", hangingIndent: 9)))
        }
        out += afterword(verb: verb, words: words, outcome: outcome, revealed: revealed)
        out += sync(to: now(wall: wall))
        return out
    }

    /// `file-story Add alerting --owner x`: a title of several words that was not quoted, as an error to show, or nil.
    static func unquotedTitle(_ words: [String]) -> String? {
        guard words.first == "file-story", let spec = CommandSpec.named("file-story") else { return nil }
        var title: [String] = []
        var options: [String] = []
        var index = 1
        while index < words.count {
            let word = words[index]
            if let option = spec.options.first(where: { $0.name == word }) {
                options.append(word)
                if option.takesValue, index + 1 < words.count { options.append(ShellWords.quote(words[index + 1])); index += 1 }
            } else {
                title.append(word)
            }
            index += 1
        }
        guard title.count > 1 else { return nil }
        let suggestion = (["file-story", ShellWords.quote(title.joined(separator: " "))] + options).joined(separator: " ")
        return "quote the title: \(suggestion) (nothing recorded)"
    }

    /// What the console adds after an answer: `investigate` that found nothing, a `page` of a misspelt role.
    private func afterword(verb: String, words: [String], outcome: CommandOutcome, revealed: [String]) -> [ConsoleOutput] {
        switch verb {
        case "investigate" where outcome.reason == nil && revealed.isEmpty && words.count == 2:
            let topic = words[1]
            let known = drill.findings.contains { $0.topic == topic }
            return [.line(ConsoleLine(.info, known ? "         nothing new about '\(topic)': its findings are already known"
                                                   : "         nothing found about '\(topic)'", hangingIndent: 9))]
        case "page" where outcome.reason != nil && words.count == 2:
            let hint = Suggestion.closest(to: words[1], in: roles)
            return hint.map { [.line(ConsoleLine(.info, "         did you mean '\($0)'? ('page \($0)')", hangingIndent: 9))] } ?? []
        default:
            return []
        }
    }

    // MARK: - Console commands

    private mutating func wait(_ argument: String, wall: Double) -> [ConsoleOutput] {
        let start = now(wall: wall)
        if argument.isEmpty {
            var out: [ConsoleOutput] = []
            while ended == nil {
                guard let next = simulator.nextInjectTime, next < end else {
                    clock.jump(to: end, wall: wall)
                    return out + tick(wall: wall)
                }
                clock.jump(to: next, wall: wall)
                let step = sync(to: next)
                out += step
                let shown = step.contains { if case .line(let l) = $0, case .inject = l.style { true } else { false } }
                if shown || mode == .facilitate { break }
            }
            return out
        }
        guard let amount = DurationText.parse(argument), amount > 0 else {
            return [error("wait takes a duration, like 'wait 5m' or 'wait 0:30', or nothing to move to the next inject")]
        }
        clock.jump(to: min(start + amount, end), wall: wall)
        var out = tick(wall: wall)
        if ended == nil { out += checkpoint(now(wall: wall)) }
        return out
    }

    private mutating func pause(wall: Double) -> [ConsoleOutput] {
        guard clock.speed != nil else { return [error("the clock moves only with 'wait' (--step): nothing to pause")] }
        guard clock.isRunning else { return [error("the clock is already paused; 'resume' starts it again")] }
        clock.pause(wall: wall)
        let t = now(wall: wall)
        return checkpoint(t) + [.line(ConsoleLine(.info, "Paused at \(DurationText.clock(t)); 'resume' starts the clock again."))]
    }

    private mutating func resume(wall: Double) -> [ConsoleOutput] {
        guard clock.speed != nil else { return [error("the clock moves only with 'wait' (--step): nothing to resume")] }
        guard clock.isPaused else { return [error("the clock is running")] }
        clock.resume(wall: wall)
        return [.line(ConsoleLine(.info, "Resumed at \(DurationText.clock(now(wall: wall)))."))]
    }

    private mutating func bringForward(_ argument: String, at t: Int) -> [ConsoleOutput] {
        guard mode == .facilitate else { return [error("only the facilitator brings injects forward (gameday facilitate)")] }
        guard !argument.isEmpty, !argument.contains(where: \.isWhitespace) else { return [error("inject takes one inject id: inject ID")] }
        guard drill.inject(argument) != nil else {
            return [error("no inject '\(argument)' in this drill\(Suggestion.hint(for: argument, in: drill.injects.map(\.id)))")]
        }
        // Like a command, never at an instant whose injects have already been processed: replay takes the injects due
        // at one instant in file order, so a second inject brought forward to the same instant would change places.
        let at = max(t, simulator.now, lastDue + 1)
        if case .rejected(let reason) = simulator.bringForward(argument, to: at) {
            return [error("\(reason); nothing recorded")]
        }
        journal.injected.append(.init(at: at, inject: argument))
        journal.clock = max(journal.clock, at)
        lastStamp = max(lastStamp, at)
        var out: [ConsoleOutput] = [.rewriteJournal(journal.text)]
        out.append(.line(ConsoleLine(.info, "\(DurationText.clock(at))  \(argument) brought forward (recorded as 'injected').")))
        processInjects(through: at)
        out += renderNewEvents()
        return out
    }

    private mutating func setRole(_ argument: String) -> [ConsoleOutput] {
        if argument.isEmpty {
            role = nil
            return [.line(ConsoleLine(.info, "Actions are now recorded without a role."))]
        }
        guard let found = roles.first(where: { NameOrder.same($0, argument) }) else {
            return [error("no role '\(argument)' in this world\(Suggestion.hint(for: argument, in: roles)); roles: \(roles.joined(separator: ", "))")]
        }
        role = found
        return [.line(ConsoleLine(.info, "Actions are now recorded as taken by \(found)."))]
    }

    private mutating func endNow(at t: Int) -> [ConsoleOutput] {
        let at = max(t, lastStamp, 1)
        var out: [ConsoleOutput] = []
        if at < drill.duration {
            journal.endedAt = at
            out.append(.rewriteJournal(journal.text))
        }
        return out + finish(.ended(at: at))
    }

    private mutating func leave(at t: Int) -> [ConsoleOutput] {
        checkpoint(t) + finish(.left)
    }

    func error(_ text: String) -> ConsoleOutput { .line(ConsoleLine(.error, text)) }
}
