import GameDayEngine

extension DebriefView {
    /// The timeline table: every event of the run in order, with the deadlines that passed unmet, the moments a
    /// bad state read from the world began and ended (for a drill that declares no exposures), and the end.
    static func timeline(_ record: RunRecord, windows: [ExposureWindow]) -> [TimelineRow] {
        let report = record.report, drill = record.drill, clock = record.clock
        func row(_ t: Int, _ lane: String, _ who: String, _ text: String, _ status: String, _ note: String? = nil,
                 command: Bool = false) -> TimelineRow {
            TimelineRow(time: clock.label(t), offset: clock.offset(t), lane: lane, who: who, text: text, status: status, note: note,
                        isCommand: command)
        }
        // Deadlines that passed with their outcome not met by then, in time order.
        var deadlines: [(Int, TimelineRow)] = []
        for outcome in report.outcomes {
            guard let deadline = outcome.deadline, deadline <= report.end, outcome.status == .late || outcome.status == .missed else { continue }
            let note = outcome.status == .late ? outcome.metAt.map { "met later, at \(clock.label($0))" } : "never met"
            deadlines.append((deadline, row(deadline, "deadline", "deadline", "Deadline passed: \(outcome.title)", outcome.status.rawValue, note)))
        }
        var rows: [TimelineRow] = []
        for window in windows where !window.declared {
            for (i, pair) in window.intervals.enumerated() {
                if i == 0, window.beforeT0 {
                    rows.append(row(0, "exposure", "exposure", "Already exposed at T0 (it began before T0): \(window.title)", "exposed"))
                } else {
                    deadlines.append((pair[0], row(pair[0], "exposure", "exposure", "Exposed: \(window.title)", "exposed")))
                }
                if !(i == window.intervals.count - 1 && window.atEnd) {
                    deadlines.append((pair[1], row(pair[1], "exposure", "exposure", "No longer exposed: \(window.title)", "ended",
                                                   "after \(Format.duration(pair[1] - pair[0]))")))
                }
            }
        }
        deadlines = deadlines.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        var nextDeadline = 0
        func flushDeadlines(before t: Int) {
            while nextDeadline < deadlines.count, deadlines[nextDeadline].0 < t {
                rows.append(deadlines[nextDeadline].1)
                nextDeadline += 1
            }
        }
        let outcomesByID = Dictionary(report.outcomes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let movesByID = Dictionary(drill.forbidden.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for event in record.events {
            switch event {
            case .inject(let trace):
                flushDeadlines(before: trace.at)
                guard let inject = drill.inject(trace.id) else { continue }
                switch trace.status {
                case .fired where inject.channel == .silent:
                    let mover = Mover(inject)
                    let what = mover.kind == .attacker ? "Attacker move" : "Move by \(mover.label):"
                    rows.append(row(trace.at, mover.lane, mover.label, "\(what) \(inject.id)", "fired"))
                case .fired:
                    let who = inject.channel.rawValue + (inject.to.map { " → \($0)" } ?? "")
                    rows.append(row(trace.at, "inject", who, inject.message ?? inject.id, "fired"))
                case .skipped:
                    let averted = !inject.effects.isEmpty && Mover(inject).kind == .attacker
                    rows.append(row(trace.at, averted ? "attacker" : "inject", averted ? "attacker" : inject.channel.rawValue,
                                    "\(inject.id) did not fire: its condition did not hold", averted ? "averted" : "skipped",
                                    averted ? inject.effects.map(\.text).joined(separator: "; ") : nil))
                case .undetected:
                    rows.append(row(trace.at, "inject", inject.channel.rawValue,
                                    "\(inject.id) went unnoticed: detection \(inject.requiresDetection ?? "") is missing or disabled", "undetected"))
                }
            case .action(let action):
                flushDeadlines(before: action.at)
                rows.append(row(action.at, "action", action.by ?? "team", action.command,
                                action.outcome.reason == nil ? "applied" : "rejected", action.outcome.reason, command: true))
            case .effect(let effect):
                flushDeadlines(before: effect.at)
                let mover = drill.inject(effect.inject).map(Mover.init) ?? Mover(kind: .attacker, name: nil)
                let failed = mover.kind == .attacker ? "averted" : "failed"
                rows.append(row(effect.at, mover.lane, mover.label, effect.command,
                                effect.outcome.reason == nil ? "applied" : failed, effect.outcome.reason, command: true))
            case .outcomeMet(let id, let at):
                flushDeadlines(before: at)
                guard let outcome = outcomesByID[id] else { continue }
                let inTime = outcome.deadline.map { at <= $0 } ?? true
                let note = outcome.deadline.map { "due \(clock.label($0))" }
                    ?? (outcome.status == .notApplicable ? "n/a" : "no deadline")
                rows.append(row(at, "outcome", "outcome", "Outcome reached: \(outcome.title)", inTime ? "met" : "late", note))
            case .violation(let id, let at):
                flushDeadlines(before: at)
                let move = movesByID[id]
                let penalty = move.map { "−\(Format.decimal($0.penalty)) points" }
                rows.append(row(at, "violation", "forbidden move", "Forbidden move made: \(move?.title ?? id)", "violation", penalty))
            case .exposure(let id, let at, let exposed):
                flushDeadlines(before: at)
                let title = report.exposures.first { $0.id == id }?.title ?? id
                let before = exposed && at == 0 && windows.contains { $0.id == id && $0.beforeT0 }
                let text = exposed ? (before ? "Already exposed at T0 (it began before T0): \(title)" : "Exposed: \(title)") : "No longer exposed: \(title)"
                rows.append(row(at, "exposure", "exposure", text, exposed ? "exposed" : "ended"))
            }
        }
        flushDeadlines(before: report.end + 1)
        rows.append(row(report.end, "end", "end", "End of the run", "end"))
        return rows
    }
}
