import Foundation
import GameDayEngine

extension DebriefView {
    /// What the report's times mean.
    static func timesNote(_ record: RunRecord) -> String {
        let clock = record.clock
        if clock.isUTC {
            return "Times are UTC wall-clock times, T0 at \(clock.label(0)); the T+ column counts from T0."
        }
        if record.report.started != nil {
            let why: String
            switch record.pace.clock {
            case .speed(let n)?: why = "the clock ran at \(RunPace.number(n)) times real time (--speed)"
            case .step?: why = "the clock moved only when told (--step)"
            default: why = "the clock did not keep to real time"
            }
            return "Times are drill times (T+mm:ss from T0): \(why), so no wall-clock time is given for any moment after T0."
        }
        return "Times are drill times (T+mm:ss from T0): the log records no wall-clock start."
    }

    /// The roles that recorded an action (the drill's roles first, in its order) and the drill's roles that did not.
    static func roles(_ record: RunRecord) -> ([String], [String]) {
        let actions = record.report.actions
        var took: [String] = []
        for role in record.drill.roles where actions.contains(where: { $0.by == role }) { took.append(role) }
        for action in actions {
            let role = action.by ?? "team"
            if !took.contains(role) { took.append(role) }
        }
        return (took, record.drill.roles.filter { !took.contains($0) })
    }

    /// The expected outcomes as objectives.
    static func objectives(_ drill: Drill) -> [ObjectiveRow] {
        drill.outcomes.map { o in
            let deadline: String
            if let within = o.within {
                deadline = o.after.map { "within \(Format.duration(within)) after inject \($0)" } ?? "within \(Format.duration(within)) of T0"
            } else {
                deadline = "no deadline"
            }
            var traits: [String] = []
            if o.weight != 1 { traits.append("weight \(Format.decimal(o.weight))") }
            if o.critical { traits.append("critical") }
            if o.hold { traits.append("must still hold at the end") }
            return ObjectiveRow(phase: o.phase.rawValue, title: o.title, id: o.id, deadline: deadline, traits: traits.joined(separator: ", "))
        }
    }

    /// The exercise overview's rows.
    static func overview(_ record: RunRecord, view: DebriefView) -> [OverviewRow] {
        let report = record.report, drill = record.drill
        var rows = [OverviewRow(label: "Drill", value: "\(report.title) (\(report.drill)), severity \(report.severity.rawValue)")]
        rows.append(OverviewRow(label: "Scenario", value: drill.scenarioTitle.map { "\($0) (\(drill.scenarioID))" } ?? drill.scenarioID))
        if let team = report.team { rows.append(OverviewRow(label: "Team", value: team)) }
        rows.append(OverviewRow(label: "Date", value: view.date))
        if let started = report.started {
            rows.append(OverviewRow(label: "Started", value: started + (record.clock.isWallClock ? "" : " (the session's start on the wall clock)")))
        }
        var duration = Format.duration(report.end)
        if report.end < drill.duration { duration += " (ended early; the drill runs \(Format.duration(drill.duration)))" }
        rows.append(OverviewRow(label: "Duration", value: duration))
        rows.append(OverviewRow(label: "Pace", value: view.pace))
        rows.append(OverviewRow(label: "Times", value: view.timesNote))
        rows.append(OverviewRow(label: "Roles that took part",
                                value: view.rolesTookPart.isEmpty ? "none: no action was recorded" : view.rolesTookPart.joined(separator: ", ")))
        if !view.rolesWithoutActions.isEmpty {
            rows.append(OverviewRow(label: "Roles with no recorded action", value: view.rolesWithoutActions.joined(separator: ", ")))
        }
        rows.append(OverviewRow(label: "Score", value: "\(view.score) / 100, \(view.verdict) (pass mark \(view.passMark))"))
        return rows
    }

    /// One exposure window as the report shows it.
    static func windowRow(_ window: ExposureWindow, clock: ReportClock, end: Int) -> WindowRow {
        let never = window.seconds == 0
        let span = never ? "never exposed" : window.span(clock, end: end)
        var duration = Format.duration(window.seconds)
        if window.beforeT0, !never { duration += " from T0 (it began before T0)" }
        return WindowRow(title: window.title, span: span, duration: duration, budget: window.budget.map(Format.duration),
                         penalty: window.penalty.map(Format.decimal), overBudget: window.budget.map { window.seconds > $0 } ?? false,
                         never: never)
    }

    /// The applied actions that are decisions (declare, page, notify, open-runbook, schedule-postmortem, file-story)
    /// and every `note`, in time order.
    static func decisions(_ record: RunRecord) -> [LogEntry] {
        let clock = record.clock
        var entries: [LogEntry] = []
        for action in record.report.actions where action.outcome.reason == nil {
            guard let words = try? ShellWords.split(action.command), let verb = words.first else { continue }
            guard case .success(let command) = CommandParser.parse(words: words, text: action.command) else { continue }
            let p = command.positionals
            let text: String
            switch verb {
            case "note": entries.append(LogEntry(at: clock.label(action.at), who: action.by ?? "team", kind: "note",
                                                 text: words.dropFirst().joined(separator: " ")))
                continue
            case "declare" where p.count == 1: text = "declared a \(p[0]) incident"
            case "page" where p.count == 1: text = "paged \(p[0])"
            case "notify" where p.count == 1: text = "notified \(p[0])"
            case "open-runbook" where p.count == 1: text = "opened the runbook \(p[0])"
            case "schedule-postmortem": text = "scheduled the postmortem"
            case "file-story" where p.count == 1:
                text = "filed the story “\(p[0])”" + (command.option("--owner").map { " for \($0)" } ?? "")
                    + (command.option("--due").map { ", due in \($0)" } ?? "")
            default: continue
            }
            entries.append(LogEntry(at: clock.label(action.at), who: action.by ?? "team", kind: "decision", text: text))
        }
        return entries
    }

    /// The findings revealed (with when and by whom: the first applied `investigate` of their topic) and those never revealed.
    static func findings(_ record: RunRecord) -> ([FindingRow], [FindingRow]) {
        let drill = record.drill, clock = record.clock
        var firstInvestigation: [String: RunReport.ActionTrace] = [:]
        for action in record.report.actions where action.outcome.reason == nil {
            guard let words = try? ShellWords.split(action.command), words.first == "investigate",
                  case .success(let command) = CommandParser.parse(words: words, text: action.command), command.positionals.count == 1 else { continue }
            if firstInvestigation[command.positionals[0]] == nil { firstInvestigation[command.positionals[0]] = action }
        }
        let revealed = record.report.findings
        let uncovered = revealed.compactMap { id in drill.findings.first { $0.id == id } }.map { f in
            let action = firstInvestigation[f.topic]
            return FindingRow(id: f.id, topic: f.topic, text: f.text, at: action.map { clock.label($0.at) }, by: action.map { $0.by ?? "team" })
        }
        let missed = drill.findings.filter { !revealed.contains($0.id) }.map { FindingRow(id: $0.id, topic: $0.topic, text: $0.text) }
        return (uncovered, missed)
    }

    /// The improvement plan: each gap story with the gap it closes and, when recorded, its backlog status.
    static func plan(_ record: RunRecord, stories: [StoryView]) -> [PlanRow] {
        let report = record.report, drill = record.drill, clock = record.clock
        return zip(report.stories, stories).map { story, view in
            let id = String(story.key.dropFirst(drill.id.count + 1))
            let gap: String
            switch story.source {
            case .outcome:
                let o = report.outcomes.first { $0.id == id }
                if o?.status == .late {
                    gap = "outcome late: met at \(o?.metAt.map(clock.label) ?? "—"), due \(o?.deadline.map(clock.label) ?? "—")"
                } else {
                    gap = "outcome missed" + (o?.deadline.map { " (due \(clock.label($0)))" } ?? "")
                }
            case .violation:
                let v = report.violations.first { $0.id == id }
                gap = "forbidden move made" + (v.map { " at \(clock.label($0.at)) (−\(Format.decimal($0.penalty)) points)" } ?? "")
            case .exposure:
                let e = report.exposures.first { $0.id == id }
                gap = e.map { "exposed \(Format.duration($0.seconds)) against a budget of \(Format.duration($0.budget)) (−\(Format.decimal($0.penalty)) points)" } ?? "exposure over budget"
            case .detection:
                let name = String(story.key.dropFirst(drill.id.count + "/detection/".count))
                gap = "detection \(name) missing: an inject went unnoticed"
            }
            return PlanRow(number: view.number, action: view.title, owner: view.owner, severity: view.severity, due: view.due, gap: gap,
                           key: view.key, status: record.backlogStatus[story.key])
        }
    }

    /// The forbidden moves made and the exposures that cost points, in time order.
    static func penalties(_ record: RunRecord) -> [PenaltyRow] {
        let report = record.report, clock = record.clock
        var rows: [(Int, PenaltyRow)] = report.violations.map {
            ($0.at, PenaltyRow(kind: "forbidden move", title: $0.title, when: "made at \(clock.label($0.at))", points: Format.decimal($0.penalty)))
        }
        for e in report.exposures where e.penalty > 0 {
            let start = e.intervals.first?.first ?? 0
            rows.append((start, PenaltyRow(kind: "exposure", title: e.title,
                                           when: "exposed \(Format.duration(e.seconds)) against a budget of \(Format.duration(e.budget)), from \(clock.label(start))",
                                           points: Format.decimal(e.penalty))))
        }
        return rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }

    /// `items` in time order: those with a time first, by that time (ties as given), then those without.
    static func timeOrdered(_ items: [ListItem], _ record: RunRecord) -> [ListItem] {
        items.enumerated().sorted { a, b in
            let ka = a.element.sortTime ?? Int.max, kb = b.element.sortTime ?? Int.max
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }
}
