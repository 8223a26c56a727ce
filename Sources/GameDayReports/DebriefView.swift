import Foundation
import GameDayEngine

/// The view model every template renders: plain values built from a run's report, drill, log, timeline and final
/// world, in the shape of an After-Action Report. Untrusted text stays raw here; each template's content type
/// escapes it for its format.
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

    /// A finding of the drill, revealed or not.
    public struct FindingRow: Sendable, Hashable {
        /// Id.
        public var id: String
        /// The topic `investigate` takes.
        public var topic: String
        /// What it says.
        public var text: String
        /// When it was revealed, for a revealed finding.
        public var at: String?
        /// The role whose `investigate` revealed it.
        public var by: String?
    }

    /// One line of the exercise overview: a label and its value.
    public struct OverviewRow: Sendable, Hashable {
        /// What it is (`Pace`).
        public var label: String
        /// Its value (untrusted text inside).
        public var value: String
    }

    /// One objective of the exercise: an expected outcome as the drill states it.
    public struct ObjectiveRow: Sendable, Hashable {
        /// Phase.
        public var phase: String
        /// Title.
        public var title: String
        /// Id.
        public var id: String
        /// The deadline as the drill says it: `within 15m of T0`, `within 15m after registry-advisory`, `no deadline`.
        public var deadline: String
        /// `weight 3, critical, must hold at the end`: what else the drill says about it, or empty.
        public var traits: String
    }

    /// Strengths and areas for improvement of one phase (or of the drill as a whole).
    public struct PhaseReview: Sendable, Hashable {
        /// `Detect`, ..., `Learn`, or `Across the phases`.
        public var name: String
        /// What went well, in time order.
        public var strengths: [ListItem]
        /// What to improve, in time order.
        public var improvements: [ListItem]
    }

    /// How long one bad state lasted: a declared exposure, or a window read from the world's state.
    public struct WindowRow: Sendable, Hashable {
        /// What was exposed.
        public var title: String
        /// When: `from before T0 until T+20:01`.
        public var span: String
        /// How long, counted from T0 (`20m1s`), or `0s`.
        public var duration: String
        /// The budget, for a declared exposure.
        public var budget: String?
        /// The points it cost, for a declared exposure (`2.5`).
        public var penalty: String?
        /// Whether it lasted longer than its budget.
        public var overBudget: Bool
        /// Whether it never happened at all.
        public var never: Bool
    }

    /// One penalty of the score: a forbidden move made or an exposure beyond its budget.
    public struct PenaltyRow: Sendable, Hashable {
        /// `forbidden move` or `exposure`.
        public var kind: String
        /// Its title.
        public var title: String
        /// When: the move's time, or the exposure's length against its budget.
        public var when: String
        /// Points off (`10`, `2.5`).
        public var points: String
    }

    /// One row of the improvement plan.
    public struct PlanRow: Sendable, Hashable {
        /// 1-based.
        public var number: Int
        /// The corrective action: the story's title.
        public var action: String
        /// The owner role.
        public var owner: String
        /// `P1`..`P4`.
        public var severity: String
        /// `YYYY-MM-DD`.
        public var due: String
        /// The gap it closes, in a few words.
        public var gap: String
        /// The story key.
        public var key: String
        /// Its place in the backlog after this run (`new: story #4, open`), when the run was recorded.
        public var status: String?
    }

    /// A decision or a free-text note the scribe recorded.
    public struct LogEntry: Sendable, Hashable {
        /// When.
        public var at: String
        /// The role.
        public var who: String
        /// `decision` or `note`.
        public var kind: String
        /// What was decided or noted.
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
    /// What the times mean: UTC wall-clock times, or drill times and why.
    public var timesNote: String
    /// How the clock moved: live in real time, accelerated, stepped, or a replay of a log.
    public var pace: String
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
    /// The exercise overview: drill, scenario, team, date, start, duration, pace, times, roles, score.
    public var overview: [OverviewRow]
    /// The objectives: the expected outcomes, in drill order.
    public var objectives: [ObjectiveRow]
    /// The roles that recorded at least one action, the drill's roles first.
    public var rolesTookPart: [String]
    /// The drill's roles that recorded no action.
    public var rolesWithoutActions: [String]
    /// The generated summary: 3 to 5 sentences.
    public var summary: [String]
    /// The summary as one paragraph.
    public var summaryText: String
    /// What the attacker achieved: each distinct move once, in time order.
    public var impactAchieved: [ListItem]
    /// What third parties and the world did (never the attacker's achievements).
    public var impactOthers: [ListItem]
    /// How long each bad state lasted.
    public var impactWindows: [WindowRow]
    /// Whether the windows are the drill's declared exposures (else they were read from the world's state).
    public var windowsDeclared: Bool
    /// What was still exposed at the end.
    public var impactExposed: [ListItem]
    /// What was averted.
    public var impactAverted: [ListItem]
    /// Whether the attacker achieved nothing, no bad state lasted, and nothing was exposed at the end.
    public var impactNone: Bool
    /// The timeline.
    public var timeline: [TimelineRow]
    /// Strengths and areas for improvement by phase (detect, contain, eradicate, recover, learn), then across them.
    public var phaseReviews: [PhaseReview]
    /// Every strength, in time order.
    public var wentWell: [ListItem]
    /// Every area for improvement, in time order.
    public var wentPoorly: [ListItem]
    /// Decisions and free-text notes the team recorded, in time order.
    public var decisions: [LogEntry]
    /// Findings the team revealed (root cause and contributing factors established), in time order.
    public var findingsUncovered: [FindingRow]
    /// Findings the drill held that the team never revealed.
    public var findingsMissed: [FindingRow]
    /// Injects that went unnoticed for lack of a detection.
    public var detectionGaps: [ListItem]
    /// Defects of the drill (expressions that failed while running).
    public var defects: [ListItem]
    /// Gap stories.
    public var stories: [StoryView]
    /// The improvement plan: one row per gap story.
    public var plan: [PlanRow]
    /// Whether the plan has a backlog status column (the run was recorded in the history).
    public var planHasStatus: Bool
    /// Stories the team filed during the drill.
    public var teamStories: [ListItem]
    /// Outcomes table.
    public var outcomes: [OutcomeRow]
    /// Metrics table.
    public var metrics: [MetricRow]
    /// The score's penalties: forbidden moves and exposures beyond their budget, in time order.
    public var penalties: [PenaltyRow]
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
        timeHeading = clock.isUTC ? "Time (UTC)" : "Drill time"
        timesNote = Self.timesNote(record)
        pace = record.pace.description
        duration = Format.duration(report.end)
        scenario = drill.scenarioTitle
        drillSummary = drill.summary.map(UntrustedText.oneLine)
        score = Format.score(report.score)
        passMark = Format.decimal(drill.scoring.passScore)
        passed = report.passed
        verdict = report.passed ? "passed" : "not passed"
        (rolesTookPart, rolesWithoutActions) = Self.roles(record)
        objectives = Self.objectives(drill)
        stories = StoryView.make(record)
        summary = Self.summarise(record, impact: impact, identity: identity)
        summaryText = summary.joined(separator: " ")
        impactAchieved = impact.achieved.map { ListItem(at: $0.at.map(clock.label), text: $0.text) }
        impactOthers = impact.others.map { ListItem(at: $0.at.map(clock.label), text: $0.text) }
        impactWindows = impact.windows.map { Self.windowRow($0, clock: clock, end: report.end) }
        windowsDeclared = !drill.exposures.isEmpty
        impactExposed = impact.exposedAtEnd.map { ListItem(text: $0.text) }
        impactAverted = (impact.averted + impact.avertedByForbiddenMove).sorted { ($0.at ?? 0) < ($1.at ?? 0) }
            .map { ListItem(at: $0.at.map(clock.label), text: $0.text) }
        impactNone = impact.achieved.isEmpty && impact.exposedAtEnd.isEmpty && !impact.windows.contains { $0.seconds > 0 }
        timeline = Self.timeline(record, windows: impact.windows)
        phaseReviews = Self.review(record, impact: impact)
        wentWell = Self.timeOrdered(phaseReviews.flatMap(\.strengths), record)
        wentPoorly = Self.timeOrdered(phaseReviews.flatMap(\.improvements), record)
        decisions = Self.decisions(record)
        (findingsUncovered, findingsMissed) = Self.findings(record)
        detectionGaps = report.injects.filter { $0.status == .undetected }.compactMap { trace in
            drill.inject(trace.id).map {
                ListItem(at: clock.label(trace.at), text: "\($0.id) went unnoticed: detection \($0.requiresDetection ?? "") is missing or disabled")
            }
        }
        defects = report.defects.map { ListItem(at: clock.label($0.at), text: "\($0.location): \($0.message)") }
        plan = Self.plan(record, stories: stories)
        planHasStatus = plan.contains { $0.status != nil }
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
        penalties = Self.penalties(record)
        chart = TimelineChart(record, windows: impact.windows)
        overview = []
        junit = JUnitView(record, summary: summaryText)
        overview = Self.overview(record, view: self)
    }
}
