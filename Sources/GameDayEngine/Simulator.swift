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
    private var nextDue: [Int?]
    private var dueCount: [Int]
    private var broughtForward: [Bool]
    private var firstFired: [Int?]
    private var visible: [Bool]
    private let injectSymbols: [Int32]
    private var outcomeValue: [Bool]
    private var outcomeFirstTrue: [Int?]
    private var outcomeLastBecameTrue: [Int?]
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
        ackSymbol = compiled.ackSymbol
        injectSymbols = compiled.injectSymbols
        self.compiled = compiled
        context = EvaluationContext(state: compiled.initialState, symbols: compiled.symbols, fired: Array(repeating: false, count: compiled.injects.count))
        locals = Array(repeating: .null, count: compiled.localCount)
        nextDue = compiled.drill.injects.map { inject in
            let at = firstDue[inject.id] ?? inject.at
            return at <= end ? at : nil
        }
        dueCount = Array(repeating: 0, count: compiled.injects.count)
        broughtForward = compiled.drill.injects.map { firstDue[$0.id] != nil }
        firstFired = Array(repeating: nil, count: compiled.injects.count)
        visible = Array(repeating: false, count: compiled.injects.count)
        outcomeValue = Array(repeating: false, count: compiled.outcomeChecks.count)
        outcomeFirstTrue = Array(repeating: nil, count: compiled.outcomeChecks.count)
        outcomeLastBecameTrue = Array(repeating: nil, count: compiled.outcomeChecks.count)
        forbiddenAt = Array(repeating: nil, count: compiled.forbiddenChecks.count)
        evaluateChecks(all: true)
    }

    /// The next time an inject is due, if any.
    public var nextInjectTime: Int? { nextDue.compactMap { $0 }.min() }

    /// One inject still to come: its id and next due time.
    public struct Due: Sendable, Hashable {
        /// The inject's id.
        public var id: String
        /// Its next due time.
        public var at: Int
    }

    /// Every inject still due, by due time, ties in file order.
    public var upcoming: [Due] {
        nextDue.enumerated().compactMap { i, at in at.map { Due(id: compiled.drill.injects[i].id, at: $0) } }
            .enumerated().sorted { a, b in a.element.at != b.element.at ? a.element.at < b.element.at : a.offset < b.offset }
            .map(\.element)
    }

    /// Whether inject `id` has been due at least once (fired, skipped or undetected).
    public func hasBeenDue(_ id: String) -> Bool {
        compiled.injectIndex[id].map { dueCount[$0] > 0 } ?? false
    }

    /// Brings inject `id` forward so that it is first due at `time`, as a log's `injected` entry does.
    ///
    /// The same as passing `firstDue` at the start, provided nothing has happened after `time` yet: so it is
    /// refused for a time before the clock, after the end, not before the inject's own `at`, or once it has been due.
    public mutating func bringForward(_ id: String, to time: Int) -> CommandOutcome {
        guard let index = compiled.injectIndex[id] else { return .rejected("no inject '\(id)' in this drill") }
        let inject = compiled.drill.injects[index]
        if dueCount[index] > 0 { return .rejected("inject '\(id)' has already been due") }
        if broughtForward[index] { return .rejected("inject '\(id)' has already been brought forward; an inject is brought forward at most once") }
        guard time < inject.at else {
            return .rejected("inject '\(id)' is due at \(DurationText.clock(inject.at)); bringing it forward needs an earlier time")
        }
        guard time >= now else { return .rejected("the clock is already past \(DurationText.clock(time))") }
        guard time <= end else { return .rejected("\(DurationText.clock(time)) is after the end of the run") }
        nextDue[index] = time
        broughtForward[index] = true
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
            context.applied.append(command.signature)
            dirty.formUnion(changed)
            dirty.insert(.actions)
            if firstAck == nil, command.signature.first == ackSymbol { firstAck = now }
        }
        record(action: RunReport.ActionTrace(at: now, by: role, command: line, outcome: outcome))
        evaluateChecks()
        return outcome
    }

    /// Applies `command` with the state moved into the applier (so that it is mutated in place, not copied), and moves it back.
    private mutating func applyToState(_ command: CompiledCommand, asAttacker: Bool) -> (CommandOutcome, Dependencies) {
        var applier = CommandApplier(state: context.state, symbols: context.symbols, drill: compiled, packages: compiled.packages, visible: visible)
        context.state = WorldState.placeholder
        let outcome = applier.apply(command, asAttacker: asAttacker)
        // A rejected command is refused before it changes anything, so the applier's state is the right one either way.
        context.state = applier.state
        if case .applied = outcome { return (outcome, applier.dirty) }
        return (outcome, [])
    }

    private mutating func record(action: RunReport.ActionTrace) {
        actionTraces.append(action)
        if recordEvents { events.append(.action(action)) }
    }

    private mutating func runInjects(through limit: Int, inclusive: Bool) {
        while true {
            var best = -1
            var bestTime = Int.max
            for (i, due) in nextDue.enumerated() {
                if let due, due < bestTime { best = i; bestTime = due }
            }
            guard best >= 0, inclusive ? bestTime <= limit : bestTime < limit else { return }
            now = max(now, bestTime)
            runInject(best, at: bestTime)
        }
    }

    private mutating func schedule(_ index: Int, after time: Int) {
        if let every = compiled.injects[index].inject.repeatEvery, time + every <= end {
            nextDue[index] = time + every
        } else {
            nextDue[index] = nil
        }
    }

    private mutating func condition(_ expression: CompiledExpression, where place: String) -> Bool {
        context.now = now
        switch expression.holds(in: context, locals: &locals) {
        case .success(let v): return v
        case .failure(let error):
            defect(place, error.message)
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
        if dueCount[index] > 0 {
            if context.state.acknowledged.contains(injectSymbols[index])
                || compiledInject.until.map({ condition($0, where: "inject/\(inject.id)/until") }) == true {
                nextDue[index] = nil
                return
            }
        }
        dueCount[index] += 1
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
            if firstFired[index] == nil { firstFired[index] = time }
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
        for (k, check) in compiled.outcomeChecks.enumerated() {
            let outcome = compiled.drill.outcomes[k]
            if !outcome.hold, outcomeFirstTrue[k] != nil { continue }
            guard all || !check.reads.isDisjoint(with: changed) else { continue }
            let value: Bool
            switch check.holds(in: context, locals: &locals) {
            case .success(let v): value = v
            case .failure(let error): defect("expect/\(outcome.id)/check", error.message); value = false
            }
            if value, !outcomeValue[k] {
                outcomeLastBecameTrue[k] = now
                if outcomeFirstTrue[k] == nil {
                    outcomeFirstTrue[k] = now
                    if recordEvents { events.append(.outcomeMet(id: outcome.id, at: now)) }
                }
            }
            outcomeValue[k] = value
        }
        for (k, check) in compiled.forbiddenChecks.enumerated() where forbiddenAt[k] == nil {
            guard all || !check.reads.isDisjoint(with: changed) else { continue }
            let move = compiled.drill.forbidden[k]
            switch check.holds(in: context, locals: &locals) {
            case .success(true):
                forbiddenAt[k] = now
                if recordEvents { events.append(.violation(id: move.id, at: now)) }
            case .success(false): break
            case .failure(let error): defect("forbid/\(move.id)/check", error.message)
            }
        }
    }

    /// Runs to the end and scores the run; `team` and `started` come from the log, `runDate` dates stories when `started` is absent.
    public mutating func finish(team: String?, started: String?, runDate: Date, startDate: Date? = nil) -> RunReport {
        advance(to: end)
        now = end
        let drill = compiled.drill
        var outcomes: [RunReport.OutcomeResult] = []
        for (k, outcome) in drill.outcomes.enumerated() {
            let metAt = outcome.hold ? (outcomeValue[k] ? outcomeLastBecameTrue[k] : nil) : outcomeFirstTrue[k]
            var deadline = outcome.within
            var applicable = true
            if let after = outcome.after, let index = compiled.injectIndex[after] {
                if let fired = firstFired[index], let within = outcome.within { deadline = fired + within } else { deadline = nil; applicable = false }
            }
            let status: RunReport.Status
            if !applicable { status = .notApplicable }
            else if let metAt { status = deadline.map { metAt <= $0 ? .met : .late } ?? .met }
            else { status = .missed }
            let credit: Decimal = switch status {
            case .met: 1
            case .late: drill.scoring.lateCredit
            default: 0
            }
            outcomes.append(.init(id: outcome.id, title: outcome.title, phase: outcome.phase, status: status, deadline: deadline,
                                  metAt: metAt, weight: outcome.weight, credit: credit, critical: outcome.critical))
        }
        var violations: [RunReport.Violation] = []
        for (k, move) in drill.forbidden.enumerated() {
            if let at = forbiddenAt[k] { violations.append(.init(id: move.id, title: move.title, at: at, penalty: move.penalty)) }
        }
        let score = Scorer.score(outcomes: outcomes, violations: violations)
        let passed = score >= drill.scoring.passScore
            && outcomes.allSatisfy { !$0.critical || $0.status == .met || $0.status == .notApplicable }
        var phases: [Phase: Int] = [:]
        for phase in Phase.allCases {
            let relevant = outcomes.filter { $0.phase == phase && $0.status != .notApplicable }
            if !relevant.isEmpty, relevant.allSatisfy({ $0.status == .met || $0.status == .late }) {
                phases[phase] = relevant.compactMap(\.metAt).max()
            }
        }
        let metrics = RunReport.Metrics(
            timeToAcknowledge: firstAck, timeToPhase: phases,
            responseLimit: drill.severity.responseLimit, responseMet: firstAck.map { $0 <= drill.severity.responseLimit } ?? false,
            resolutionLimit: drill.severity.resolutionLimit,
            resolutionMet: phases[.recover].map { $0 <= drill.severity.resolutionLimit } ?? false)
        let baseDate = startDate ?? started.flatMap(Timestamp.parse) ?? runDate
        let stories = GapStories.make(drill: drill, outcomes: outcomes, violations: violations,
                                      undetected: undetectedWithGap.map { drill.injects[$0] }, baseDate: baseDate)
        let findings = context.state.findings.map { context.symbols[$0] }
        return RunReport(drill: drill.id, title: drill.title, severity: drill.severity, team: team, started: started, end: end,
                         score: score, passed: passed, outcomes: outcomes, violations: violations, metrics: metrics,
                         injects: injectTraces, actions: actionTraces, effects: effectTraces, findings: findings,
                         stories: stories, defects: defects)
    }
}
