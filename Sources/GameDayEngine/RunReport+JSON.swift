/// The JSON report of spec 8.
extension RunReport {
    /// The report as the `gameday.report/v1` JSON object.
    public var json: JSONValue {
        func outcome(_ o: OutcomeResult) -> JSONValue {
            .object([("id", .string(o.id)), ("title", .string(o.title)), ("phase", .string(o.phase.rawValue)),
                     ("status", .string(o.status.rawValue)), ("deadline", .int(o.deadline)), ("met_at", .int(o.metAt)),
                     ("weight", .decimal(o.weight, forceFraction: false)), ("credit", .decimal(o.credit, forceFraction: true)),
                     ("critical", .bool(o.critical))])
        }
        func sla(_ limit: Int, _ met: Bool) -> JSONValue { .object([("limit", .int(limit)), ("met", .bool(met))]) }
        var metricEntries: [(String, JSONValue)] = [("time_to_acknowledge", .int(metrics.timeToAcknowledge))]
        for phase in Phase.allCases { metricEntries.append(("time_to_\(phase.rawValue)", .int(metrics.timeToPhase[phase]))) }
        metricEntries.append(("response_sla", sla(metrics.responseLimit, metrics.responseMet)))
        metricEntries.append(("resolution_sla", sla(metrics.resolutionLimit, metrics.resolutionMet)))
        return .object([
            ("format", .string("gameday.report/v1")),
            ("drill", .string(drill)), ("title", .string(title)), ("severity", .string(severity.rawValue)),
            ("team", .string(team)), ("started", .string(started)), ("end", .int(end)),
            ("score", .decimal(score, forceFraction: true)), ("passed", .bool(passed)),
            ("outcomes", .array(outcomes.map(outcome))),
            ("violations", .array(violations.map { v in
                .object([("id", .string(v.id)), ("title", .string(v.title)), ("at", .int(v.at)),
                         ("penalty", .decimal(v.penalty, forceFraction: false))])
            })),
            ("exposures", .array(exposures.map { e in
                .object([("id", .string(e.id)), ("title", .string(e.title)), ("seconds", .int(e.seconds)),
                         ("intervals", .array(e.intervals.map { .array($0.map { JSONValue.int($0) }) })),
                         ("penalty", .decimal(e.penalty, forceFraction: true))])
            })),
            ("metrics", .object(metricEntries)),
            ("injects", .array(injects.map { .object([("id", .string($0.id)), ("at", .int($0.at)), ("status", .string($0.status.rawValue))]) })),
            ("actions", .array(actions.map { a in
                .object([("at", .int(a.at)), ("by", .string(a.by)), ("do", .string(a.command)),
                         ("status", .string(a.outcome.reason == nil ? "applied" : "rejected")), ("reason", .string(a.outcome.reason))])
            })),
            ("effects", .array(effects.map { e in
                .object([("at", .int(e.at)), ("inject", .string(e.inject)), ("do", .string(e.command)),
                         ("actor", .string(e.actor.rawValue)), ("status", .string(e.outcome.reason == nil ? "applied" : "averted")), ("reason", .string(e.outcome.reason))])
            })),
            ("findings", .array(findings.map(JSONValue.string))),
            ("stories", .array(stories.map { s in
                .object([("key", .string(s.key)), ("title", .string(s.title)), ("owner", .string(s.owner)),
                         ("severity", .string(s.severity.rawValue)), ("due", .string(s.due)), ("source", .string(s.source.rawValue))])
            })),
            ("defects", .array(defects.map { d in
                .object([("at", .int(d.at)), ("where", .string(d.location)), ("message", .string(d.message))])
            })),
        ])
    }
}
