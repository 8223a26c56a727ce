import Foundation
import GameDayEngine

/// How long one bad state lasted during a run: an exposure the drill declares (spec 3.4), or, for a drill that
/// declares none, a window read from the world's state over the run — a workload serving a malicious image, an
/// exposed credential still usable, a compromised runner pool still enabled, a compromised key still active.
public struct ExposureWindow: Sendable, Hashable {
    /// The exposure's id, or `workload/NAME`, `credential/NAME`, ... for a derived window.
    public var id: String
    /// What was exposed, in words (untrusted names inside).
    public var title: String
    /// The exposed intervals, `[from, to]` in time order, none of zero length.
    public var intervals: [[Int]]
    /// Total seconds exposed during the run (from T0: what came before the drill is not counted).
    public var seconds: Int
    /// Whether the state was already bad when the drill began (the first interval is shown from T0).
    public var beforeT0: Bool
    /// Whether it was still exposed when the run ended.
    public var atEnd: Bool
    /// The drill's budget for a declared exposure.
    public var budget: Int?
    /// The points it cost, for a declared exposure.
    public var penalty: Decimal?
    /// Whether the drill declares it (else it was read from the world).
    public var declared: Bool { budget != nil }

    /// The windows of `record`: its drill's exposures when it declares some, else the windows derived from the
    /// world's state, by replaying its log through the engine and reading the state after every instant.
    static func of(_ record: RunRecord) -> [ExposureWindow] {
        if !record.drill.exposures.isEmpty { return declared(record) }
        guard let log = record.log else { return [] }
        return derived(drill: record.drill, log: log, end: record.report.end)
    }

    private static func declared(_ record: RunRecord) -> [ExposureWindow] {
        // An exposure true when the checks were first evaluated, before any event, was bad before T0.
        var beforeT0 = Set<String>()
        for event in record.events {
            guard case .exposure(let id, let at, true) = event, at == 0 else { break }
            beforeT0.insert(id)
        }
        return record.report.exposures.map { e in
            ExposureWindow(id: e.id, title: e.title, intervals: e.intervals, seconds: e.seconds,
                           beforeT0: beforeT0.contains(e.id) && e.intervals.first?.first == 0,
                           atEnd: e.intervals.last?.last == record.report.end && e.seconds > 0,
                           budget: e.budget, penalty: e.penalty)
        }
    }

    /// One kind of bad state the world can be in, for one entity.
    private struct Subject: Hashable {
        var kind: Int
        var name: String
    }

    private struct Open {
        var since: Int
        var beforeT0: Bool
        var details: [String]
    }

    private struct Closed {
        var intervals: [[Int]] = []
        var beforeT0 = false
        var details: [String] = []
        var first = Int.max
    }

    private static let kinds = ["workload", "credential", "runner pool", "key"]

    /// The bad states of `world` right now, with a detail (the image a workload runs).
    private static func badStates(_ world: WorldReader) -> [Subject: String?] {
        var bad: [Subject: String?] = [:]
        for w in world.entities(.workloads) where (world.integer(.workloads, w, "replicas") ?? 1) > 0 {
            guard let image = world.text(.workloads, w, "image"), let i = world.find(.images, image), world.flag(.images, i, "malicious") else { continue }
            bad[Subject(kind: 0, name: world.name(.workloads, w))] = image
        }
        for c in world.entities(.credentials) where world.flag(.credentials, c, "exposed") && world.text(.credentials, c, "state") == "active" {
            bad[Subject(kind: 1, name: world.name(.credentials, c))] = .some(nil)
        }
        for p in world.entities(.runnerPools) where world.flag(.runnerPools, p, "compromised") && world.flag(.runnerPools, p, "enabled") {
            bad[Subject(kind: 2, name: world.name(.runnerPools, p))] = .some(nil)
        }
        for k in world.entities(.keys) where world.flag(.keys, k, "compromised") && world.text(.keys, k, "state") == "active" {
            bad[Subject(kind: 3, name: world.name(.keys, k))] = .some(nil)
        }
        return bad
    }

    /// The windows read from the world's state over a replay of `log`.
    static func derived(drill: Drill, log: ResponseLog, end: Int) -> [ExposureWindow] {
        var open: [Subject: Open] = [:]
        var closed: [Subject: Closed] = [:]
        var initial = true
        func close(_ subject: Subject, _ window: Open, at t: Int) {
            var c = closed[subject] ?? Closed()
            if t > window.since {
                c.intervals.append([window.since, t])
                if c.intervals.count == 1 { c.beforeT0 = window.beforeT0 }
                c.first = min(c.first, window.since)
            }
            for d in window.details where !c.details.contains(d) { c.details.append(d) }
            closed[subject] = c
        }
        _ = Replay(CompiledDrill(drill), log: log).observe { t, simulator in
            let bad = badStates(WorldReader(state: simulator.context.state, symbols: simulator.context.symbols))
            for (subject, window) in open where bad[subject] == nil {
                close(subject, window, at: t)
                open[subject] = nil
            }
            for (subject, detail) in bad {
                if open[subject] == nil { open[subject] = Open(since: t, beforeT0: initial, details: []) }
                if let detail = detail ?? nil, !open[subject]!.details.contains(detail) { open[subject]!.details.append(detail) }
            }
            initial = false
        }
        var stillOpen = Set<Subject>()
        for (subject, window) in open {
            close(subject, window, at: end)
            if end > window.since { stillOpen.insert(subject) }
        }
        let subjects = closed.filter { !$0.value.intervals.isEmpty }
            .sorted { a, b in (a.value.first, a.key.kind, a.key.name) < (b.value.first, b.key.kind, b.key.name) }
        return subjects.map { subject, c in
            let name = subject.name
            let title: String
            switch subject.kind {
            case 0:
                let images = c.details.isEmpty ? "" : " (\(c.details.joined(separator: ", ")))"
                title = "workload \(name) served \(c.details.count > 1 ? "malicious images" : "a malicious image")\(images)"
            case 1: title = "credential \(name) was exposed and still usable"
            case 2: title = "runner pool \(name) was compromised and still enabled"
            default: title = "key \(name) was compromised and still active"
            }
            return ExposureWindow(id: "\(kinds[subject.kind].replacingOccurrences(of: " ", with: "-"))/\(name)", title: title,
                                  intervals: c.intervals, seconds: c.intervals.reduce(0) { $0 + $1[1] - $1[0] },
                                  beforeT0: c.beforeT0, atEnd: stillOpen.contains(subject), budget: nil, penalty: nil)
        }
    }

    /// `from before T0 until T+20:01`, `from 14:20:00 until the end of the run`, one phrase per interval.
    func span(_ clock: ReportClock, end: Int) -> String {
        intervals.enumerated().map { i, pair in
            let from = i == 0 && beforeT0 ? "from before T0" : "from \(clock.label(pair[0]))"
            let to = i == intervals.count - 1 && atEnd ? "until the end of the run (\(clock.label(end)))" : "until \(clock.label(pair[1]))"
            return "\(from) \(to)"
        }.joined(separator: ", then ")
    }
}
