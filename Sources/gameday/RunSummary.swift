import Foundation
import GameDayConsole
import GameDayEngine
import GameDayReports

/// The readable terminal summary of a run: verdict, outcomes, timeline (each move with its mover: the attacker, a
/// third party or the world), rejections, violations and exposures in time order, stories.
struct RunSummary {
    let report: RunReport
    let drill: Drill
    let events: [Simulator.Event]
    /// How the run's clock moved: UTC times are shown beside drill times only when drill time was real time.
    var pace: RunPace = .logReplay

    private func clock(_ t: Int) -> String {
        var text = DurationText.clock(t)
        if pace.isWallClock, let started = report.started.flatMap(Timestamp.parse) {
            let utc = Timestamp.utcTime(started, plusSeconds: t)
            text += " (" + String(utc.dropFirst(11)) + ")"
        }
        return text
    }

    private func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }

    private func safe(_ s: String) -> String { TerminalText.safe(s) }

    var text: String {
        var out = ""
        let team = report.team.map { " — team \(safe($0))" } ?? ""
        out += "\(safe(report.title)) [\(report.drill), \(report.severity.rawValue)]\(team)\n"
        if let started = report.started {
            out += "Started \(safe(started)); ran for \(DurationText.format(report.end))"
            out += pace.isWallClock ? "\n" : " of drill time (\(pace.description)): times are drill times\n"
        }
        let verdict = report.passed ? "PASSED" : "NOT PASSED"
        out += "Score \(JSONValue.decimal(report.score, forceFraction: true).rendered()) / 100 — \(verdict) (pass mark \(drill.scoring.passScore))\n\n"

        out += "Outcomes\n"
        for o in report.outcomes {
            let deadline = o.deadline.map { "due " + DurationText.clock($0) } ?? "no deadline"
            let met = o.metAt.map { "met " + DurationText.clock($0) } ?? "not met"
            let flags = (o.critical ? " critical" : "") + (o.weight != 1 ? " ×\(o.weight)" : "")
            out += "  \(pad(o.status.rawValue, 7)) \(pad(o.phase.rawValue, 9)) \(safe(o.title))\(flags) — \(deadline), \(met)\n"
        }

        out += "\nTimeline\n"
        for event in events {
            switch event {
            case .inject(let trace):
                guard let inject = drill.inject(trace.id) else { continue }
                let who = [inject.from, inject.to.map { "→ \($0)" }].compactMap { $0 }.joined(separator: " ")
                switch trace.status {
                case .fired:
                    if inject.channel == .silent {
                        out += "  \(clock(trace.at))  [\(Mover(inject).kind.rawValue)] \(trace.id)\n"
                    } else {
                        out += "  \(clock(trace.at))  [\(inject.channel.rawValue)] \(safe(who)): \(safe(inject.message ?? ""))\n"
                    }
                case .skipped: out += "  \(clock(trace.at))  (\(trace.id) skipped: its condition did not hold)\n"
                case .undetected: out += "  \(clock(trace.at))  (\(trace.id) went unnoticed: detection '\(safe(inject.requiresDetection ?? ""))' is missing or disabled)\n"
                }
            case .action(let a):
                let status = a.outcome.reason.map { "REJECTED: \(safe($0))" } ?? "ok"
                out += "  \(clock(a.at))  \(safe(a.by ?? "team")) $ \(safe(a.command))  — \(status)\n"
            case .effect(let e):
                let mover = drill.inject(e.inject).map(Mover.init) ?? Mover(kind: .attacker, name: nil)
                let failed = mover.kind == .attacker ? "AVERTED" : "DID NOT APPLY"
                let status = e.outcome.reason.map { "\(failed): \(safe($0))" } ?? "applied"
                out += "  \(clock(e.at))    \(mover.kind.rawValue): \(safe(e.command))  — \(status)\n"
            case .outcomeMet(let id, let at):
                out += "  \(clock(at))    ✓ outcome \(id)\n"
            case .violation(let id, let at):
                out += "  \(clock(at))    ✗ forbidden move \(id)\n"
            case .exposure(let id, let at, let exposed):
                out += "  \(clock(at))    \(exposed ? "▲ exposed:" : "▼ no longer exposed:") \(id)\n"
            }
        }

        let rejected = report.actions.filter { $0.outcome.reason != nil }
        if !rejected.isEmpty {
            out += "\nRejected commands\n"
            for a in rejected { out += "  \(DurationText.clock(a.at))  \(safe(a.command)): \(safe(a.outcome.reason!))\n" }
        }
        let failedMoves = report.effects.filter { $0.outcome.reason != nil }.map { e in
            (e, drill.inject(e.inject).map(Mover.init) ?? Mover(kind: .attacker, name: nil))
        }
        let averted = failedMoves.filter { $0.1.kind == .attacker }
        if !averted.isEmpty {
            out += "\nAverted attacker moves\n"
            for (e, _) in averted { out += "  \(DurationText.clock(e.at))  \(safe(e.command)): \(safe(e.outcome.reason!))\n" }
        }
        let others = failedMoves.filter { $0.1.kind != .attacker }
        if !others.isEmpty {
            out += "\nMoves of third parties and the world that did not apply\n"
            for (e, mover) in others { out += "  \(DurationText.clock(e.at))  \(safe(mover.label)): \(safe(e.command)): \(safe(e.outcome.reason!))\n" }
        }
        if !report.violations.isEmpty {
            out += "\nForbidden moves\n"
            let ordered = report.violations.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
            for v in ordered { out += "  \(DurationText.clock(v.at))  \(safe(v.title)) (−\(JSONValue.decimal(v.penalty, forceFraction: false).rendered()))\n" }
        }
        if !report.exposures.isEmpty {
            out += "\nExposures\n"
            for e in report.exposures {
                let spans = e.intervals.map { "\(DurationText.clock($0[0]))–\(DurationText.clock($0[1]))" }.joined(separator: ", ")
                let penalty = e.penalty > 0 ? ", −\(JSONValue.decimal(e.penalty, forceFraction: true).rendered())" : ""
                out += "  \(safe(e.title)): \(DurationText.format(e.seconds)) (budget \(DurationText.format(e.budget))\(penalty))"
                    + (spans.isEmpty ? " — never exposed" : " — \(spans)") + "\n"
            }
        }
        out += "\nMetrics\n"
        out += "  time to acknowledge: \(report.metrics.timeToAcknowledge.map(DurationText.format) ?? "—") (SLA \(DurationText.format(report.metrics.responseLimit)): \(report.metrics.responseMet ? "met" : "missed"))\n"
        for phase in Phase.allCases {
            out += "  time to \(phase.rawValue): \(report.metrics.timeToPhase[phase].map(DurationText.format) ?? "—")\n"
        }
        out += "  resolution SLA \(DurationText.format(report.metrics.resolutionLimit)): \(report.metrics.resolutionMet ? "met" : "missed")\n"
        if !report.stories.isEmpty {
            out += "\nGap stories\n"
            for s in report.stories {
                out += "  [\(s.severity.rawValue)] \(safe(s.title)) — owner \(safe(s.owner)), due \(s.due) (\(s.key))\n"
            }
        }
        if !report.defects.isEmpty {
            out += "\nDrill defects\n"
            for d in report.defects { out += "  \(DurationText.clock(d.at))  \(d.location): \(safe(d.message))\n" }
        }
        return out
    }
}
