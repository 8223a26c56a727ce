import Foundation

/// The deterministic discrete-event stepper every front end drives: replay, the live console, what-if runs.
///
/// Time is seconds on a virtual clock. At one instant team actions go first, then due injects in file order;
/// after each event the checks whose inputs changed are evaluated again.
public struct Simulator: Sendable {
    /// A moment worth showing on a timeline, emitted as the run goes.
    public enum Event: Sendable, Hashable {
        /// An inject due time: fired, skipped or undetected.
        case inject(RunReport.InjectTrace)
        /// A team action and how the system answered.
        case action(RunReport.ActionTrace)
        /// An inject's effect on the world.
        case effect(RunReport.EffectTrace)
        /// An outcome's check became true (index into the drill's outcomes).
        case outcomeMet(id: String, at: Int)
        /// A forbidden move triggered.
        case violation(id: String, at: Int)
    }

    /// The compiled drill.
    public private(set) var compiled: CompiledDrill
    /// The end of the run.
    public let end: Int
    /// The clock.
    public private(set) var now = 0
    /// What expressions see: the world and the team's records.
    public private(set) var context: EvaluationContext
    /// Events emitted so far, in order.
    public private(set) var events: [Event] = []

    private var locals: [Value]
    /// What the run knows of one inject.
    private struct InjectRun {
        var nextDue: Int?
        var dueCount = 0
        var firstFired: Int?
        var broughtForward = false
    }
    /// What the run knows of one outcome's check.
    private struct OutcomeRun {
        var value = false
        var firstTrue: Int?
        var lastBecameTrue: Int?
    }
    private var injectRuns: [InjectRun]
    private var visible: [Bool]
    private let injectSymbols: [Int32]
    private var outcomeRuns: [OutcomeRun]
    private var forbiddenAt: [Int?]
    private var dirty: Dependencies = .everything
    private var firstAck: Int?
    private var injectTraces: [RunReport.InjectTrace] = []
    private var actionTraces: [RunReport.ActionTrace] = []
    private var effectTraces: [RunReport.EffectTrace] = []
    private var defects: [RunReport.Defect] = []
    private var defectKeys = Set<String>()
    private var undetectedWithGap: [Int] = []
    private let recordEvents: Bool
    private let ackSymbol: Int32

    /// Starts a run of `compiled` that ends at `end`; `firstDue` brings injects forward; checks are evaluated at T0.
    public init(_ compiled: CompiledDrill, end: Int, firstDue: [String: Int] = [:], recordEvents: Bool = true) {
        self.end = end
        self.recordEvents = recordEvents
        ackSymbol = compiled.tables.ackSymbol
        injectSymbols = compiled.tables.injectSymbols
        self.compiled = compiled
        context = EvaluationContext(state: compiled.initialState, symbols: compiled.symbols, fired: Array(repeating: false, count: compiled.injects.count))
        locals = Array(repeating: .null, count: compiled.localCount)
        injectRuns = compiled.drill.injects.map { inject in
            let at = firstDue.isEmpty ? inject.at : firstDue[inject.id] ?? inject.at
            return InjectRun(nextDue: at <= end ? at : nil, broughtForward: firstDue[inject.id] != nil)
        }
        visible = Array(repeating: false, count: compiled.injects.count)
        outcomeRuns = Array(repeating: OutcomeRun(), count: compiled.outcomeChecks.count)
        forbiddenAt = Array(repeating: nil, count: compiled.forbiddenChecks.count)
        evaluateChecks(all: true)
    }

    /// Makes room for `count` more team actions, so that recording them does not reallocate.
    public mutating func reserve(actions count: Int) {
        actionTraces.reserveCapacity(actionTraces.count + count)
        context.reserveApplied(count)
    }

    /// The next time an inject is due, if any.
    public var nextInjectTime: Int? { injectRuns.compactMap(\.nextDue).min() }

    /// One inject still to come: its id and next due time.
    public struct Due: Sendable, Hashable {
        /// The inject's id.
        public var id: String
        /// Its next due time.
        public var at: Int
    }

    /// Every inject still due, by due time, ties in file order.
    public var upcoming: [Due] {
        injectRuns.enumerated().compactMap { i, run in run.nextDue.map { Due(id: compiled.drill.injects[i].id, at: $0) } }
            .enumerated().sorted { a, b in a.element.at != b.element.at ? a.element.at < b.element.at : a.offset < b.offset }
            .map(\.element)
    }

    /// Whether inject `id` has been due at least once (fired, skipped or undetected).
    public func hasBeenDue(_ id: String) -> Bool {
        compiled.injectIndex[id].map { injectRuns[$0].dueCount > 0 } ?? false
    }

    /// Brings inject `id` forward so that it is first due at `time`, as a log's `injected` entry does.
    ///
    /// The same as passing `firstDue` at the start, provided nothing has happened after `time` yet: so it is
    /// refused for a time before the clock, after the end, not before the inject's own `at`, or once it has been due.
    public mutating func bringForward(_ id: String, to time: Int) -> CommandOutcome {
        guard let index = compiled.injectIndex[id] else { return .rejected("no inject '\(id)' in this drill") }
        let inject = compiled.drill.injects[index]
        if injectRuns[index].dueCount > 0 { return .rejected("inject '\(id)' has already been due") }
        if injectRuns[index].broughtForward { return .rejected("inject '\(id)' has already been brought forward; an inject is brought forward at most once") }
        guard time < inject.at else {
            return .rejected("inject '\(id)' is due at \(DurationText.clock(inject.at)); bringing it forward needs an earlier time")
        }
        guard time >= now else { return .rejected("the clock is already past \(DurationText.clock(time))") }
        guard time <= end else { return .rejected("\(DurationText.clock(time)) is after the end of the run") }
        injectRuns[index].nextDue = time
        injectRuns[index].broughtForward = true
        return .applied
    }

    /// Whether inject `id` has fired where the team could see it.
    public func hasShown(_ id: String) -> Bool {
        compiled.injectIndex[id].map { visible[$0] } ?? false
    }

    /// Processes every inject due at or before `time` (after the team's actions at that instant), and moves the clock.
    public mutating func advance(to time: Int) {
        runInjects(through: min(time, end), inclusive: true)
        now = max(now, min(time, end))
    }

    /// Applies a team command at `time`: injects due strictly before it go first.
    @discardableResult
    public mutating func apply(_ command: ParsedCommand, at time: Int, by role: String?) -> CommandOutcome {
        let compiledCommand = compiled.compile(command)
        context.symbols = compiled.symbols
        context.state.cover(compiled.symbols)
        return apply(compiledCommand, line: command.text, at: time, by: role)
    }

    /// Applies a command line that could not be parsed: it is rejected with `reason` at `time`.
    public mutating func reject(line: String, reason: String, at time: Int, by role: String?) {
        runInjects(through: time, inclusive: false)
        now = max(now, time)
        record(action: RunReport.ActionTrace(at: time, by: role, command: line, outcome: .rejected(reason)))
    }

    /// Applies an already compiled team command at `time`.
    @discardableResult
    public mutating func apply(_ command: CompiledCommand, line: String, at time: Int, by role: String?) -> CommandOutcome {
        runInjects(through: time, inclusive: false)
        now = max(now, time)
        let (outcome, changed) = applyToState(command, asAttacker: false)
        if case .applied = outcome {
            context.recordApplied(command.signature)
            dirty.formUnion(changed)
            dirty.insert(.actions)
            if firstAck == nil, command.signature.first == ackSymbol { firstAck = now }
        }
        record(action: RunReport.ActionTrace(at: now, by: role, command: line, outcome: outcome))
        evaluateChecks()
        return outcome
    }

    /// Applies `command` to the state in place; returns how it went and what it changed.
    private mutating func applyToState(_ command: CompiledCommand, asAttacker: Bool) -> (CommandOutcome, Dependencies) {
        let applier = CommandApplier(symbols: context.symbols, drill: compiled.tables, packages: compiled.packages, visible: visible)
        var changed: Dependencies = []
        let outcome = applier.apply(command, asAttacker: asAttacker, state: &context.state, dirty: &changed)
        return (outcome, changed)
    }

    private mutating func record(action: RunReport.ActionTrace) {
        actionTraces.append(action)
        if recordEvents { events.append(.action(action)) }
    }

    private mutating func runInjects(through limit: Int, inclusive: Bool) {
        while true {
            var best = -1
            var bestTime = Int.max
            for (i, run) in injectRuns.enumerated() {
                if let due = run.nextDue, due < bestTime { best = i; bestTime = due }
            }
            guard best >= 0, inclusive ? bestTime <= limit : bestTime < limit else { return }
            now = max(now, bestTime)
            runInject(best, at: bestTime)
        }
    }

    private mutating func schedule(_ index: Int, after time: Int) {
        if let every = compiled.injects[index].inject.repeatEvery, time + every <= end {
            injectRuns[index].nextDue = time + every
        } else {
            injectRuns[index].nextDue = nil
        }
    }

    private mutating func condition(_ expression: CompiledExpression, where place: @autoclosure () -> String) -> Bool {
        context.now = now
        switch expression.holds(in: context, locals: &locals) {
        case .success(let v): return v
        case .failure(let error):
            defect(place(), error.message)
            return false
        }
    }

    private mutating func defect(_ place: String, _ message: String) {
        if defectKeys.insert(place + "\u{0}" + message).inserted {
            defects.append(.init(at: now, location: place, message: message))
        }
    }

    private mutating func runInject(_ index: Int, at time: Int) {
        let compiledInject = compiled.injects[index]
        let inject = compiledInject.inject
        if injectRuns[index].dueCount > 0 {
            if context.state.acknowledged.contains(injectSymbols[index])
                || compiledInject.until.map({ condition($0, where: "inject/\(inject.id)/until") }) == true {
                injectRuns[index].nextDue = nil
                return
            }
        }
        injectRuns[index].dueCount += 1
        schedule(index, after: time)
        let status: RunReport.InjectTrace.Status
        if let detection = compiledInject.detectionSymbol,
           context.state.find(.detections, detection).map({ context.state.flag(.detections, $0, F.detectionEnabled) }) != true {
            status = .undetected
            if inject.gap != nil { undetectedWithGap.append(index) }
        } else if let test = compiledInject.condition, !condition(test, where: "inject/\(inject.id)/if") {
            status = .skipped
        } else {
            status = .fired
        }
        let trace = RunReport.InjectTrace(id: inject.id, at: time, status: status)
        injectTraces.append(trace)
        if recordEvents { events.append(.inject(trace)) }
        if status == .fired {
            if inject.channel != .silent { visible[index] = true }
            if injectRuns[index].firstFired == nil { injectRuns[index].firstFired = time }
            context.fired[index] = true
            dirty.insert(.firings)
            for (effect, parsed) in zip(compiledInject.effects, inject.effects) {
                let (outcome, changed) = applyToState(effect, asAttacker: true)
                dirty.formUnion(changed)
                let trace = RunReport.EffectTrace(at: time, inject: inject.id, command: parsed.text, outcome: outcome)
                effectTraces.append(trace)
                if recordEvents { events.append(.effect(trace)) }
            }
        }
        evaluateChecks()
    }

    private mutating func evaluateChecks(all: Bool = false) {
        let changed = dirty
        dirty = []
        guard all || !changed.isEmpty else { return }
        context.now = now
        let hold = compiled.tables.outcomeHold
        for (k, check) in compiled.outcomeChecks.enumerated() {
            if !hold[k], outcomeRuns[k].firstTrue != nil { continue }
            guard all || !check.reads.isDisjoint(with: changed) else { continue }
            let value: Bool
            switch check.holds(in: context, locals: &locals) {
            case .success(let v): value = v
            case .failure(let error): defect("expect/\(compiled.drill.outcomes[k].id)/check", error.message); value = false
            }
            if value, !outcomeRuns[k].value {
                outcomeRuns[k].lastBecameTrue = now
                if outcomeRuns[k].firstTrue == nil {
                    outcomeRuns[k].firstTrue = now
                    if recordEvents { events.append(.outcomeMet(id: compiled.drill.outcomes[k].id, at: now)) }
                }
            }
            outcomeRuns[k].value = value
        }
        for (k, check) in compiled.forbiddenChecks.enumerated() where forbiddenAt[k] == nil {
            guard all || !check.reads.isDisjoint(with: changed) else { continue }
            switch check.holds(in: context, locals: &locals) {
            case .success(true):
                forbiddenAt[k] = now
                if recordEvents { events.append(.violation(id: compiled.drill.forbidden[k].id, at: now)) }
            case .success(false): break
            case .failure(let error): defect("forbid/\(compiled.drill.forbidden[k].id)/check", error.message)
            }
        }
    }

    /// The score from the drill's precomputed integer weights, or nil to take the decimal path.
    private func fastScore(_ outcomes: [RunReport.OutcomeResult]) -> Decimal? {
        let tables = compiled.tables
        guard let weights = tables.weightMicros, let penalties = tables.penaltyMicros, let late = tables.lateCreditMicros else { return nil }
        var parts: [(weight: Int, credit: Int)] = []
        parts.reserveCapacity(outcomes.count)
        for (k, outcome) in outcomes.enumerated() {
            switch outcome.status {
            case .met: parts.append((weights[k], 1_000_000))
            case .late: parts.append((weights[k], late))
            case .missed: parts.append((weights[k], 0))
            case .notApplicable: break
            }
        }
        var penalty = 0
        for (k, at) in forbiddenAt.enumerated() where at != nil { penalty += penalties[k] }
        return Scorer.integerScore(parts: parts, penalties: penalty)
    }

    /// Runs to the end and scores the run; `team` and `started` come from the log, `runDate` dates stories when `started` is absent.
    public mutating func finish(team: String?, started: String?, runDate: Date, startDate: Date? = nil, dueDates: [String]? = nil) -> RunReport {
        advance(to: end)
        now = end
        let drill = compiled.drill
        let tables = compiled.tables
        var outcomes = tables.outcomeTemplates
        for k in outcomes.indices {
            let metAt = tables.outcomeHold[k] ? (outcomeRuns[k].value ? outcomeRuns[k].lastBecameTrue : nil) : outcomeRuns[k].firstTrue
            let (within, after) = tables.outcomeDeadlines[k]
            var deadline = within
            var applicable = true
            if let after {
                if let fired = injectRuns[after].firstFired, let within { deadline = fired + within } else { deadline = nil; applicable = false }
            }
            let status: RunReport.Status
            if !applicable { status = .notApplicable }
            else if let metAt { status = deadline.map { metAt <= $0 ? .met : .late } ?? .met }
            else { status = .missed }
            outcomes[k].status = status
            outcomes[k].deadline = deadline
            outcomes[k].metAt = metAt
            outcomes[k].credit = switch status {
            case .met: 1
            case .late: drill.scoring.lateCredit
            default: 0
            }
        }
        var violations: [RunReport.Violation] = []
        for (k, at) in forbiddenAt.enumerated() {
            if let at {
                var violation = tables.violationTemplates[k]
                violation.at = at
                violations.append(violation)
            }
        }
        let score = fastScore(outcomes) ?? Scorer.score(outcomes: outcomes, violations: violations)
        let passed = score >= drill.scoring.passScore
            && outcomes.allSatisfy { !$0.critical || $0.status == .met || $0.status == .notApplicable }
        // Per phase: how many applicable outcomes, whether all were met or late, and the latest met time.
        var counts = [0, 0, 0, 0, 0], allMet = [true, true, true, true, true], latest = [Int?](repeating: nil, count: 5)
        for outcome in outcomes where outcome.status != .notApplicable {
            let p = Phase.allCases.firstIndex(of: outcome.phase)!
            counts[p] += 1
            if outcome.status == .missed { allMet[p] = false }
            if let metAt = outcome.metAt { latest[p] = max(latest[p] ?? metAt, metAt) }
        }
        var phases: [Phase: Int] = [:]
        for (p, phase) in Phase.allCases.enumerated() where counts[p] > 0 && allMet[p] {
            phases[phase] = latest[p]
        }
        let metrics = RunReport.Metrics(
            timeToAcknowledge: firstAck, timeToPhase: phases,
            responseLimit: drill.severity.responseLimit, responseMet: firstAck.map { $0 <= drill.severity.responseLimit } ?? false,
            resolutionLimit: drill.severity.resolutionLimit,
            resolutionMet: phases[.recover].map { $0 <= drill.severity.resolutionLimit } ?? false)
        let baseDate = startDate ?? started.flatMap(Timestamp.parse) ?? runDate
        var undetected = Array(repeating: false, count: drill.injects.count)
        for index in undetectedWithGap { undetected[index] = true }
        let stories = compiled.tables.stories.make(statuses: outcomes.map(\.status), triggered: forbiddenAt.map { $0 != nil },
                                                   undetected: undetected, baseDate: baseDate, dueDates: startDate == nil ? nil : dueDates)
        let findings = context.state.findings.map { context.symbols[$0] }
        return RunReport(drill: drill.id, title: drill.title, severity: drill.severity, team: team, started: started, end: end,
                         score: score, passed: passed, outcomes: outcomes, violations: violations, metrics: metrics,
                         injects: injectTraces, actions: actionTraces, effects: effectTraces, findings: findings,
                         stories: stories, defects: defects)
    }
}
