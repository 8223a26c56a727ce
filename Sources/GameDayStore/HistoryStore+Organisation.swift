import Foundation
import GameDayEngine

extension HistoryStore {
    /// Each team's last run of each drill with its trend, by team then drill (runs without a team last).
    public func teamTrends(drill: String? = nil, team: String? = nil) throws -> [TeamTrend] {
        let entries = try history(drill: drill, team: team)
        let groups = Dictionary(grouping: entries) { BacklogKey(drill: $0.drill, team: $0.team ?? "") }
        return groups.compactMap { key, runs -> TeamTrend? in
            guard let latest = runs.last else { return nil }
            return TeamTrend(team: latest.team, drill: key.drill, title: latest.title, runs: runs.count, latest: latest,
                             previous: runs.count >= 2 ? runs[runs.count - 2] : nil, recentScores: runs.suffix(5).map(\.score))
        }.sorted { a, b in
            let left = (a.team == nil ? 1 : 0, a.team ?? "", a.drill), right = (b.team == nil ? 1 : 0, b.team ?? "", b.drill)
            return left < right
        }
    }

    /// The drills each team has not run within `cadence` seconds as of `today` (`YYYY-MM-DD`): every team that has
    /// recorded a run, against every drill anyone has recorded and every drill of `library` (id to title). A drill
    /// is due from the day of its last run plus the cadence; one never run is due at once. Runs without a team are
    /// left out (no team to ask). By team; never-run drills first, then the longest overdue.
    public func dueDrills(cadence: Int, today: String, library: [String: String] = [:], team: String? = nil,
                          drill: String? = nil) throws -> [DueDrill] {
        let entries = try history().filter { $0.team != nil }
        let latest = Dictionary(grouping: entries) { BacklogKey(drill: $0.drill, team: $0.team!) }.compactMapValues(\.last)
        var titles = library
        for entry in entries where titles[entry.drill] == nil { titles[entry.drill] = entry.title }
        let teams = Set(entries.compactMap(\.team)).filter { team == nil || $0 == team }
        let drills = Set(titles.keys).filter { drill == nil || $0 == drill }
        guard let todayStart = Timestamp.parse(today + "T00:00:00Z") else { return [] }
        let todayDay = Int((todayStart.timeIntervalSince1970 / 86_400).rounded(.down))
        var due: [DueDrill] = []
        for team in teams {
            for drill in drills {
                guard let last = latest[BacklogKey(drill: drill, team: team)] else {
                    due.append(DueDrill(team: team, drill: drill, title: titles[drill], lastRun: nil, dueSince: nil, daysOverdue: nil))
                    continue
                }
                let next = last.time.addingTimeInterval(Double(cadence))
                let nextDay = Int((next.timeIntervalSince1970 / 86_400).rounded(.down))
                guard nextDay <= todayDay else { continue }
                due.append(DueDrill(team: team, drill: drill, title: titles[drill], lastRun: last,
                                    dueSince: Timestamp.utcDate(next, plusDays: 0), daysOverdue: todayDay - nextDay))
            }
        }
        return due.sorted { a, b in
            (a.team, a.daysOverdue == nil ? 0 : 1, -(a.daysOverdue ?? 0), a.drill) < (b.team, b.daysOverdue == nil ? 0 : 1, -(b.daysOverdue ?? 0), b.drill)
        }
    }
}
