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
        /// An exposure's check became true (`exposed`) or false again (v1.1).
        case exposure(id: String, at: Int, exposed: Bool)
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
    /// The drill's checks as one program (a copy of the compiled drill's, held here so that evaluating one retains nothing).
    private let checks: CheckProgram
    /// Per outcome, whether it is a `hold` outcome (evaluated after it was first met).
    private let outcomeHold: [Bool]
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
    /// Per inject, the first time it fired where the team could see it.
    private var shownAt: [Int?]
    private let injectSymbols: [Int32]
    private var outcomeRuns: [OutcomeRun]
    private var forbiddenAt: [Int?]
    /// What the run knows of one exposure: whether its check holds now, since when, and the intervals closed so far.
    private struct ExposureRun {
        var value = false
        var since = 0
        var intervals: [[Int]] = []
        var seconds = 0

        mutating func close(at time: Int) {
            if time > since {
                intervals.append([since, time])
                seconds += time - since
            }
        }
    }
    private var exposureRuns: [ExposureRun]
    private var dirty: Dependencies = .everything
    /// With at most 64 checks, a bit per check settled for the run (see `isSettled`).
    private var settled: UInt64 = 0
    private var firstAck: Int?
    private var injectTraces: [RunReport.InjectTrace] = []
    private var actionTraces: [RunReport.ActionTrace] = []
    private var effectTraces: [RunReport.EffectTrace] = []
    private var defects: [RunReport.Defect] = []
    private var defectKeys = Set<String>()
    private var undetectedWithGap: [Int] = []
    private let recordEvents: Bool
    private let recordTraces: Bool
    private let ackSymbol: Int32
    /// What answers commands: built once, again only when the symbol table grows.
    private var applier: CommandApplier
    /// Whether a command compiled during the run grew the symbol table (`apply(_: ParsedCommand, ...)`).
    private var recompiled = false

    /// Starts a run of `compiled` that ends at `end`; `firstDue` brings injects forward; checks are evaluated at T0.
    /// `recordEvents` keeps the timeline's events; `recordTraces: false` (what-if runs, which only `score`) also skips
    /// the report's inject, action and effect traces.
    public init(_ compiled: CompiledDrill, end: Int, firstDue: [String: Int] = [:], recordEvents: Bool = true, recordTraces: Bool = true) {
        self.end = end
        self.recordEvents = recordEvents && recordTraces
        self.recordTraces = recordTraces
        ackSymbol = compiled.tables.ackSymbol
        injectSymbols = compiled.tables.injectSymbols
        self.compiled = compiled
        context = EvaluationContext(state: compiled.initialState, symbols: compiled.symbols, fired: Array(repeating: false, count: compiled.injects.count))
        locals = Array(repeating: .null, count: compiled.localCount)
        checks = compiled.body.checks
        outcomeHold = compiled.tables.outcomeHold
        injectRuns = compiled.drill.injects.map { inject in
            let at = firstDue.isEmpty ? inject.at : firstDue[inject.id] ?? inject.at
            return InjectRun(nextDue: at <= end ? at : nil, broughtForward: firstDue[inject.id] != nil)
        }
        visible = Array(repeating: false, count: compiled.injects.count)
        shownAt = Array(repeating: nil, count: compiled.injects.count)
        outcomeRuns = Array(repeating: OutcomeRun(), count: compiled.outcomeChecks.count)
        forbiddenAt = Array(repeating: nil, count: compiled.forbiddenChecks.count)
        exposureRuns = Array(repeating: ExposureRun(), count: compiled.exposureChecks.count)
        applier = CommandApplier(symbols: compiled.symbols, drill: compiled.tables, packages: compiled.packages)
        evaluateChecks(all: true)
    }

    /// Becomes `start` again — the run `start` is, at its clock — reusing this run's storage, so that thousands of
    /// runs from one start allocate nothing for it (what-if runs). `start` must be the run this one was copied from,
    /// or restarted from: the same drill, end and recording choices.
    public mutating func restart(from start: Simulator) {
        precondition(end == start.end && recordEvents == start.recordEvents && recordTraces == start.recordTraces,
                     "restart(from:) needs the run this one was copied from")
        if recompiled || start.recompiled {
            compiled = start.compiled
            applier = start.applier
        }
        context.restore(to: start.context, symbolsChanged: recompiled || start.recompiled)
        recompiled = start.recompiled
        now = start.now
        refill(&events, start.events)
        refill(&locals, start.locals)
        refill(&injectRuns, start.injectRuns)
        refill(&visible, start.visible)
        refill(&shownAt, start.shownAt)
        refill(&outcomeRuns, start.outcomeRuns)
        refill(&forbiddenAt, start.forbiddenAt)
        if exposureRuns.count != start.exposureRuns.count { exposureRuns = start.exposureRuns }
        for k in exposureRuns.indices {
            exposureRuns[k].value = start.exposureRuns[k].value
            exposureRuns[k].since = start.exposureRuns[k].since
            exposureRuns[k].seconds = start.exposureRuns[k].seconds
            refill(&exposureRuns[k].intervals, start.exposureRuns[k].intervals)
        }
        dirty = start.dirty
        settled = start.settled
        firstAck = start.firstAck
        refill(&injectTraces, start.injectTraces)
        refill(&actionTraces, start.actionTraces)
        refill(&effectTraces, start.effectTraces)
        refill(&defects, start.defects)
        if defectKeys != start.defectKeys { defectKeys = start.defectKeys }
        refill(&undetectedWithGap, start.undetectedWithGap)
    }

    /// Makes room for `count` more team actions, so that recording them does not reallocate.
    public mutating func reserve(actions count: Int) {
        actionTraces.reserveCapacity(actionTraces.count + count)
        context.reserveApplied(count)
    }

    /// The next time an inject is due, if any.
    public var nextInjectTime: Int? { Self.earliestDue(injectRuns) }

    /// The same as `nextInjectTime`, for a caller that holds the simulator `inout` (a runbook player, after every
    /// event of every what-if run): `mutating` only so that the simulator is passed by reference, not copied.
    public mutating func nextInjectDue() -> Int? { Self.earliestDue(injectRuns) }

    /// The earliest next due time of `runs`, nil when none is due again.
    private static func earliestDue(_ runs: [InjectRun]) -> Int? {
        var best: Int?
        for run in runs { if let due = run.nextDue, due < (best ?? Int.max) { best = due } }
        return best
    }

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

    /// Whether inject `id`, already due before, stops at its next due time as things stand now: it was acknowledged, or
    /// its `until` holds. Such an inject is still in `upcoming`, but it will not come.
    public func stopsAtNextDue(_ id: String) -> Bool {
        guard let index = compiled.injectIndex[id], injectRuns[index].dueCount > 0, injectRuns[index].nextDue != nil else { return false }
        if context.state.acknowledged.contains(injectSymbols[index]) { return true }
        guard let until = compiled.injects[index].until else { return false }
        var scratch = self
        return scratch.condition(until, where: "inject/\(id)/until")
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

    /// The position of inject `id` in the drill's file order.
    public func injectPosition(_ id: String) -> Int? { compiled.injectIndex[id] }

    /// The first time inject number `index` (file order) fired where the team could see it, or nil.
    @inline(__always) public func firstShown(_ index: Int) -> Int? { shownAt[index] }

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
        if compiled.symbols.count != context.symbols.count {
            recompiled = true
            applier = CommandApplier(symbols: compiled.symbols, drill: compiled.tables, packages: compiled.packages)
        }
        context.symbols = compiled.symbols
        context.state.cover(compiled.symbols)
        return apply(compiledCommand, line: command.text, at: time, by: role)
    }

    /// Applies a command line that could not be parsed: it is rejected with `reason` at `time`.
    public mutating func reject(line: String, reason: String, at time: Int, by role: String?) {
        runInjects(through: time, inclusive: false)
        now = max(now, time)
        if recordTraces { record(action: RunReport.ActionTrace(at: time, by: role, command: line, outcome: .rejected(reason))) }
    }

    /// Applies an already compiled team command at `time`.
    @discardableResult
    public mutating func apply(_ command: CompiledCommand, line: String, at time: Int, by role: String?) -> CommandOutcome {
        apply(command, line: line, at: time, by: role, roleSymbol: role.flatMap { context.symbols.lookup($0) } ?? -1)
    }

    /// The symbol of `text` in this run's table, or -1: a role looked up once for many `apply` calls.
    public func symbol(of text: String) -> Int32 { context.symbols.lookup(text) ?? -1 }

    /// Applies an already compiled team command at `time` by `role`, whose symbol (`symbol(of:)`) is `roleSymbol`.
    /// `line` and `role` are read only for the report's traces: a what-if run, which keeps none, never reads them.
    @discardableResult
    public mutating func apply(_ command: CompiledCommand, line: @autoclosure () -> String, at time: Int, by role: @autoclosure () -> String?,
                               roleSymbol: Int32) -> CommandOutcome {
        runInjects(through: time, inclusive: false)
        now = max(now, time)
        let (outcome, changed) = applyToState(command, asAttacker: false)
        if case .applied = outcome {
            context.recordApplied(AppliedAction(signature: command.signature, by: roleSymbol))
            dirty.formUnion(changed)
            dirty.insert(.actions)
            dirty.insert(.verb(command.signature[0]))
            if firstAck == nil, command.signature.first == ackSymbol { firstAck = now }
        }
        if recordTraces { record(action: RunReport.ActionTrace(at: now, by: role(), command: line(), outcome: outcome)) }
        evaluateChecks()
        return outcome
    }

    /// Applies `command` to the state in place; returns how it went and what it changed.
    private mutating func applyToState(_ command: CompiledCommand, asAttacker: Bool) -> (CommandOutcome, Dependencies) {
        var changed: Dependencies = []
        let outcome = applier.apply(command, asAttacker: asAttacker, visible: visible, state: &context.state, dirty: &changed)
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
        // `context` read and `locals` written are two stored properties of `self`: no overlapping access, no copy.
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
        // The inject is read field by field from its compiled class: copying the whole `Inject` out would retain
        // and release each of its texts on every firing.
        let compiledInject = compiled.injects[index]
        if injectRuns[index].dueCount > 0 {
            if context.state.acknowledged.contains(injectSymbols[index])
                || compiledInject.until.map({ condition($0, where: "inject/\(compiledInject.inject.id)/until") }) == true {
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
            if compiledInject.inject.gap != nil { undetectedWithGap.append(index) }
        } else if let test = compiledInject.condition, !condition(test, where: "inject/\(compiledInject.inject.id)/if") {
            status = .skipped
        } else {
            status = .fired
        }
        if recordTraces {
            let trace = RunReport.InjectTrace(id: compiledInject.inject.id, at: time, status: status)
            injectTraces.append(trace)
            if recordEvents { events.append(.inject(trace)) }
        }
        if status == .fired {
            if compiledInject.inject.channel != .silent, !visible[index] {
                visible[index] = true
                shownAt[index] = time
            }
            if injectRuns[index].firstFired == nil { injectRuns[index].firstFired = time }
            context.fired[index] = true
            dirty.insert(.firings)
            for (effect, parsed) in zip(compiledInject.effects, compiledInject.inject.effects) {
                let (outcome, changed) = applyToState(effect, asAttacker: true)
                dirty.formUnion(changed)
                guard recordTraces else { continue }
                let trace = RunReport.EffectTrace(at: time, inject: compiledInject.inject.id, command: parsed.text, outcome: outcome, actor: compiledInject.inject.actor)
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
        // Checks in order (outcomes, forbidden moves, exposures), skipping those that read nothing that changed and
        // those settled for the run. Everything read here is a stored `let` of this simulator: nothing is retained.
        if let readers = checks.readers {
            // At most 64 checks: the candidates are a bit mask, one look-up per changed part of the state.
            var candidates: UInt64 = 0
            if all {
                candidates = checks.roots.count == 64 ? .max : (1 << UInt64(checks.roots.count)) - 1
            } else {
                var bits = changed.rawValue
                while bits != 0 {
                    candidates |= readers[bits.trailingZeroBitCount]
                    bits &= bits &- 1
                }
            }
            candidates &= ~settled
            while candidates != 0 {
                evaluateCheck(candidates.trailingZeroBitCount)
                candidates &= candidates &- 1
            }
        } else {
            for c in checks.roots.indices where (all || !checks.reads[c].isDisjoint(with: changed)) && !isSettled(c) {
                evaluateCheck(c)
            }
        }
    }

    /// Whether check `c` can no longer change the run's result: an outcome without `hold` that was met, or a forbidden
    /// move that triggered.
    private func isSettled(_ c: Int) -> Bool {
        if c < outcomeRuns.count { return !outcomeHold[c] && outcomeRuns[c].firstTrue != nil }
        if c < outcomeRuns.count + forbiddenAt.count { return forbiddenAt[c - outcomeRuns.count] != nil }
        return false
    }

    /// Evaluates check `c` (outcomes, then forbidden moves, then exposures) and records what it says. The check reads
    /// `checks` and `context` and writes `locals`, three stored properties of `self`: no overlapping access, no copy.
    private mutating func evaluateCheck(_ c: Int) {
        let forbiddenStart = outcomeRuns.count, exposureStart = forbiddenStart + forbiddenAt.count
        if c < forbiddenStart {
            let k = c
            let value: Bool
            do {
                value = try checks.holds(checks.roots[c], in: &context, locals: &locals)
            } catch {
                defect("expect/\(compiled.drill.outcomes[k].id)/check", error.message)
                value = false
            }
            if value, !outcomeRuns[k].value {
                outcomeRuns[k].lastBecameTrue = now
                if outcomeRuns[k].firstTrue == nil {
                    outcomeRuns[k].firstTrue = now
                    if !outcomeHold[k], c < 64 { settled |= 1 << UInt64(c) }
                    if recordEvents { events.append(.outcomeMet(id: compiled.drill.outcomes[k].id, at: now)) }
                }
            }
            outcomeRuns[k].value = value
        } else if c < exposureStart {
            let k = c - forbiddenStart
            do {
                if try checks.holds(checks.roots[c], in: &context, locals: &locals) {
                    forbiddenAt[k] = now
                    if c < 64 { settled |= 1 << UInt64(c) }
                    if recordEvents { events.append(.violation(id: compiled.drill.forbidden[k].id, at: now)) }
                }
            } catch {
                defect("forbid/\(compiled.drill.forbidden[k].id)/check", error.message)
            }
        } else {
            let k = c - exposureStart
            let value: Bool
            do {
                value = try checks.holds(checks.roots[c], in: &context, locals: &locals)
            } catch {
                defect("exposures/\(compiled.drill.exposures[k].id)/check", error.message)
                value = false
            }
            guard value != exposureRuns[k].value else { return }
            if value { exposureRuns[k].since = now } else { exposureRuns[k].close(at: now) }
            exposureRuns[k].value = value
            if recordEvents { events.append(.exposure(id: compiled.drill.exposures[k].id, at: now, exposed: value)) }
        }
    }

    /// Each exposure's seconds at the end: its closed intervals plus the one still open.
    private func exposureSeconds(_ k: Int) -> Int {
        exposureRuns[k].seconds + (exposureRuns[k].value ? end - exposureRuns[k].since : 0)
    }

    /// Each exposure's cost in the score.
    private func exposureCosts() -> [Scorer.ExposureCost] {
        compiled.drill.exposures.enumerated().map { k, exposure in
            Scorer.ExposureCost(penalty: exposure.penalty, per: exposure.per, maxPenalty: exposure.maxPenalty,
                                excess: exposureSeconds(k) - exposure.budget)
        }
    }

    /// Each exposure's result at the end (the open interval closed at the end).
    private func exposureResults(_ costs: [Scorer.ExposureCost]) -> [RunReport.ExposureResult] {
        var results = compiled.tables.exposureTemplates
        for k in results.indices {
            var run = exposureRuns[k]
            if run.value { run.close(at: end) }
            results[k].seconds = run.seconds
            results[k].intervals = run.intervals
            results[k].penalty = costs[k].rounded
        }
        return results
    }

    /// Runs to the end and scores the run into `score`, reusing its storage: the what-if path, which makes no text.
    public mutating func score(into score: inout RunScore) {
        advance(to: end)
        now = end
        let tables = compiled.tables
        let outcomes = tables.outcomeHold.count
        // Written in place, each list once through its buffer: a what-if run scores thousands of runs into one score.
        resize(&score.statuses, outcomes, .missed)
        resize(&score.metAt, outcomes, nil)
        resize(&score.deadlines, outcomes, nil)
        var criticalMet = true
        score.statuses.withUnsafeMutableBufferPointer { statuses in
            score.metAt.withUnsafeMutableBufferPointer { metAts in
                score.deadlines.withUnsafeMutableBufferPointer { deadlines in
                    for k in 0..<outcomes {
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
                        statuses[k] = status
                        metAts[k] = metAt
                        deadlines[k] = deadline
                        if tables.outcomeCritical[k], status != .met, status != .notApplicable { criticalMet = false }
                    }
                }
            }
        }
        refill(&score.triggered, forbiddenAt)
        resize(&score.exposureSeconds, exposureRuns.count, 0)
        for k in exposureRuns.indices { score.exposureSeconds[k] = exposureSeconds(k) }
        let costs = exposureRuns.isEmpty ? [] : exposureCosts()
        score.scoreTenths = integerTenths(score.statuses, exposures: costs) ?? decimalTenths(score, exposures: costs)
        score.passed = criticalMet && (tables.passScoreTenths.map { score.scoreTenths >= $0 } ?? (score.score >= compiled.drill.scoring.passScore))
        // Per phase: the latest met time when the phase has applicable outcomes and none of them was missed.
        resize(&score.timeToPhase, tables.phaseOutcomes.count, nil)
        for (p, phase) in tables.phaseOutcomes.enumerated() {
            var any = false, missed = false
            var latest: Int?
            for k in phase where score.statuses[k] != .notApplicable {
                any = true
                if score.statuses[k] == .missed { missed = true }
                if let metAt = score.metAt[k] { latest = max(latest ?? metAt, metAt) }
            }
            score.timeToPhase[p] = any && !missed ? latest : nil
        }
        score.timeToAcknowledge = firstAck
        score.responseMet = firstAck.map { $0 <= tables.responseLimit } ?? false
        score.resolutionMet = score.timeToPhase[3].map { $0 <= tables.resolutionLimit } ?? false
    }

    /// The score in tenths from the drill's precomputed integer weights, or nil when a figure does not fit.
    private func integerTenths(_ statuses: [RunReport.Status], exposures: [Scorer.ExposureCost]) -> Int? {
        let tables = compiled.tables
        guard let weights = tables.weightMicros, let penalties = tables.penaltyMicros, let late = tables.lateCreditMicros else { return nil }
        var penalty = 0
        for (k, at) in forbiddenAt.enumerated() where at != nil { penalty += penalties[k] }
        if exposures.isEmpty, tables.smallWeights {
            // Weights and penalties sum to at most 100 each, so every product fits 64 bits (the general path uses
            // 128): 10 × score = (1000 × Σ weight × credit − 10 × penalty × Σ weight) / (Σ weight × 10⁶), in millionths.
            var earned = 0, possible = 0
            for (k, status) in statuses.enumerated() {
                switch status {
                case .met: earned += weights[k] * 1_000_000; possible += weights[k]
                case .late: earned += weights[k] * late; possible += weights[k]
                case .missed: possible += weights[k]
                case .notApplicable: break
                }
            }
            let numerator = possible == 0 ? 1_000_000_000 - 10 * penalty : 1000 * earned - 10 * penalty * possible
            let denominator = possible == 0 ? 1_000_000 : possible * 1_000_000
            let clamped = min(max(numerator, 0), 1000 * denominator)
            return (2 * clamped + denominator) / (2 * denominator)
        }
        var parts: [(weight: Int, credit: Int)] = []
        parts.reserveCapacity(statuses.count)
        for (k, status) in statuses.enumerated() {
            switch status {
            case .met: parts.append((weights[k], 1_000_000))
            case .late: parts.append((weights[k], late))
            case .missed: parts.append((weights[k], 0))
            case .notApplicable: break
            }
        }
        return Scorer.integerTenths(parts: parts, penalties: penalty, exposures: exposures)
    }

    /// The score in tenths on the decimal path (weights with more than six decimals).
    private func decimalTenths(_ score: RunScore, exposures: [Scorer.ExposureCost]) -> Int {
        var violations: [RunReport.Violation] = []
        for (k, at) in forbiddenAt.enumerated() where at != nil { violations.append(compiled.tables.violationTemplates[k]) }
        let decimal = Scorer.decimalScore(outcomes: outcomeResults(score), violations: violations, exposures: exposures)
        return NSDecimalNumber(decimal: decimal * 10).intValue
    }

    /// The outcomes' results of a score, for the report.
    private func outcomeResults(_ score: RunScore) -> [RunReport.OutcomeResult] {
        var outcomes = compiled.tables.outcomeTemplates
        let lateCredit = compiled.drill.scoring.lateCredit
        for k in outcomes.indices {
            outcomes[k].status = score.statuses[k]
            outcomes[k].deadline = score.deadlines[k]
            outcomes[k].metAt = score.metAt[k]
            outcomes[k].credit = switch score.statuses[k] {
            case .met: 1
            case .late: lateCredit
            default: 0
            }
        }
        return outcomes
    }

    /// Runs to the end and scores the run; `team` and `started` come from the log, `runDate` dates stories when `started` is absent.
    public mutating func finish(team: String?, started: String?, runDate: Date, startDate: Date? = nil, dueDates: [String]? = nil) -> RunReport {
        var score = RunScore()
        self.score(into: &score)
        let drill = compiled.drill
        let tables = compiled.tables
        var violations: [RunReport.Violation] = []
        for (k, at) in forbiddenAt.enumerated() {
            if let at {
                var violation = tables.violationTemplates[k]
                violation.at = at
                violations.append(violation)
            }
        }
        let exposures = exposureResults(drill.exposures.isEmpty ? [] : exposureCosts())
        var phases: [Phase: Int] = [:]
        for (p, phase) in Phase.allCases.enumerated() { if let t = score.timeToPhase[p] { phases[phase] = t } }
        let metrics = RunReport.Metrics(
            timeToAcknowledge: score.timeToAcknowledge, timeToPhase: phases,
            responseLimit: drill.severity.responseLimit, responseMet: score.responseMet,
            resolutionLimit: drill.severity.resolutionLimit, resolutionMet: score.resolutionMet)
        let baseDate = startDate ?? started.flatMap(Timestamp.parse) ?? runDate
        var undetected = Array(repeating: false, count: drill.injects.count)
        for index in undetectedWithGap { undetected[index] = true }
        let stories = tables.stories.make(statuses: score.statuses, triggered: forbiddenAt.map { $0 != nil },
                                          overBudget: exposures.map { $0.seconds > $0.budget }, undetected: undetected,
                                          baseDate: baseDate, dueDates: startDate == nil ? nil : dueDates)
        let findings = context.state.findings.map { context.symbols[$0] }
        return RunReport(drill: drill.id, title: drill.title, severity: drill.severity, team: team, started: started, end: end,
                         score: score.score, passed: score.passed, outcomes: outcomeResults(score), violations: violations,
                         exposures: exposures, metrics: metrics, injects: injectTraces, actions: actionTraces, effects: effectTraces,
                         findings: findings, stories: stories, defects: defects)
    }
}
