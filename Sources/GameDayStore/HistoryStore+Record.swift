import Foundation
import GameDayEngine

extension HistoryStore {
    /// Records one run and files its stories into the backlog, all in one transaction.
    ///
    /// - A gap with no story yet files a new open story.
    /// - A gap whose story is open (or reopened) adds a recurrence to it.
    /// - A gap whose story was shipped or verified is a regression: the story is reopened, with this run's
    ///   title, owner, severity and due date.
    /// - A shipped story of the same drill and team whose gap this run no longer has becomes verified (for an
    ///   outcome's story, only when the outcome was `met`: a `n/a` outcome proves nothing; a team's own story only
    ///   by hand).
    ///
    /// `reportJSON` is stored as the run's report (`report.json.rendered()` when nil); `findings` gives the
    /// topic and text of the findings the run uncovered, for search; `teamStories` are the stories the team filed
    /// (`TeamStory.filed(in:drill:runDate:)`), filed like gap stories; `runDate` is when the run happened.
    @discardableResult
    public func record(report: RunReport, reportJSON: String? = nil, findings: [Finding] = [], teamStories: [TeamStory] = [],
                       runDate: Date) throws -> RecordResult {
        let json = reportJSON ?? report.json.rendered()
        let at = Self.isoTime(runDate)
        let team = report.team ?? ""
        let hash = RunHash.of(drill: report.drill, team: team, started: report.started, runDate: at, reportJSON: json)
        let stories = report.stories.map(StoryInput.init) + teamStories.map(StoryInput.init)
        return try write(backlog: BacklogKey(drill: report.drill, team: team)) { db in
            let m = report.metrics
            let runID = try db.insert("""
                INSERT INTO runs (drill, title, severity, team, started, run_date, end_seconds, score, passed,
                    time_to_acknowledge, time_to_detect, time_to_contain, time_to_eradicate, time_to_recover, time_to_learn,
                    response_sla_met, resolution_sla_met, outcome_count, violation_count, finding_count, story_count, report_json,
                    content_hash, team_story_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                    report.drill, report.title, report.severity.rawValue, team, report.started, at, report.end,
                    Self.text(report.score, fraction: true), report.passed, m.timeToAcknowledge, m.timeToPhase[.detect],
                    m.timeToPhase[.contain], m.timeToPhase[.eradicate], m.timeToPhase[.recover], m.timeToPhase[.learn],
                    m.responseMet, m.resolutionMet, report.outcomes.count, report.violations.count, report.findings.count,
                    report.stories.count, json, hash, teamStories.count)
            for (position, o) in report.outcomes.enumerated() {
                try db.execute("""
                    INSERT INTO run_outcomes (run_id, position, outcome, title, phase, status, deadline, met_at, weight, credit, critical)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, runID, position, o.id, o.title, o.phase.rawValue, o.status.rawValue, o.deadline, o.metAt,
                    Self.text(o.weight), Self.text(o.credit, fraction: true), o.critical)
            }
            for (position, v) in report.violations.enumerated() {
                try db.execute("INSERT INTO run_violations (run_id, position, violation, title, at, penalty) VALUES (?, ?, ?, ?, ?, ?)",
                               runID, position, v.id, v.title, v.at, Self.text(v.penalty))
            }
            for (position, id) in report.findings.enumerated() {
                let finding = findings.first { $0.id == id }
                try db.execute("INSERT INTO run_findings (run_id, position, finding, topic, text) VALUES (?, ?, ?, ?, ?)",
                               runID, position, id, finding?.topic, finding?.text)
                if let finding {
                    try Self.indexFinding(db, drill: report.drill, id: finding.id, topic: finding.topic, text: finding.text)
                }
            }

            var result = RecordResult(runID: runID, new: [], recurrences: [], regressions: [], verified: [])
            for (position, story) in stories.enumerated() {
                let change: String
                if let row = try db.row("SELECT id, status, occurrences, title FROM stories WHERE key = ? AND team = ?", story.key, team) {
                    let id = row.int64("id")
                    let occurrences = row.int("occurrences") + 1
                    let status = StoryStatus(rawValue: row.string("status")) ?? .open
                    if status.isActive {
                        try db.execute("UPDATE stories SET occurrences = ?, last_run_id = ? WHERE id = ?", occurrences, runID, id)
                        try Self.event(db, story: id, run: runID, kind: .recurred, at: at)
                        result.recurrences.append(.init(storyID: id, key: story.key, title: row.string("title"), occurrences: occurrences))
                        change = "recurrence"
                    } else {
                        try db.execute("""
                            UPDATE stories SET status = 'reopened', occurrences = ?, last_run_id = ?, title = ?, owner = ?,
                                severity = ?, due = ?, source = ?, text = ? WHERE id = ?
                            """, occurrences, runID, story.title, story.owner, story.severity.rawValue, story.due,
                            story.source, story.text, id)
                        try Self.event(db, story: id, run: runID, kind: .regressed, at: at,
                                       note: "the shipped fix did not hold (the story was \(status.rawValue))")
                        try Self.indexStory(db, id: id, story: story, team: team)
                        result.regressions.append(.init(storyID: id, key: story.key, title: story.title, occurrences: occurrences))
                        change = "regression"
                    }
                    try db.execute("INSERT INTO run_stories (run_id, story_id, position, change) VALUES (?, ?, ?, ?)",
                                   runID, id, position, change)
                } else {
                    let id = try db.insert("""
                        INSERT INTO stories (key, team, drill, title, owner, severity, due, source, text, status, occurrences,
                            first_run_id, last_run_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 1, ?, ?)
                        """, story.key, team, report.drill, story.title, story.owner, story.severity.rawValue,
                        story.due, story.source, story.text, runID, runID)
                    try Self.event(db, story: id, run: runID, kind: .filed, at: at)
                    try Self.indexStory(db, id: id, story: story, team: team)
                    try db.execute("INSERT INTO run_stories (run_id, story_id, position, change) VALUES (?, ?, ?, 'new')",
                                   runID, id, position)
                    result.new.append(.init(storyID: id, key: story.key, title: story.title, occurrences: 1))
                }
            }

            let met = Set(report.outcomes.filter { $0.status == .met }.map(\.id))
            let keys = Set(stories.map(\.key))
            let shipped = try db.rows("""
                SELECT id, key, title, source, occurrences FROM stories WHERE drill = ? AND team = ? AND status = 'shipped' ORDER BY id
                """, report.drill, team)
            for row in shipped {
                let key = row.string("key")
                guard !keys.contains(key) else { continue }
                let source = row.string("source")
                if source == RunReport.Story.Source.outcome.rawValue {
                    guard key.hasPrefix(report.drill + "/"), met.contains(String(key.dropFirst(report.drill.count + 1))) else { continue }
                } else {
                    guard StoryInput.verifiedByAbsence.contains(source) else { continue }
                }
                let id = row.int64("id")
                try db.execute("UPDATE stories SET status = 'verified' WHERE id = ?", id)
                try Self.event(db, story: id, run: runID, kind: .verified, at: at, note: "the gap did not come back")
                result.verified.append(.init(storyID: id, key: key, title: row.string("title"), occurrences: row.int("occurrences")))
            }

            try Self.index(db, kind: .run, ref: String(runID), title: Self.runTitle(report), body: Self.runBody(report),
                           tags: [report.drill, report.team].compactMap { $0 }.joined(separator: " "))
            return result
        }
    }

    /// The stored `gameday.report/v1` JSON of a run, or nil when there is no such run.
    public func reportJSON(runID: Int64) throws -> String? {
        try read { db in try db.value("SELECT report_json FROM runs WHERE id = ?", runID).text }
    }

    // MARK: Helpers

    static func event(_ db: any SQLExecutor, story: Int64, run: Int64?, kind: StoryEvent.Kind, at: String, note: String? = nil) throws {
        try db.execute("INSERT INTO story_events (story_id, run_id, kind, at, note) VALUES (?, ?, ?, ?, ?)",
                       story, run, kind.rawValue, at, note)
    }

    static func indexFinding(_ db: any SQLExecutor, drill: String, id: String, topic: String, text: String) throws {
        let ref = drill + "/" + id
        // Every team's run of a drill indexes the same findings: PostgreSQL upserts the entry, and leaves it alone when
        // it is unchanged, so that recordings of different teams do not conflict over it.
        if db.dialect == .sqlite { try db.execute("DELETE FROM search_index WHERE kind = 'finding' AND ref = ?", ref) }
        try index(db, kind: .finding, ref: ref, title: "Finding \(topic) (\(drill))", body: text, tags: ref)
    }

    static func indexStory(_ db: any SQLExecutor, id: Int64, story: StoryInput, team: String) throws {
        try db.execute("DELETE FROM search_index WHERE kind = 'story' AND ref = ?", String(id))
        let body = [story.text, "\(story.source) gap"].compactMap { $0 }.joined(separator: "\n")
        try index(db, kind: .story, ref: String(id), title: story.title, body: body,
                  tags: [story.key, story.owner, team].filter { !$0.isEmpty }.joined(separator: " "))
    }

    static func runTitle(_ report: RunReport) -> String {
        let team = report.team.map { ", team \($0)" } ?? ""
        return "\(report.title)\(team) — \(text(report.score, fraction: true)) \(report.passed ? "passed" : "not passed")"
    }

    static func runBody(_ report: RunReport) -> String {
        var lines = report.outcomes.map { "\($0.title): \($0.status.rawValue)" }
        lines += report.violations.map { "forbidden move: \($0.title)" }
        lines += report.stories.map { "gap: \($0.title)" }
        lines += report.actions.map { "\($0.by ?? "team"): \($0.command)\($0.outcome.reason.map { " (rejected: \($0))" } ?? "")" }
        return lines.joined(separator: "\n")
    }

    /// A decimal as the report prints it (`87.5`, `100.0`).
    static func text(_ value: Decimal, fraction: Bool = false) -> String {
        if case .number(let text) = JSONValue.decimal(value, forceFraction: fraction) { return text }
        return "\(value)"
    }
}
