import Foundation
import GameDayEngine

/// Names one run: the UTC date it is about and the id that report folders and story front matter carry.
public struct RunIdentity: Sendable, Hashable {
    /// `YYYY-MM-DD`: the UTC date of the log's `started`, else the run date the CLI passes in.
    public var date: String
    /// `DRILL-DATE-TEAM` (`DRILL-DATE` without a team), every part a file-name slug.
    public var id: String

    /// The identity of `report`, run on `runDate` (used when the log has no `started`).
    public init(report: RunReport, runDate: Date) {
        let base = report.started.flatMap(Timestamp.parse) ?? runDate
        date = Timestamp.utcDate(base, plusDays: 0)
        var parts = [FileName.slug(report.drill, fallback: "drill"), date]
        if let team = report.team { parts.append(FileName.slug(team, limit: 40, fallback: "team")) }
        id = parts.joined(separator: "-")
    }
}
