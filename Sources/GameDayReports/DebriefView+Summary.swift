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
        if impact.pushes > 0 { did.append("pushed \(Format.count(impact.imagesPushed.count, "image"))") }
        if !impact.workloadsDeployed.isEmpty { did.append("deployed to \(Format.count(impact.workloadsDeployed.count, "workload"))") }
        if impact.packagesPublished > 0 { did.append("published \(Format.count(impact.packagesPublished, "package version"))") }
        if impact.commits > 0 { did.append("made \(Format.count(impact.commits, "commit"))") }
        if !impact.compromised.isEmpty {
            did.append("compromised " + (impact.compromised.count <= 3 ? Self.list(impact.compromised) : "\(impact.compromised.count) keys, runner pools or credentials"))
        }
        let other = impact.otherAttackerMoves
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
        let windows = impact.windows.filter { $0.seconds > 0 || $0.budget != nil }
        let averted = impact.averted.count + impact.avertedByForbiddenMove.count
        var impactSentence: String
        if !did.isEmpty {
            impactSentence = "The attacker " + Self.list(did)
            if averted > 0 { impactSentence += ", and \(Format.count(averted, "move")) \(averted == 1 ? "was" : "were") averted" }
        } else if windows.contains(where: { $0.seconds > 0 }) {
            impactSentence = "The attacker made no move that succeeded during the drill"
            if averted > 0 { impactSentence += " (\(Format.count(averted, "move")) \(averted == 1 ? "was" : "were") averted)" }
        } else if averted > 0 {
            impactSentence = "The attacker achieved nothing: \(Format.count(averted, "move")) \(averted == 1 ? "was" : "were") averted"
        } else {
            impactSentence = "The attacker made no move that changed the pipeline"
        }
        if !impact.others.isEmpty {
            impactSentence += " (besides \(Format.count(impact.others.count, "move")) by third parties or the world)"
        }
        if !windows.isEmpty {
            let shown = windows.prefix(3).map { Self.windowPhrase($0) }
            var phrases = Array(shown)
            if windows.count > 3 { phrases.append("\(Format.count(windows.count - 3, "more exposure")) lasted too") }
            let connector = did.isEmpty && windows.contains(where: { $0.seconds > 0 }) ? ", but " : "; "
            impactSentence += connector + Self.list(phrases)
            if !drill.exposures.isEmpty, !left.isEmpty {
                impactSentence += "; at the end " + Self.list(left) + "."
            } else {
                impactSentence += otherExposures > 0 ? "; at the end \(Format.count(otherExposures, "other exposure")) remained." : "."
            }
        } else {
            impactSentence += left.isEmpty ? (did.isEmpty ? "." : "; nothing was left exposed at the end.") : "; at the end " + Self.list(left) + "."
        }
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
        let exposurePoints = report.exposures.reduce(Decimal(0)) { $0 + $1.penalty }
        if !report.violations.isEmpty || rejected > 0 || exposurePoints > 0 {
            var parts: [String] = []
            if !report.violations.isEmpty {
                let points = report.violations.reduce(Decimal(0)) { $0 + $1.penalty }
                parts.append("\(Format.count(report.violations.count, "forbidden move")) \(report.violations.count == 1 ? "was" : "were") made (−\(Format.decimal(points)) points)")
            }
            if exposurePoints > 0 {
                let over = report.exposures.filter { $0.penalty > 0 }.count
                parts.append("\(over == 1 ? "an exposure" : "\(over) exposures") beyond \(over == 1 ? "its budget" : "their budgets") cost \(Format.decimal(exposurePoints)) points")
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

    /// One exposure in a few words: `“Production ran the poisoned build” lasted 15m against a budget of 10m`,
    /// `workload storefront served a malicious image for 20m1s from before T0`.
    static func windowPhrase(_ window: ExposureWindow) -> String {
        let duration = Format.duration(window.seconds)
        if let budget = window.budget {
            if window.seconds == 0 { return "“\(window.title)” never happened" }
            let limit = window.seconds > budget ? "against a budget of \(Format.duration(budget))" : "within its budget of \(Format.duration(budget))"
            return "“\(window.title)” lasted \(duration) \(limit)" + Self.bounds(window)
        }
        return window.title + " for \(duration)" + Self.bounds(window)
    }

    /// ` (from before T0)`, ` (until the end)`, ` (from before T0 until the end)` or nothing.
    private static func bounds(_ window: ExposureWindow) -> String {
        switch (window.beforeT0, window.atEnd) {
        case (true, true): " (from before T0 until the end)"
        case (true, false): " (from before T0)"
        case (false, true): " (until the end)"
        case (false, false): ""
        }
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
