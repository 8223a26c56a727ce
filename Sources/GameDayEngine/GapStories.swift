import Foundation

/// Turns a run's gaps into improvement stories (spec 7.9); everything but the due date is prepared once per drill.
struct GapStories: Sendable {
    /// A story without its due date.
    struct Template: Sendable {
        let key: String, title: String, owner: String, severity: Severity, source: RunReport.Story.Source, text: String?

        func story(due: String) -> RunReport.Story {
            RunReport.Story(key: key, title: title, owner: owner, severity: severity, due: due, source: source, text: text)
        }
    }

    /// Per outcome, in file order.
    let outcomes: [Template]
    /// Per forbidden move, in file order.
    let forbidden: [Template]
    /// Per exposure, in file order.
    let exposures: [Template]
    /// Per inject, the detection story it files when undetected (only injects with a detection and a gap).
    let detections: [Template?]
    /// Per inject, the detection it needs.
    let detectionNames: [String?]
    /// Days to fix, by severity.
    let sla: [Severity: Int]

    init(_ drill: Drill) {
        outcomes = drill.outcomes.map { o in
            Template(key: "\(drill.id)/\(o.id)", title: o.gap?.title ?? "Close gap: \(o.title)", owner: o.gap?.owner ?? drill.owner,
                     severity: o.gap?.severity ?? (o.critical ? drill.severity : .p3), source: .outcome, text: o.gap?.story)
        }
        forbidden = drill.forbidden.map { m in
            Template(key: "\(drill.id)/\(m.id)", title: m.gap?.title ?? "Prevent: \(m.title)", owner: m.gap?.owner ?? drill.owner,
                     severity: m.gap?.severity ?? .p3, source: .violation, text: m.gap?.story)
        }
        exposures = drill.exposures.map { e in
            Template(key: "\(drill.id)/\(e.id)", title: e.gap?.title ?? "Shorten exposure: \(e.title)", owner: e.gap?.owner ?? drill.owner,
                     severity: e.gap?.severity ?? .p3, source: .exposure, text: e.gap?.story)
        }
        detections = drill.injects.map { inject in
            guard let detection = inject.requiresDetection, let gap = inject.gap else { return nil }
            return Template(key: "\(drill.id)/detection/\(detection)", title: gap.title ?? "Add detection: \(detection)",
                            owner: gap.owner ?? drill.owner, severity: gap.severity ?? .p3, source: .detection, text: gap.story)
        }
        detectionNames = drill.injects.map(\.requiresDetection)
        sla = drill.scoring.storySLA
    }

    /// The due date of a story of each severity (P1 first) for stories filed on `baseDate`.
    func dueDates(for baseDate: Date) -> [String] {
        Severity.allCases.map { Timestamp.utcDate(baseDate, plusDays: sla[$0] ?? 30) }
    }

    /// The stories of a run: late or missed outcomes, triggered moves, exposures over budget, then undetected injects'
    /// detections (first per detection, file order).
    func make(statuses: [RunReport.Status], triggered: [Bool], overBudget: [Bool], undetected: [Bool], baseDate: Date,
              dueDates: [String]? = nil) -> [RunReport.Story] {
        var dueBySeverity: [String?] = dueDates ?? [nil, nil, nil, nil]
        func due(_ severity: Severity) -> String {
            if let cached = dueBySeverity[severity.rank - 1] { return cached }
            let text = Timestamp.utcDate(baseDate, plusDays: sla[severity] ?? 30)
            dueBySeverity[severity.rank - 1] = text
            return text
        }
        var stories: [RunReport.Story] = []
        stories.reserveCapacity(statuses.count + triggered.count)
        for (k, status) in statuses.enumerated() where status == .late || status == .missed {
            stories.append(outcomes[k].story(due: due(outcomes[k].severity)))
        }
        for (k, fired) in triggered.enumerated() where fired {
            stories.append(forbidden[k].story(due: due(forbidden[k].severity)))
        }
        for (k, over) in overBudget.enumerated() where over {
            stories.append(exposures[k].story(due: due(exposures[k].severity)))
        }
        var seen: [String] = []
        for (k, missed) in undetected.enumerated() where missed {
            guard let template = detections[k], let name = detectionNames[k], !seen.contains(name) else { continue }
            seen.append(name)
            stories.append(template.story(due: due(template.severity)))
        }
        return stories
    }
}
