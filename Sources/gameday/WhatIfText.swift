import ArgumentParser
import Foundation
import GameDayConsole
import GameDayReports
import GameDayWhatIf

/// The what-if summary a facilitator reads in ten seconds: the odds of passing, of each outcome in time, the times
/// against deadlines and SLAs, and the steps whose time matters most.
struct WhatIfText {
    let report: WhatIfReport

    private func percent(_ count: Int, _ of: Int) -> String {
        of == 0 ? "—" : String(format: "%.1f%%", 100 * Double(count) / Double(of))
    }

    private func bar(_ count: Int, _ of: Int, width: Int = 20) -> String {
        let filled = of == 0 ? 0 : Int((Double(width) * Double(count) / Double(of)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    private func time(_ seconds: Int?) -> String { seconds.map(DurationText.format) ?? "—" }

    var text: String {
        let a = report.aggregate, plan = report.whatIf.plan, drill = plan.compiled.drill
        let safe = TerminalText.safe
        var out = "What if: \(safe(drill.title)) [\(drill.id)] — \(a.runs) runs, seed \(report.seedText), σ \(report.whatIf.sigma)\n"
        out += "Runbooks: " + plan.runbooks.map { safe($0.file) }.joined(separator: ", ") + "\n\n"
        out += "P(pass)  \(bar(a.passed, a.runs))  \(percent(a.passed, a.runs))  (\(a.passed) of \(a.runs); pass mark \(drill.scoring.passScore))\n"
        out += "Score    mean \(Self.tenths(a.meanTenths)), p5 \(Self.tenths(a.scores.percentile(5))), p50 \(Self.tenths(a.scores.percentile(50))), p95 \(Self.tenths(a.scores.percentile(95)))\n\n"
        out += "Outcomes met in time\n"
        let width = min(40, drill.outcomes.map { $0.id.count }.max() ?? 10)
        for (k, outcome) in drill.outcomes.enumerated() {
            let counts = a.outcomes[k]
            var line = "  " + outcome.id.padding(toLength: width, withPad: " ", startingAt: 0)
            line += "  \(bar(counts[0], a.runs))  \(percent(counts[0], a.runs).leftPadded(6))"
            var notes: [String] = []
            if counts[1] > 0 { notes.append("late \(percent(counts[1], a.runs))") }
            if counts[2] > 0 { notes.append("missed \(percent(counts[2], a.runs))") }
            if counts[3] > 0 { notes.append("n/a \(percent(counts[3], a.runs))") }
            if outcome.critical { notes.append("critical") }
            if let within = outcome.within { notes.append(outcome.after == nil ? "due \(time(within))" : "due \(time(within)) after \(outcome.after!)") }
            out += line + (notes.isEmpty ? "" : "  " + notes.joined(separator: ", ")) + "\n"
        }
        if !drill.forbidden.isEmpty {
            out += "\nForbidden moves\n"
            for (k, move) in drill.forbidden.enumerated() {
                out += "  \(move.id): made in \(percent(a.violations[k], a.runs)) of runs\n"
            }
        }
        if !drill.exposures.isEmpty {
            out += "\nExposures (budget, runs over it, p50 / p95)\n"
            for (k, exposure) in drill.exposures.enumerated() {
                let h = a.exposureSeconds[k]
                out += "  \(exposure.id): budget \(time(exposure.budget)), over in \(percent(a.exposureOverBudget[k], a.runs)), \(time(h.percentile(50))) / \(time(h.percentile(95)))\n"
            }
        }
        let labels = ["acknowledge", "detect", "contain", "eradicate", "recover", "learn"]
        var rows: [(label: String, times: String, runs: String, against: String)] = []
        for m in 0..<6 {
            let h = a.metrics[m]
            var against = ""
            if m == 0 { against = "response SLA \(time(drill.severity.responseLimit)): met in \(percent(a.responseMet, a.runs))" }
            if m == 4 { against = "resolution SLA \(time(drill.severity.resolutionLimit)): met in \(percent(a.resolutionMet, a.runs))" }
            let phase = m == 0 ? nil : Phase.allCases[m - 1]
            let deadlines = drill.outcomes.filter { $0.phase == phase && $0.after == nil }.compactMap(\.within)
            if let latest = deadlines.max() { against += (against.isEmpty ? "" : "; ") + "deadline \(time(latest))" }
            let times = "\(time(h.percentile(50))) / \(time(h.percentile(90))) / \(time(h.percentile(95)))"
            rows.append((labels[m], times, String(h.count), against))
        }
        let timesWidth = max("p50 / p90 / p95".count, rows.map(\.times.count).max() ?? 0)
        let runsWidth = max("runs".count, rows.map(\.runs.count).max() ?? 0)
        out += "\n" + "Times".padding(toLength: 16, withPad: " ", startingAt: 0) + "p50 / p90 / p95".padding(toLength: timesWidth, withPad: " ", startingAt: 0)
            + "  " + "runs".leftPadded(runsWidth) + "  against\n"
        for row in rows {
            out += "  " + row.label.padding(toLength: 14, withPad: " ", startingAt: 0) + row.times.padding(toLength: timesWidth, withPad: " ", startingAt: 0)
                + "  " + row.runs.leftPadded(runsWidth) + "  " + row.against + "\n"
        }
        let top = report.mostInfluential(3)
        out += "\nSteps whose time matters most for passing\n"
        if top.isEmpty { out += "  none: no step's time changes the odds of passing\n" }
        let steps = report.steps
        for (rank, k) in top.enumerated() {
            let (runbook, step) = steps[k]
            let influence = report.influence(k)
            let points = (influence.pass ?? 0) * 100
            let direction = points < 0 ? "less" : "more"
            let prefix = plan.runbooks.count > 1 ? "\(safe(runbook.title)): " : ""
            out += "  \(rank + 1). \(prefix)\(safe(Self.headline(step.text))) (\(safe(step.by)), \(report.timeText(k))): in its slowest quarter runs pass \(String(format: "%.1f", abs(points))) points \(direction) often than in its fastest\n"
        }
        return out + historyText
    }

    /// With `--from-history`: which steps took the team's recorded times, and which kept the runbook's.
    var historyText: String {
        guard let source = report.historySource else { return "" }
        let safe = TerminalText.safe, whatIf = report.whatIf
        let steps = report.steps
        let taken = steps.indices.filter { whatIf.estimate($0) != nil }
        var out = "\nStep times from team \(safe(source.team))'s history (\(source.runs) recorded run\(source.runs == 1 ? "" : "s") of the drill, "
        out += "at least \(source.minimumObservations) observation\(source.minimumObservations == 1 ? "" : "s") a step)\n"
        if taken.isEmpty { out += "  none: no step was timed often enough; every step keeps its runbook time\n" }
        for k in taken {
            let (runbook, step) = steps[k], estimate = whatIf.estimate(k)!
            let prefix = report.whatIf.plan.runbooks.count > 1 ? "\(safe(runbook.title)): " : ""
            let median = DurationText.format(Int(estimate.median.rounded()))
            out += "  \(prefix)\(step.section.heading): \(safe(Self.headline(step.text))) — median \(median) (runbook \(step.duration.text)), "
            out += "σ \(String(format: "%.2f", whatIf.times.sigmas[k]))\(estimate.sigma == nil ? " (the runbook's)" : ""), from \(estimate.delays.count) run\(estimate.delays.count == 1 ? "" : "s")\n"
        }
        let kept = steps.count - taken.count
        if kept > 0, !taken.isEmpty { out += "  the other \(kept) step\(kept == 1 ? "" : "s") keep\(kept == 1 ? "s" : "") the runbook's time\n" }
        return out
    }

    /// A step's text cut to its headline for a one-line list: the words before its first colon, else its first
    /// 60 characters cut at a word, with an ellipsis; the command itself stays in the runbook.
    static func headline(_ text: String, limit: Int = 60) -> String {
        var head = Substring(text)
        if let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) >= 12 { head = text[..<colon] }
        head = head.drop(while: { $0 == " " })
        guard head.count > limit else { return String(head) }
        let cut = head.prefix(limit)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word.trimmingCharacters(in: CharacterSet(charactersIn: " ,;.")) + "…"
    }

    static func tenths(_ value: Int?) -> String {
        guard let value else { return "—" }
        return "\(value / 10).\(value % 10)"
    }
}

extension String {
    /// The text right-aligned in `width` columns.
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// Writes `whatif.html` and `whatif.json` into a folder, atomically, as the report folders are written.
enum WhatIfOutput {
    static func write(_ report: WhatIfReport, to folder: String) throws {
        do {
            let renderer = WhatIfRenderer(templates: try ReportTemplates())
            try ReportWriter.write(try renderer.render(report), to: URL(fileURLWithPath: folder))
        } catch {
            printError("error: the what-if report was not written: \(TerminalText.safe(String(describing: error)))\n")
            throw ExitCode(2)
        }
        printError("gameday: what-if report written to \(TerminalText.safe(folder))/\n")
    }
}
