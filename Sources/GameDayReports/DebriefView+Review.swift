import GameDayEngine

extension DebriefView {
    /// What went well (outcomes met in time, moves averted, SLAs met) and what went poorly (late, missed,
    /// violations, rejected commands, unnoticed injects, SLAs missed), in blameless words.
    static func review(_ record: RunRecord, impact: AttackImpact) -> ([ListItem], [ListItem]) {
        let report = record.report, drill = record.drill, clock = record.clock
        var well: [ListItem] = [], poorly: [ListItem] = []
        for o in report.outcomes {
            let deadline = o.deadline.map { "deadline \(clock.label($0))" } ?? "no deadline"
            switch o.status {
            case .met:
                well.append(ListItem(at: o.metAt.map(clock.label), text: "\(o.title) — met in time (\(deadline))"))
            case .late:
                poorly.append(ListItem(at: o.metAt.map(clock.label), text: "\(o.title) — late: met at \(o.metAt.map(clock.label) ?? "—"), \(deadline)"))
            case .missed:
                let hold = drill.outcomes.first { $0.id == o.id }?.hold == true ? " or did not hold at the end" : ""
                poorly.append(ListItem(text: "\(o.title) — missed: not met by the end\(hold) (\(deadline))"))
            case .notApplicable:
                break
            }
        }
        for item in impact.averted { well.append(ListItem(at: item.at.map(clock.label), text: "Attacker move averted: \(item.text)")) }
        if !drill.forbidden.isEmpty, report.violations.isEmpty {
            well.append(ListItem(text: "No forbidden move was made"))
        }
        let m = report.metrics
        if let ack = m.timeToAcknowledge {
            let text = "Acknowledged after \(Format.duration(ack)), "
            if m.responseMet { well.append(ListItem(at: clock.label(ack), text: text + "within the \(Format.duration(m.responseLimit)) response SLA")) }
            else { poorly.append(ListItem(at: clock.label(ack), text: text + "past the \(Format.duration(m.responseLimit)) response SLA")) }
        } else {
            poorly.append(ListItem(text: "No inject was acknowledged (response SLA \(Format.duration(m.responseLimit)))"))
        }
        if let recovered = m.timeToPhase[.recover] {
            let text = "Recovered after \(Format.duration(recovered)), "
            if m.resolutionMet { well.append(ListItem(at: clock.label(recovered), text: text + "within the \(Format.duration(m.resolutionLimit)) resolution SLA")) }
            else { poorly.append(ListItem(at: clock.label(recovered), text: text + "past the \(Format.duration(m.resolutionLimit)) resolution SLA")) }
        } else if report.outcomes.contains(where: { $0.phase == .recover && $0.status != .notApplicable }) {
            poorly.append(ListItem(text: "Recovery was not complete (resolution SLA \(Format.duration(m.resolutionLimit)))"))
        }
        for v in report.violations {
            poorly.append(ListItem(at: clock.label(v.at), text: "Forbidden move made: \(v.title) (−\(Format.decimal(v.penalty)) points)"))
        }
        for a in report.actions {
            guard let reason = a.outcome.reason else { continue }
            poorly.append(ListItem(at: clock.label(a.at), text: "\(a.by ?? "team"): \(a.command) — rejected: \(reason)"))
        }
        for trace in report.injects where trace.status == .undetected {
            guard let inject = drill.inject(trace.id) else { continue }
            poorly.append(ListItem(at: clock.label(trace.at), text: "\(inject.id) went unnoticed: detection \(inject.requiresDetection ?? "") is missing or disabled"))
        }
        return (well, poorly)
    }

    /// The metrics table against the drill's severity SLAs.
    static func metrics(_ report: RunReport, clock: ReportClock) -> [MetricRow] {
        let m = report.metrics
        func row(_ name: String, _ t: Int?, sla: Int? = nil, met: Bool? = nil) -> MetricRow {
            MetricRow(name: name, value: t.map(Format.duration) ?? "—", at: t.map(clock.label) ?? "—",
                      sla: sla.map(Format.duration), result: met.map { $0 ? "met" : "missed" })
        }
        var rows = [row("Time to acknowledge", m.timeToAcknowledge, sla: m.responseLimit, met: m.responseMet)]
        for phase in Phase.allCases {
            if phase == .recover {
                rows.append(row("Time to recover", m.timeToPhase[phase], sla: m.resolutionLimit, met: m.resolutionMet))
            } else {
                rows.append(row("Time to \(phase.rawValue)", m.timeToPhase[phase]))
            }
        }
        return rows
    }
}
