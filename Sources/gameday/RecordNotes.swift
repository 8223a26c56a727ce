import GameDayConsole
import GameDayStore

/// What recording a run did, as lines for the terminal: one per regression, recurrence and verification.
struct RecordNotes {
    let result: RecordResult
    let path: String

    private func safe(_ s: String) -> String { TerminalText.safe(s) }

    /// The lines, without a heading.
    var lines: [String] {
        var lines = ["recorded as run #\(result.runID) in \(safe(path))"]
        for c in result.regressions {
            lines.append("REGRESSION: \(safe(c.key)) — the shipped fix did not hold; story #\(c.storyID) reopened (seen \(c.occurrences) times)")
        }
        for c in result.recurrences {
            lines.append("recurrence: \(safe(c.key)) — seen \(c.occurrences) times; story #\(c.storyID) is still open")
        }
        for c in result.verified {
            lines.append("verified: \(safe(c.key)) — the gap is gone; story #\(c.storyID) verified")
        }
        if !result.new.isEmpty {
            let ids = result.new.map { "#\($0.storyID)" }.joined(separator: ", ")
            lines.append("filed \(result.new.count) new \(result.new.count == 1 ? "story" : "stories"): \(ids)")
        }
        return lines
    }

    /// The lines for the debrief report: what the history made of the run, without the database's path. A first
    /// run says what it filed, so the History section is there from the first recorded run on.
    var reportLines: [String] {
        var lines: [String] = []
        for c in result.new {
            lines.append("Filed: story #\(c.storyID) \(c.key) — \(c.title).")
        }
        for c in result.regressions {
            lines.append("Regression: \(c.key) — the shipped fix did not hold; story #\(c.storyID) reopened (seen \(c.occurrences) times).")
        }
        for c in result.recurrences {
            lines.append("Recurrence: \(c.key) — seen \(c.occurrences) times; story #\(c.storyID) is still open.")
        }
        if !result.recurrences.isEmpty {
            lines.append("The same gap twice is a process failure: \(result.recurrences.count == 1 ? "this gap's story was" : "these gaps' stories were") filed before and \(result.recurrences.count == 1 ? "is" : "are") still open.")
        }
        for c in result.verified {
            lines.append("Verified: \(c.key) — the gap is gone; story #\(c.storyID) verified.")
        }
        if lines.isEmpty { lines.append("Recorded as run #\(result.runID): it filed no story and changed none.") }
        return lines
    }

    /// Each story's place in the backlog after the run, by story key, for the improvement plan.
    var backlogStatus: [String: String] {
        var status: [String: String] = [:]
        for c in result.new { status[c.key] = "new: story #\(c.storyID), open" }
        for c in result.recurrences { status[c.key] = "recurrence: story #\(c.storyID) still open, seen \(c.occurrences) times" }
        for c in result.regressions { status[c.key] = "regression: story #\(c.storyID) reopened, seen \(c.occurrences) times" }
        return status
    }

    /// The summary's History section.
    var section: String { "\nHistory\n" + lines.map { "  \($0)\n" }.joined() }

    /// The lines for stderr when stdout carries the JSON report.
    var stderrText: String { lines.map { "gameday: \($0)\n" }.joined() }
}
