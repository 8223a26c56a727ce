import GameDayEngine

extension DebriefView {
    /// Strengths and areas for improvement, grouped by phase (detect, contain, eradicate, recover, learn) and then
    /// across the phases, each list in time order, in blameless words. Outcomes go to their phase, the response SLA
    /// and unnoticed injects to detect, the resolution SLA to recover; averted moves, forbidden moves, exposures and
    /// rejected commands belong to no one phase. What a forbidden move itself brought about is never a strength.
    static func review(_ record: RunRecord, impact: AttackImpact) -> [PhaseReview] {
        let report = record.report, drill = record.drill, clock = record.clock
        var strengths: [Phase?: [ListItem]] = [:], improvements: [Phase?: [ListItem]] = [:]
        func well(_ phase: Phase?, _ t: Int?, _ text: String, sort: Int? = nil) {
            strengths[phase, default: []].append(ListItem(at: t.map(clock.label), text: text, sortTime: sort ?? t))
        }
        func poorly(_ phase: Phase?, _ t: Int?, _ text: String, sort: Int? = nil) {
            improvements[phase, default: []].append(ListItem(at: t.map(clock.label), text: text, sortTime: sort ?? t))
        }
        for o in report.outcomes {
            let deadline = o.deadline.map { "deadline \(clock.label($0))" } ?? "no deadline"
            switch o.status {
            case .met:
                if let move = impact.metByForbiddenMove[o.id] {
                    poorly(o.phase, o.metAt, "\(o.title) — met in time (\(deadline)), but only through the forbidden move “\(move)”")
                } else {
                    well(o.phase, o.metAt, "\(o.title) — met in time (\(deadline))")
                }
            case .late:
                let through = impact.metByForbiddenMove[o.id].map { ", and only through the forbidden move “\($0)”" } ?? ""
                poorly(o.phase, o.metAt, "\(o.title) — late: met at \(o.metAt.map(clock.label) ?? "—"), \(deadline)\(through)")
            case .missed:
                let hold = drill.outcomes.first { $0.id == o.id }?.hold == true ? " or did not hold at the end" : ""
                poorly(o.phase, nil, "\(o.title) — missed: not met by the end\(hold) (\(deadline))", sort: o.deadline ?? report.end)
            case .notApplicable:
                break
            }
        }
        let m = report.metrics
        if let ack = m.timeToAcknowledge {
            let text = "Acknowledged after \(Format.duration(ack)), "
            if m.responseMet { well(.detect, ack, text + "within the \(Format.duration(m.responseLimit)) response SLA") }
            else { poorly(.detect, ack, text + "past the \(Format.duration(m.responseLimit)) response SLA") }
        } else {
            poorly(.detect, nil, "No inject was acknowledged (response SLA \(Format.duration(m.responseLimit)))", sort: m.responseLimit)
        }
        for trace in report.injects where trace.status == .undetected {
            guard let inject = drill.inject(trace.id) else { continue }
            poorly(.detect, trace.at, "\(inject.id) went unnoticed: detection \(inject.requiresDetection ?? "") is missing or disabled")
        }
        if let recovered = m.timeToPhase[.recover] {
            let text = "Recovered after \(Format.duration(recovered)), "
            if m.resolutionMet { well(.recover, recovered, text + "within the \(Format.duration(m.resolutionLimit)) resolution SLA") }
            else { poorly(.recover, recovered, text + "past the \(Format.duration(m.resolutionLimit)) resolution SLA") }
        } else if report.outcomes.contains(where: { $0.phase == .recover && $0.status != .notApplicable }) {
            poorly(.recover, nil, "Recovery was not complete (resolution SLA \(Format.duration(m.resolutionLimit)))", sort: report.end)
        }
        for item in impact.averted { well(nil, item.at, "Attacker move averted: \(item.text)") }
        for item in impact.avertedByForbiddenMove { poorly(nil, item.at, "Attacker move averted: \(item.text)") }
        if !drill.forbidden.isEmpty, report.violations.isEmpty {
            well(nil, nil, "No forbidden move was made", sort: report.end)
        }
        for v in report.violations {
            poorly(nil, v.at, "Forbidden move made: \(v.title) (−\(Format.decimal(v.penalty)) points)")
        }
        // The drill's own exposures, against their budgets (windows read from the world have no budget: the
        // impact section shows them, and the outcomes judge the response).
        for window in impact.windows {
            let start = window.intervals.first?.first
            if let budget = window.budget {
                if window.seconds == 0 {
                    well(nil, nil, "\(window.title) — never exposed", sort: report.end)
                } else if window.seconds <= budget {
                    well(nil, start, "\(window.title) — exposed \(Format.duration(window.seconds)), within its budget of \(Format.duration(budget))")
                } else {
                    poorly(nil, start, "\(window.title) — exposed \(Format.duration(window.seconds)) against a budget of \(Format.duration(budget)) "
                           + "(−\(Format.decimal(window.penalty ?? 0)) points)")
                }
            }
        }
        for a in report.actions {
            guard let reason = a.outcome.reason else { continue }
            poorly(nil, a.at, "\(a.by ?? "team"): \(a.command) — rejected: \(reason)")
        }
        var reviews: [PhaseReview] = []
        for phase in Phase.allCases as [Phase?] + [nil] {
            let good = timeOrdered(strengths[phase] ?? [], record), bad = timeOrdered(improvements[phase] ?? [], record)
            guard !good.isEmpty || !bad.isEmpty else { continue }
            reviews.append(PhaseReview(name: phase.map { Self.capitalised($0.rawValue) } ?? "Across the phases", strengths: good, improvements: bad))
        }
        return reviews
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
