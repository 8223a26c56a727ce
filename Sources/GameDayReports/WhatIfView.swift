import Foundation
import GameDayWhatIf

/// The view model of the what-if report (`whatif.html`): plain values built from a `WhatIfReport`.
public struct WhatIfView: Sendable {
    struct OutcomeRow: Sendable {
        let id: String, title: String, met: String, late: String, missed: String, na: String
        let metWidth: Int, lateWidth: Int, missedWidth: Int, naWidth: Int, critical: Bool, due: String
    }
    struct MetricRow: Sendable { let name: String, runs: Int, p50: String, p90: String, p95: String, against: String }
    struct StepRow: Sendable {
        let section: String, text: String, by: String, time: String, p5: String, p50: String, p95: String, reached: String
        let pass: String, contain: String
    }
    struct InfluenceBar: Sendable { let y: Int, x: Int, width: Int, label: String, value: String, kind: String, textY: Int }
    struct ExposureRow: Sendable { let id: String, title: String, budget: String, over: String, p50: String, p95: String }

    let title: String
    let drill: String
    let runs: String
    let seed: String
    let sigma: String
    let runbooks: [String]
    let passed: String
    let passWidth: Int
    let passMark: String
    let scoreMean: String, scoreP5: String, scoreP50: String, scoreP95: String
    let outcomes: [OutcomeRow]
    let violations: [String]
    let hasViolations: Bool
    let hasExposures: Bool
    let metrics: [MetricRow]
    let exposures: [ExposureRow]
    let histograms: [HistogramChart]
    let steps: [StepRow]
    let influence: [InfluenceBar]
    let influenceHeight: Int
    let influenceZero: Int

    /// The view of `report`.
    public init(_ report: WhatIfReport) {
        let a = report.aggregate, drill = report.whatIf.plan.compiled.drill
        func percent(_ n: Int) -> String { a.runs == 0 ? "—" : String(format: "%.1f%%", 100 * Double(n) / Double(a.runs)) }
        func width(_ n: Int) -> Int { a.runs == 0 ? 0 : Int((300 * Double(n) / Double(a.runs)).rounded()) }
        func time(_ t: Int?) -> String { t.map(DurationText.format) ?? "—" }
        func tenths(_ t: Int?) -> String { t.map { "\($0 / 10).\($0 % 10)" } ?? "—" }
        title = UntrustedText.oneLine(drill.title)
        self.drill = drill.id
        runs = String(a.runs)
        seed = report.seedText
        sigma = String(report.whatIf.sigma)
        runbooks = report.whatIf.plan.runbooks.map { "\($0.title) (\($0.file))" }
        passed = percent(a.passed)
        passWidth = width(a.passed)
        passMark = Format.decimal(drill.scoring.passScore)
        scoreMean = tenths(a.meanTenths)
        scoreP5 = tenths(a.scores.percentile(5))
        scoreP50 = tenths(a.scores.percentile(50))
        scoreP95 = tenths(a.scores.percentile(95))
        outcomes = drill.outcomes.enumerated().map { k, o in
            let c = a.outcomes[k]
            let due = o.within.map { o.after.map { a in "\(time(o.within)) after \(a)" } ?? "by \(time($0))" } ?? "no deadline"
            return OutcomeRow(id: o.id, title: o.title, met: percent(c[0]), late: percent(c[1]), missed: percent(c[2]), na: percent(c[3]),
                              metWidth: width(c[0]), lateWidth: width(c[1]), missedWidth: width(c[2]), naWidth: width(c[3]),
                              critical: o.critical, due: due)
        }
        violations = drill.forbidden.enumerated().map { k, m in "\(m.title): made in \(percent(a.violations[k])) of runs" }
        hasViolations = !drill.forbidden.isEmpty
        hasExposures = !drill.exposures.isEmpty
        let labels = ["Time to acknowledge", "Time to detect", "Time to contain", "Time to eradicate", "Time to recover", "Time to learn"]
        func deadline(_ m: Int) -> Int? {
            guard m > 0 else { return nil }
            return drill.outcomes.filter { $0.phase == Phase.allCases[m - 1] && $0.after == nil }.compactMap(\.within).max()
        }
        metrics = (0..<6).map { m in
            let h = a.metrics[m]
            var against: [String] = []
            if let d = deadline(m) { against.append("deadline \(time(d))") }
            if m == 0 { against.append("response SLA \(time(drill.severity.responseLimit)): met in \(percent(a.responseMet))") }
            if m == 4 { against.append("resolution SLA \(time(drill.severity.resolutionLimit)): met in \(percent(a.resolutionMet))") }
            return MetricRow(name: labels[m], runs: Int(h.count), p50: time(h.percentile(50)), p90: time(h.percentile(90)),
                             p95: time(h.percentile(95)), against: against.joined(separator: "; "))
        }
        exposures = drill.exposures.enumerated().map { k, e in
            ExposureRow(id: e.id, title: e.title, budget: time(e.budget), over: percent(a.exposureOverBudget[k]),
                        p50: time(a.exposureSeconds[k].percentile(50)), p95: time(a.exposureSeconds[k].percentile(95)))
        }
        var charts = [HistogramChart(id: "score", title: "Score", histogram: a.scores, upper: 1000, binCount: 20,
                                     label: { "\($0 / 10)" }, marks: [(NSDecimalNumber(decimal: drill.scoring.passScore * 10).intValue, "pass mark", "pass")])]
        for m in [0, 2, 4] where a.metrics[m].count > 0 {
            var marks: [(Int, String, String)] = []
            if let d = deadline(m) { marks.append((d, "deadline \(time(d))", "deadline")) }
            if m == 0 { marks.append((drill.severity.responseLimit, "response SLA", "sla")) }
            if m == 4 { marks.append((drill.severity.resolutionLimit, "resolution SLA", "sla")) }
            let upper = max(a.metrics[m].maximum ?? 1, marks.map(\.0).max() ?? 0)
            charts.append(HistogramChart(id: "metric-\(m)", title: labels[m], histogram: a.metrics[m], upper: min(upper, a.end),
                                         binCount: 30, label: { DurationText.format($0) }, marks: marks))
        }
        histograms = charts
        let all = report.steps
        steps = all.enumerated().map { k, entry in
            let drawn = a.stepDrawn[k]
            func capped(_ p: Int) -> String { drawn.percentile(p).map { $0 > a.end ? "longer than the drill" : DurationText.format($0) } ?? "—" }
            let influence = report.influence(k)
            return StepRow(section: entry.step.section.heading, text: UntrustedText.oneLine(entry.step.text), by: entry.step.by,
                           time: entry.step.duration.text, p5: capped(5), p50: capped(50), p95: capped(95), reached: percent(a.stepReached[k]),
                           pass: influence.pass.map { String(format: "%+.1f points", $0 * 100) } ?? "—",
                           contain: influence.contain.map { ($0 >= 0 ? "+" : "−") + DurationText.format(Int(abs($0).rounded())) } ?? "—")
        }
        // The influence chart: one bar per step, left of the zero line when a slow step costs passes.
        let values = all.indices.map { report.influence($0).pass ?? 0 }
        let most = max(values.map(abs).max() ?? 0, 0.01)
        let zero = 330, half = 200
        influenceZero = zero
        influence = values.enumerated().map { k, v in
            let w = Int((Double(half) * abs(v) / most).rounded())
            return InfluenceBar(y: 8 + k * 22, x: v < 0 ? zero - w : zero, width: max(w, 1),
                                label: UntrustedText.oneLine(all[k].step.text).prefix(44).description,
                                value: String(format: "%+.1f", v * 100), kind: v < 0 ? "cost" : "gain", textY: 8 + k * 22 + 13)
        }
        influenceHeight = 16 + all.count * 22
    }
}

/// Renders the what-if report: one self-contained HTML page (no script, a strict Content-Security-Policy) and the JSON.
public struct WhatIfRenderer: Sendable {
    /// The templates in use.
    public let templates: ReportTemplates

    /// A renderer with `templates`.
    public init(templates: ReportTemplates) { self.templates = templates }

    /// `whatif.html` and `whatif.json`.
    public func render(_ report: WhatIfReport) throws -> [ReportFile] {
        [ReportFile(path: "whatif.html", contents: try templates.render(WhatIfView(report), with: "whatif.html")),
         ReportFile(path: "whatif.json", contents: report.json.rendered() + "\n")]
    }
}
