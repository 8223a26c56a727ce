import Foundation

/// A finished what-if run: its settings and its counts, as the `gameday.whatif/v1` object and as text.
public struct WhatIfReport: Sendable {
    /// The what-if run.
    public let whatIf: WhatIf
    /// The counts.
    public let aggregate: WhatIfAggregate
    /// The seed as the user wrote it (a negative seed is its two's complement bit pattern in the generator).
    public let seedText: String
    /// Where the step times of `whatIf.history` come from, when they do.
    public let historySource: HistorySource?

    /// The team history behind a what-if run's step times (`--from-history`).
    public struct HistorySource: Sendable, Hashable {
        /// The team.
        public var team: String
        /// How many of its recorded runs of the drill were read.
        public var runs: Int
        /// The fewest delays a step needs to take its time from them.
        public var minimumObservations: Int

        /// A source.
        public init(team: String, runs: Int, minimumObservations: Int) {
            self.team = team
            self.runs = runs
            self.minimumObservations = minimumObservations
        }
    }

    /// A report of `aggregate`.
    public init(whatIf: WhatIf, aggregate: WhatIfAggregate, seedText: String? = nil, historySource: HistorySource? = nil) {
        self.whatIf = whatIf
        self.aggregate = aggregate
        self.seedText = seedText ?? String(whatIf.seed)
        self.historySource = historySource
    }

    /// The metric names of drill-format.md 7.8, in report order.
    public static let metricNames = ["time_to_acknowledge", "time_to_detect", "time_to_contain", "time_to_eradicate",
                                     "time_to_recover", "time_to_learn"]

    static func tenths(_ value: Int?) -> JSONValue {
        guard let value else { return .null }
        return .number("\(value / 10).\(value % 10)")
    }

    /// One step's influence, as the project documents it: the share of passing runs in its slowest quarter of draws
    /// less that in its fastest quarter (negative: a slow step costs passes), and the mean time to contain in the
    /// slowest quarter less that in the fastest, in seconds.
    public struct Influence: Sendable, Hashable {
        /// P(pass | slowest quarter) − P(pass | fastest quarter), nil without runs in a quarter.
        public var pass: Double?
        /// Mean time to contain (slowest quarter) − (fastest quarter), in seconds, nil without such runs.
        public var contain: Double?
    }

    /// Step `k`'s influence.
    public func influence(_ k: Int) -> Influence {
        let fast = aggregate.fast[k], slow = aggregate.slow[k]
        let pass: Double? = fast.runs > 0 && slow.runs > 0 ? Double(slow.passed) / Double(slow.runs) - Double(fast.passed) / Double(fast.runs) : nil
        let contain: Double? = fast.containRuns > 0 && slow.containRuns > 0
            ? Double(slow.containSum) / Double(slow.containRuns) - Double(fast.containSum) / Double(fast.containRuns) : nil
        return Influence(pass: pass, contain: contain)
    }

    /// The steps whose time matters most for passing: by the size of their pass influence, then play order.
    public func mostInfluential(_ count: Int) -> [Int] {
        let ranked = aggregate.stepReached.indices.compactMap { k -> (Int, Double)? in
            guard let pass = influence(k).pass, abs(pass) >= 0.0005 else { return nil }
            return (k, abs(pass))
        }
        return ranked.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0)
    }

    /// Every step with its runbook, flat, in the order of the aggregate's step arrays.
    public var steps: [(runbook: Runbook, step: RunbookStep)] {
        whatIf.plan.runbooks.flatMap { runbook in runbook.steps.map { (runbook, $0) } }
    }

    private static func fraction(_ value: Double?) -> JSONValue {
        guard let value else { return .null }
        return .number(String(format: "%.4f", value == 0 ? 0 : value))
    }

    /// The `gameday.whatif/v1` object.
    public var json: JSONValue {
        let drill = whatIf.plan.compiled.drill
        let a = aggregate
        let counts = a.outcomes
        let outcomes: [JSONValue] = drill.outcomes.enumerated().map { k, outcome in
            .object([("id", .string(outcome.id)), ("met", .int(counts[k][0])), ("late", .int(counts[k][1])),
                     ("missed", .int(counts[k][2])), ("na", .int(counts[k][3]))])
        }
        let violations: [JSONValue] = drill.forbidden.enumerated().map { k, move in
            .object([("id", .string(move.id)), ("triggered", .int(a.violations[k]))])
        }
        let metrics: [(String, JSONValue)] = Self.metricNames.enumerated().map { m, name in
            let h = a.metrics[m]
            return (name, .object([("runs", .int(Int(h.count))), ("p50", .int(h.percentile(50))), ("p90", .int(h.percentile(90))),
                                   ("p95", .int(h.percentile(95)))]))
        }
        let exposures: [JSONValue] = drill.exposures.enumerated().map { k, exposure in
            let h = a.exposureSeconds[k]
            return .object([("id", .string(exposure.id)), ("budget", .int(exposure.budget)), ("over_budget", .int(a.exposureOverBudget[k])),
                            ("p50", .int(h.percentile(50))), ("p90", .int(h.percentile(90))), ("p95", .int(h.percentile(95)))])
        }
        let steps: [JSONValue] = steps.enumerated().map { k, entry in
            let drawn = a.stepDrawn[k]
            func capped(_ p: Int) -> JSONValue {
                guard let v = drawn.percentile(p) else { return .null }
                return v > a.end ? .null : .int(v)
            }
            let influence = influence(k)
            var fields: [(String, JSONValue)] = [
                ("runbook", .string(entry.runbook.file)), ("section", .string(entry.step.section.rawValue)),
                ("text", .string(entry.step.text)), ("by", .string(entry.step.by)),
                ("median", .int(Int(whatIf.times.medians[k].rounded()))),
                ("drawn", .object([("p5", capped(5)), ("p50", capped(50)), ("p95", capped(95))])),
                ("reached", .int(a.stepReached[k])),
                ("influence", .object([("pass", Self.fraction(influence.pass)),
                                       ("time_to_contain", influence.contain.map { JSONValue.int(Int($0.rounded())) } ?? .null)])),
            ]
            if !whatIf.history.isEmpty {
                fields.append(("history", whatIf.estimate(k).map { e in
                    .object([("observations", .int(e.delays.count)), ("median", .number(Self.seconds(e.median))),
                             ("sigma", Self.fraction(whatIf.times.sigmas[k])), ("runbook_median", .int(Int(entry.step.duration.median.rounded())))])
                } ?? .null))
            }
            return .object(fields)
        }
        var fromHistory: [(String, JSONValue)] = []
        if let source = historySource {
            fromHistory = [("from_history", .object([("team", .string(source.team)), ("runs", .int(source.runs)),
                                                     ("min_observations", .int(source.minimumObservations)),
                                                     ("steps", .int(whatIf.history.compactMap { $0 }.count))]))]
        }
        return .object([
            ("format", .string("gameday.whatif/v1")), ("drill", .string(drill.id)), ("runs", .int(a.runs)),
            ("seed", .number(seedText)), ("sigma", .number(String(whatIf.sigma))), ("passed", .int(a.passed)),
            ("outcomes", .array(outcomes)), ("violations", .array(violations)),
            ("score", .object([("mean", Self.tenths(a.meanTenths)), ("p5", Self.tenths(a.scores.percentile(5))),
                               ("p50", Self.tenths(a.scores.percentile(50))), ("p95", Self.tenths(a.scores.percentile(95)))])),
            ("metrics", .object(metrics)),
            ("sla", .object([("response", .int(a.responseMet)), ("resolution", .int(a.resolutionMet))])),
            ("exposures", .array(exposures)),
            ("steps", .array(steps)),
        ] + fromHistory)
    }

    /// A median in seconds: whole, or with one decimal (the mean of two middle delays).
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// Step `k`'s time as the summaries show it: as the runbook writes it, or the median measured in the history.
    public func timeText(_ k: Int) -> String {
        guard let estimate = whatIf.estimate(k) else { return steps[k].step.duration.text }
        return "\(DurationText.format(Int(estimate.median.rounded()))) (history)"
    }
}
