import Foundation
import GameDayEngine

/// The view model every template renders: plain values built from a run's report, drill, timeline and final
/// world. Untrusted text stays raw here; each template's content type escapes it for its format.
public struct DebriefView: Sendable {
    /// One row of the outcomes table.
    public struct OutcomeRow: Sendable, Hashable {
        /// Id.
        public var id: String
        /// Title.
        public var title: String
        /// Phase.
        public var phase: String
        /// `met`, `late`, `missed` or `n/a`.
        public var status: String
        /// CSS-safe status: `met`, `late`, `missed`, `na`.
        public var statusClass: String
        /// Deadline, as the report writes times, or an em dash.
        public var deadline: String
        /// When it was met, or an em dash.
        public var metAt: String
        /// Weight.
        public var weight: String
        /// Credit.
        public var credit: String
        /// Whether it is critical.
        public var critical: Bool
    }

    /// One row of the metrics table.
    public struct MetricRow: Sendable, Hashable {
        /// What is measured.
        public var name: String
        /// The time taken (`8m`), or an em dash.
        public var value: String
        /// When it was reached, as the report writes times, or an em dash.
        public var at: String
        /// The SLA limit (`15m`), when one applies.
        public var sla: String?
        /// `met` or `missed` against the SLA, when one applies.
        public var result: String?
    }

    /// A finding of the drill, uncovered or not.
    public struct FindingRow: Sendable, Hashable {
        /// Id.
        public var id: String
        /// The topic `investigate` takes.
        public var topic: String
        /// What it says.
        public var text: String
    }

    /// Drill id.
    public var drill: String
    /// Drill title.
    public var title: String
    /// `P1`..`P4`.
    public var severity: String
    /// Team, when the log names one.
    public var team: String?
    /// The run's id (`DRILL-DATE-TEAM`).
    public var run: String
    /// The run's UTC date.
    public var date: String
    /// `started` as written in the log.
    public var started: String?
    /// Whether timeline times are UTC (else `T+mm:ss`).
    public var timesInUTC: Bool
    /// The header of the time column.
    public var timeHeading: String
    /// How long the run lasted (`2h`).
    public var duration: String
    /// The scenario's title.
    public var scenario: String?
    /// The drill's own summary, on one line.
    public var drillSummary: String?
    /// Score, one decimal.
    public var score: String
    /// Pass mark.
    public var passMark: String
    /// Verdict.
    public var passed: Bool
    /// `passed` or `not passed`.
    public var verdict: String
    /// The generated summary: 3 to 5 sentences.
    public var summary: [String]
    /// The summary as one paragraph.
    public var summaryText: String
    /// What the attacker achieved.
    public var impactAchieved: [ListItem]
    /// What was still exposed at the end.
    public var impactExposed: [ListItem]
    /// What was averted.
    public var impactAverted: [ListItem]
    /// Whether the attacker achieved nothing and nothing was exposed at the end.
    public var impactNone: Bool
    /// The timeline.
    public var timeline: [TimelineRow]
    /// What went well.
    public var wentWell: [ListItem]
    /// What went poorly.
    public var wentPoorly: [ListItem]
    /// Findings the team uncovered, in time order.
    public var findingsUncovered: [FindingRow]
    /// Findings the drill held that the team did not uncover.
    public var findingsMissed: [FindingRow]
    /// Injects that went unnoticed for lack of a detection.
    public var detectionGaps: [ListItem]
    /// Defects of the drill (expressions that failed while running).
    public var defects: [ListItem]
    /// Gap stories, the improvement checklist.
    public var stories: [StoryView]
    /// Stories the team filed during the drill.
    public var teamStories: [ListItem]
    /// Outcomes table.
    public var outcomes: [OutcomeRow]
    /// Metrics table.
    public var metrics: [MetricRow]
    /// The SVG timeline's layout.
    public var chart: TimelineChart
    /// What the history made of this run: regressions, recurrences, verified stories.
    public var historyNotes: [ListItem]
    /// The trend chart of earlier runs (trusted SVG markup), when there are several.
    public var trendChart: String?
    /// Whether there is a History section.
    public var hasHistory: Bool
    /// The JUnit view.
    public var junit: JUnitView

    /// Builds the view of `record`.
    public init(_ record: RunRecord) {
        historyNotes = record.historyNotes.map { ListItem(text: $0) }
        trendChart = record.trendChart
        hasHistory = !record.historyNotes.isEmpty || record.trendChart != nil
        let report = record.report, drill = record.drill, clock = record.clock, identity = record.identity
        let impact = AttackImpact(record)
        self.drill = report.drill
        title = report.title
        severity = report.severity.rawValue
        team = report.team
        run = identity.id
        date = identity.date
        started = report.started
        timesInUTC = clock.isUTC
        timeHeading = clock.isUTC ? "Time (UTC)" : "Time"
        duration = Format.duration(report.end)
        scenario = drill.scenarioTitle
        drillSummary = drill.summary.map(UntrustedText.oneLine)
        score = Format.score(report.score)
        passMark = Format.decimal(drill.scoring.passScore)
        passed = report.passed
        verdict = report.passed ? "passed" : "not passed"
        stories = StoryView.make(record)
        summary = Self.summarise(record, impact: impact, identity: identity)
        summaryText = summary.joined(separator: " ")
        impactAchieved = impact.achieved.map { ListItem(at: $0.at.map(clock.label), text: $0.text) }
        impactExposed = impact.exposedAtEnd.map { ListItem(text: $0.text) }
        impactAverted = impact.averted.map { ListItem(at: $0.at.map(clock.label), text: $0.text) }
        impactNone = impact.achieved.isEmpty && impact.exposedAtEnd.isEmpty
        timeline = Self.timeline(record)
        (wentWell, wentPoorly) = Self.review(record, impact: impact)
        let uncovered = report.findings
        findingsUncovered = uncovered.compactMap { id in drill.findings.first { $0.id == id } }
            .map { FindingRow(id: $0.id, topic: $0.topic, text: $0.text) }
        findingsMissed = drill.findings.filter { !uncovered.contains($0.id) }.map { FindingRow(id: $0.id, topic: $0.topic, text: $0.text) }
        detectionGaps = report.injects.filter { $0.status == .undetected }.compactMap { trace in
            drill.inject(trace.id).map {
                ListItem(at: clock.label(trace.at), text: "\($0.id) went unnoticed: detection \($0.requiresDetection ?? "") is missing or disabled")
            }
        }
        defects = report.defects.map { ListItem(at: clock.label($0.at), text: "\($0.location): \($0.message)") }
        let world = record.world
        teamStories = world.state.stories.map { story in
            let due = story.due.map { ", due in \(Format.duration($0))" } ?? ""
            return ListItem(text: "\(world.symbols[story.title]) — owner \(world.symbols[story.owner])\(due)")
        }
        outcomes = report.outcomes.map { o in
            OutcomeRow(id: o.id, title: o.title, phase: o.phase.rawValue, status: o.status.rawValue,
                       statusClass: o.status == .notApplicable ? "na" : o.status.rawValue,
                       deadline: o.deadline.map(clock.label) ?? "—", metAt: o.metAt.map(clock.label) ?? "—",
                       weight: Format.decimal(o.weight), credit: Format.score(o.credit), critical: o.critical)
        }
        metrics = Self.metrics(report, clock: clock)
        chart = TimelineChart(record)
        junit = JUnitView(record, summary: summaryText)
    }
}
