import FoundationEssentials
import GameDayEngine

extension ConsoleSession {
    /// The words the console itself understands in `mode` (never recorded).
    public static func consoleWords(for mode: ConsoleMode) -> [String] {
        mode == .facilitate
            ? ["help", "status", "wait", "pause", "resume", "inject", "as", "at", "end", "quit"]
            : ["help", "status", "wait", "pause", "resume", "as", "at", "end", "quit"]
    }

    /// The injects still to come that will come: `upcoming` without a repeating inject that stops at its next due
    /// time (acknowledged, or its `until` holds).
    public var comingUp: [Simulator.Due] {
        simulator.upcoming.filter { !simulator.stopsAtNextDue($0.id) }
    }

    private func clockText(_ t: Int) -> String { DurationText.clock(t) }

    private func paceText() -> String {
        switch clock.pace {
        case .step: "the clock moves only when you say: 'wait 5m', or 'wait' for the next inject"
        case .realTime(let speed): speed == 1 ? "the clock runs in real time" : "the clock runs \(Self.speedText(speed)) real time"
        }
    }

    /// `×60`, `×1.5`.
    static func speedText(_ speed: Double) -> String {
        speed == speed.rounded() && speed < 1e9 ? "×\(Int(speed))" : "×\(speed)"
    }

    /// The heading of a session.
    func openingLines() -> [ConsoleLine] {
        var lines: [ConsoleLine] = []
        let who = mode == .facilitate ? "game day" + (journal.team.map { " of team \($0)" } ?? "") : "solo practice"
        lines.append(ConsoleLine(.heading, "\(drill.title) [\(drill.id), \(drill.severity.rawValue)] — \(who)"))
        lines.append(ConsoleLine(.info, "The drill runs for \(DurationText.format(drill.duration)); \(paceText())."))
        lines.append(ConsoleLine(.info, "Roles: \(drill.roles.joined(separator: ", ")). Type 'help' for the commands; Tab completes; 'end' finishes and scores."))
        if mode == .facilitate {
            if let summary = drill.summary { lines += paragraph("Summary: ", summary) }
            if let notes = drill.facilitatorNotes { lines += paragraph("Facilitator notes: ", notes) }
            lines.append(ConsoleLine(.heading, "Script"))
            for inject in drill.injects {
                lines.append(ConsoleLine(.muted, "  " + scriptLine(inject), hangingIndent: 4))
            }
            lines.append(ConsoleLine(.info, "Scribe: record each action as 'ROLE: COMMAND', or set the role with 'as ROLE'. 'inject ID' brings an inject forward."))
        }
        return lines
    }

    private func paragraph(_ label: String, _ text: String) -> [ConsoleLine] {
        let lines = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { i, line in ConsoleLine(.muted, (i == 0 ? label : "  ") + line, hangingIndent: 2) }
    }

    private func scriptLine(_ inject: Inject) -> String {
        var text = "\(DurationText.clock(inject.at))  \(inject.id) [\(inject.channel.rawValue)]"
        if let to = inject.to { text += " → \(to)" }
        if let every = inject.repeatEvery { text += ", every \(DurationText.format(every))" }
        if let detection = inject.requiresDetection { text += ", needs detection \(detection)" }
        if inject.condition != nil { text += ", if its condition holds" }
        return text
    }

    /// Lines for the engine's events since the last call: what the team sees, and in facilitation the rest too.
    mutating func renderNewEvents() -> [ConsoleOutput] {
        let events = simulator.events
        guard renderedEvents < events.count else { return [] }
        var lines: [ConsoleLine] = []
        for event in events[renderedEvents...] {
            lines += render(event)
        }
        renderedEvents = events.count
        return lines.map(ConsoleOutput.line)
    }

    func render(_ event: Simulator.Event) -> [ConsoleLine] {
        let facilitating = mode == .facilitate
        switch event {
        case .inject(let trace):
            guard let inject = drill.inject(trace.id) else { return [] }
            switch trace.status {
            case .fired:
                if inject.channel == .silent {
                    return facilitating ? [ConsoleLine(.attacker, "\(clockText(trace.at))  [attacker \(trace.id)] moves silently")] : []
                }
                return injectLines(inject, at: trace.at)
            case .skipped:
                return facilitating ? [ConsoleLine(.muted, "\(clockText(trace.at))  (\(trace.id) skipped: its condition did not hold)")] : []
            case .undetected:
                return facilitating
                    ? [ConsoleLine(.muted, "\(clockText(trace.at))  (\(trace.id) goes unnoticed: detection '\(inject.requiresDetection ?? "")' is missing or disabled)")]
                    : []
            }
        case .action(let action):
            let head = "\(clockText(action.at))  \(action.by ?? "team") $ \(action.command)"
            if let reason = action.outcome.reason {
                return [ConsoleLine(.rejected, "\(head) — REJECTED: \(reason)", hangingIndent: 9)]
            }
            return [ConsoleLine(.applied, "\(head) — applied", hangingIndent: 9)]
        case .effect(let effect):
            guard facilitating else { return [] }
            let status = effect.outcome.reason.map { "AVERTED: \($0)" } ?? "applied"
            return [ConsoleLine(.attacker, "         \(effect.actor.rawValue): \(effect.command) — \(status)", hangingIndent: 11)]
        case .outcomeMet(let id, let at):
            return facilitating ? [ConsoleLine(.progress, "\(clockText(at))  ✓ outcome \(id) met")] : []
        case .violation(let id, let at):
            return facilitating ? [ConsoleLine(.progress, "\(clockText(at))  ✗ forbidden move \(id)")] : []
        case .exposure(let id, let at, let exposed):
            return facilitating ? [ConsoleLine(.progress, "\(clockText(at))  \(exposed ? "▲ exposed:" : "▼ no longer exposed:") \(id)")] : []
        }
    }

    private func injectLines(_ inject: Inject, at: Int) -> [ConsoleLine] {
        let who = [inject.from, inject.to.map { "→ \($0)" }].compactMap { $0 }.joined(separator: " ")
        let message = (inject.message ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var head = "\(clockText(at))  [\(inject.channel.rawValue) \(inject.id)]"
        if !who.isEmpty { head += " \(who)" }
        var lines = [ConsoleLine(.inject(inject.channel), head + ": " + (message.first ?? ""), hangingIndent: 9)]
        for more in message.dropFirst() { lines.append(ConsoleLine(.inject(inject.channel), "         " + more, hangingIndent: 9)) }
        if mode == .facilitate {
            lines.append(ConsoleLine(.muted, "         read it out" + (inject.to.map { ", or send it to \($0)" } ?? "")))
        }
        return lines
    }

    /// The injects the team has been shown so far (first showing each), in time order.
    var shownInjects: [(id: String, at: Int)] {
        var seen = Set<String>()
        var out: [(String, Int)] = []
        for case .inject(let trace) in simulator.events where trace.status == .fired {
            guard let inject = drill.inject(trace.id), inject.channel != .silent, seen.insert(trace.id).inserted else { continue }
            out.append((trace.id, trace.at))
        }
        return out
    }

    /// The injects the team has acknowledged.
    var acknowledged: Set<String> {
        Set(simulator.context.state.acknowledged.map { simulator.context.symbols[$0] })
    }

    /// `status`: the clock, what has been shown, what is still open; in facilitation the outcomes and what is coming.
    public func status(wall: Double) -> [ConsoleLine] {
        let t = now(wall: wall)
        var lines: [ConsoleLine] = []
        let state: String = switch clock.pace {
        case .step: "step"
        case .realTime(let speed): clock.isPaused ? "paused" : "running \(Self.speedText(speed))"
        }
        lines.append(ConsoleLine(.heading, "\(clockText(t)) of \(DurationText.format(end)) — \(state)" + (role.map { " — recording as \($0)" } ?? "")))
        let acked = acknowledged
        let shown = shownInjects
        lines.append(ConsoleLine(.info, shown.isEmpty ? "Nothing shown yet." : "Shown:"))
        for (id, at) in shown {
            let inject = drill.inject(id)!
            let state = acked.contains(id) ? "acknowledged" : "open"
            lines.append(ConsoleLine(.info, "  \(clockText(at))  [\(inject.channel.rawValue) \(id)] \(state)"))
        }
        let open = shown.map(\.id).filter { !acked.contains($0) }
        lines.append(ConsoleLine(.info, open.isEmpty ? "Open: none." : "Open (not acknowledged): \(open.joined(separator: ", "))", hangingIndent: 2))
        let actions = simulator.events.compactMap { if case .action(let a) = $0 { a } else { nil } }
        let rejected = actions.filter { $0.outcome.reason != nil }.count
        var actionsLine = "Actions: \(actions.count) recorded"
        if rejected > 0 { actionsLine += ", \(rejected) rejected" }
        let findings = simulator.context.state.findings.map { simulator.context.symbols[$0] }
        if !findings.isEmpty { actionsLine += "; findings: \(findings.joined(separator: ", "))" }
        lines.append(ConsoleLine(.info, actionsLine, hangingIndent: 2))
        if mode == .facilitate {
            lines += facilitatorStatus()
        }
        return lines
    }

    private func facilitatorStatus() -> [ConsoleLine] {
        var lines = [ConsoleLine(.heading, "Outcomes")]
        var met: [String: Int] = [:]
        var firstFired: [String: Int] = [:]
        var violations: [(String, Int)] = []
        for event in simulator.events {
            switch event {
            case .outcomeMet(let id, let at): met[id] = met[id] ?? at
            case .inject(let trace) where trace.status == .fired: firstFired[trace.id] = firstFired[trace.id] ?? trace.at
            case .violation(let id, let at): violations.append((id, at))
            default: break
            }
        }
        for outcome in drill.outcomes {
            var deadline = outcome.within
            if let after = outcome.after { deadline = firstFired[after].flatMap { f in outcome.within.map { f + $0 } } }
            let due = deadline.map { "due \(DurationText.clock($0))" } ?? (outcome.after != nil ? "after \(outcome.after!)" : "no deadline")
            if let at = met[outcome.id] {
                let late = deadline.map { at > $0 } ?? false
                lines.append(ConsoleLine(.info, "  \(late ? "late" : "met ") \(outcome.id) at \(clockText(at)) (\(due))"))
            } else {
                lines.append(ConsoleLine(.info, "  open \(outcome.id) (\(due))"))
            }
        }
        for (id, at) in violations { lines.append(ConsoleLine(.info, "  forbidden move \(id) at \(clockText(at))")) }
        lines.append(ConsoleLine(.heading, "Coming up"))
        let upcoming = comingUp
        if upcoming.isEmpty { lines.append(ConsoleLine(.info, "  nothing more")) }
        for due in upcoming.prefix(8) {
            guard let inject = drill.inject(due.id) else { continue }
            lines.append(ConsoleLine(.info, "  " + scriptLine(inject).replacingOccurrences(of: DurationText.clock(inject.at), with: DurationText.clock(due.at)), hangingIndent: 4))
        }
        return lines
    }

    /// The console's own commands with one line each, for `help` and `help WORD`.
    func consoleHelp() -> [(usage: String, text: String)] {
        var console: [(String, String)] = [
            ("help [COMMAND]", "this list, or one command's usage and options"),
            ("status", "the clock, what has been shown, what is still open"),
            ("wait [DURATION]", "move the clock on: 'wait 5m', 'wait 0:30'; alone, to the next inject"),
            ("pause / resume", "stop and restart a real-time clock"),
        ]
        if mode == .facilitate { console.append(("inject ID", "bring an inject forward to now (recorded as 'injected')")) }
        console += [
            ("ROLE: COMMAND", "record one action as taken by ROLE"),
            ("as ROLE", "record the next actions as taken by ROLE ('as' alone: no role)"),
            ("at TIME COMMAND", "record an action at a drill time: 'at 12m on-call: ack ALERT'"),
            ("end / quit", "finish and score / leave and continue later with --resume"),
        ]
        return console
    }

    /// `help`, or `help VERB`: the list fits one screen (the verbs by name); `help VERB` gives a verb's usage.
    mutating func help(_ argument: String) -> [ConsoleOutput] {
        var lines: [ConsoleLine] = []
        if !argument.isEmpty {
            if let entry = consoleHelp().first(where: { $0.usage.split(whereSeparator: { " /[".contains($0) }).contains { $0 == argument } }) {
                return [.line(ConsoleLine(.info, "\(entry.usage) — \(entry.text) (a console command, not recorded)", hangingIndent: 2))]
            }
            guard let spec = CommandSpec.named(argument), !spec.attackerOnly else {
                let known = CommandSpec.all.filter { !$0.attackerOnly }.map(\.verb) + consoleHelp().map(\.usage)
                return [error("no command '\(argument)'\(Suggestion.hint(for: argument, in: known))")]
            }
            lines.append(ConsoleLine(.info, "\(spec.usage) — \(spec.summary)", hangingIndent: 2))
            for option in spec.options {
                lines.append(ConsoleLine(.muted, "  \(option.name)\(option.takesValue ? " VALUE" : "")\(option.required ? " (required)" : "")"))
            }
            return lines.map(ConsoleOutput.line)
        }
        lines.append(ConsoleLine(.heading, "Commands of the drill (recorded and answered; 'help VERB' for one's usage):"))
        let verbs = CommandSpec.all.filter { !$0.attackerOnly }.map(\.verb)
        lines.append(ConsoleLine(.info, "  " + verbs.joined(separator: " "), hangingIndent: 2))
        lines.append(ConsoleLine(.heading, "Console commands (not recorded):"))
        for (usage, text) in consoleHelp() {
            lines.append(ConsoleLine(.info, "  \(usage.padding(toLength: 17, withPad: " ", startingAt: 0)) \(text)", hangingIndent: 20))
        }
        lines.append(ConsoleLine(.muted, "Tab completes commands, inject ids, topics and the names of the world."))
        return lines.map(ConsoleOutput.line)
    }

    /// A short status for the prompt: the clock, the pace, what is open; in facilitation the next inject.
    public func statusSummary(wall: Double) -> String {
        let t = now(wall: wall)
        var parts = [clockText(t)]
        switch clock.pace {
        case .step: parts.append("step")
        case .realTime(let speed): parts.append(clock.isPaused ? "paused" : (speed == 1 ? "live" : Self.speedText(speed)))
        }
        let acked = acknowledged
        let open = shownInjects.filter { !acked.contains($0.id) }.count
        if open > 0 { parts.append("\(open) open") }
        if mode == .facilitate, let next = comingUp.first {
            parts.append("next \(next.id) \(DurationText.clock(next.at))")
        }
        return parts.joined(separator: " | ")
    }

    /// The prompt: the role actions are recorded for, then `>`.
    public var prompt: String { (role ?? "") + "> " }
}
