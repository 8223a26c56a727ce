import Foundation

/// Turns a run's gaps into improvement stories (spec 7.9).
enum GapStories {
    static func make(drill: Drill, outcomes: [RunReport.OutcomeResult], violations: [RunReport.Violation],
                     undetected: [Inject], baseDate: Date) -> [RunReport.Story] {
        func due(_ severity: Severity) -> String {
            Timestamp.utcDate(baseDate, plusDays: drill.scoring.storySLA[severity] ?? 30)
        }
        var stories: [RunReport.Story] = []
        for (result, outcome) in zip(outcomes, drill.outcomes) where result.status == .late || result.status == .missed {
            let severity = outcome.gap?.severity ?? (outcome.critical ? drill.severity : .p3)
            stories.append(.init(key: "\(drill.id)/\(outcome.id)", title: outcome.gap?.title ?? "Close gap: \(outcome.title)",
                                 owner: outcome.gap?.owner ?? drill.owner, severity: severity, due: due(severity),
                                 source: .outcome, text: outcome.gap?.story))
        }
        for violation in violations {
            guard let move = drill.forbidden.first(where: { $0.id == violation.id }) else { continue }
            let severity = move.gap?.severity ?? .p3
            stories.append(.init(key: "\(drill.id)/\(move.id)", title: move.gap?.title ?? "Prevent: \(move.title)",
                                 owner: move.gap?.owner ?? drill.owner, severity: severity, due: due(severity),
                                 source: .violation, text: move.gap?.story))
        }
        var seen = Set<String>()
        let ordered = drill.injects.filter { inject in undetected.contains { $0.id == inject.id } }
        for inject in ordered {
            guard let detection = inject.requiresDetection, let gap = inject.gap, seen.insert(detection).inserted else { continue }
            let severity = gap.severity ?? .p3
            stories.append(.init(key: "\(drill.id)/detection/\(detection)", title: gap.title ?? "Add detection: \(detection)",
                                 owner: gap.owner ?? drill.owner, severity: severity, due: due(severity),
                                 source: .detection, text: gap.story))
        }
        return stories
    }
}
