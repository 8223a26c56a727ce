import Foundation
import GameDayEngine

extension DebriefView {
    /// The debrief's summary: who ran what and the verdict; the attacker's impact; the outcomes; violations and
    /// rejections (when there were any); the stories left. Four or five sentences, naming roles, never people.
    static func summarise(_ record: RunRecord, impact: AttackImpact, identity: RunIdentity) -> [String] {
        let report = record.report, drill = record.drill
        var sentences: [String] = []
        let who = report.team.map { "Team \($0)" } ?? "The team"
        sentences.append("\(who) ran the \(report.severity.rawValue) drill “\(report.title)” on \(identity.date) for "
            + "\(Format.duration(report.end)) and scored \(Format.score(report.score)) of 100 against a pass mark of "
            + "\(Format.decimal(drill.scoring.passScore)): \(report.passed ? "passed" : "not passed").")

        var did: [String] = []
        if !impact.imagesPushed.isEmpty { did.append("pushed \(Format.count(impact.imagesPushed.count, "image"))") }
        if !impact.workloadsDeployed.isEmpty { did.append("deployed to \(Format.count(impact.workloadsDeployed.count, "workload"))") }
        let other = impact.achieved.count - impact.imagesPushed.count - impact.deploys
        if other > 0 { did.append("made \(Format.count(other, "other move"))") }
        var left: [String] = []
        if !impact.maliciousWorkloads.isEmpty {
            left.append("\(Format.count(impact.maliciousWorkloads.count, "workload")) still ran a malicious image")
        }
        if !impact.exposedCredentials.isEmpty {
            left.append("\(Format.count(impact.exposedCredentials.count, "credential")) \(impact.exposedCredentials.count == 1 ? "was" : "were") still exposed")
        }
        let otherExposures = impact.exposedAtEnd.count - impact.maliciousWorkloads.count - impact.exposedCredentials.count
        if otherExposures > 0 { left.append("\(Format.count(otherExposures, "other exposure")) remained") }
        var impactSentence: String
        if !did.isEmpty {
            impactSentence = "The attacker " + Self.list(did)
            if !impact.averted.isEmpty { impactSentence += ", and \(Format.count(impact.averted.count, "move")) \(impact.averted.count == 1 ? "was" : "were") averted" }
        } else if !impact.averted.isEmpty {
            impactSentence = "The attacker achieved nothing: \(Format.count(impact.averted.count, "move")) \(impact.averted.count == 1 ? "was" : "were") averted"
        } else {
            impactSentence = "The attacker made no move that changed the pipeline"
        }
        impactSentence += left.isEmpty ? (did.isEmpty ? "." : "; nothing was left exposed at the end.") : "; at the end " + Self.list(left) + "."
        sentences.append(impactSentence)

        let counted = report.outcomes.filter { $0.status != .notApplicable }
        func n(_ s: RunReport.Status) -> Int { report.outcomes.filter { $0.status == s }.count }
        var outcomeSentence: String
        if counted.isEmpty {
            outcomeSentence = "None of the \(Format.count(report.outcomes.count, "expected outcome")) applied to this run"
        } else if n(.met) == counted.count {
            outcomeSentence = counted.count == 1 ? "The one expected outcome was met in time" : "All \(counted.count) expected outcomes were met in time"
        } else {
            var parts = ["\(n(.met)) \(n(.met) == 1 ? "was" : "were") met in time"]
            if n(.late) > 0 { parts.append("\(n(.late)) \(n(.late) == 1 ? "was" : "were") late") }
            if n(.missed) > 0 { parts.append("\(n(.missed)) \(n(.missed) == 1 ? "was" : "were") missed") }
            outcomeSentence = "Of \(Format.count(counted.count, "expected outcome")), " + Self.list(parts)
        }
        if n(.notApplicable) > 0 { outcomeSentence += " (\(n(.notApplicable)) more did not apply)" }
        let criticalGaps = report.outcomes.filter { $0.critical && ($0.status == .late || $0.status == .missed) }
        if let first = criticalGaps.first {
            outcomeSentence += "; the critical outcome “\(first.title)” was \(first.status.rawValue)"
            if criticalGaps.count > 1 { outcomeSentence += " and \(Format.count(criticalGaps.count - 1, "other critical outcome")) fell short" }
        }
        sentences.append(outcomeSentence + ".")

        let rejected = report.actions.filter { $0.outcome.reason != nil }.count
        if !report.violations.isEmpty || rejected > 0 {
            var parts: [String] = []
            if !report.violations.isEmpty {
                let points = report.violations.reduce(Decimal(0)) { $0 + $1.penalty }
                parts.append("\(Format.count(report.violations.count, "forbidden move")) \(report.violations.count == 1 ? "was" : "were") made (−\(Format.decimal(points)) points)")
            }
            if rejected > 0 { parts.append("\(Format.count(rejected, "command")) \(rejected == 1 ? "was" : "were") rejected by the pipeline") }
            sentences.append(Self.capitalised(Self.list(parts)) + ".")
        }

        if report.stories.isEmpty {
            sentences.append("The run leaves no gap story.")
        } else {
            let worst = report.stories.map(\.severity).min()!
            let firstDue = report.stories.map(\.due).min()!
            sentences.append("The run leaves \(Format.count(report.stories.count, "improvement story", "improvement stories")), "
                + "the most severe \(worst.rawValue), the first due \(firstDue).")
        }
        return sentences
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ parts: [String]) -> String {
        switch parts.count {
        case 0: ""
        case 1: parts[0]
        default: parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        }
    }

    /// The first letter in upper case.
    static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
