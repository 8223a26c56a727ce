/// A drill compiled once for many runs: interned names, the initial state, and checks and injects as closures.
public struct CompiledDrill: Sendable {
    /// One inject, ready to run.
    final class CompiledInject: Sendable {
        let inject: Inject
        let condition: CompiledExpression?
        let until: CompiledExpression?
        let effects: [CompiledCommand]
        let detectionSymbol: Int32?

        init(inject: Inject, condition: CompiledExpression?, until: CompiledExpression?, effects: [CompiledCommand], detectionSymbol: Int32?) {
            self.inject = inject
            self.condition = condition
            self.until = until
            self.effects = effects
            self.detectionSymbol = detectionSymbol
        }
    }

    /// The parts that never change after compiling, shared by reference so that a simulator copies one pointer.
    final class Body: Sendable {
        let drill: Drill
        let outcomeChecks: [CompiledExpression]
        let forbiddenChecks: [CompiledExpression]
        let exposureChecks: [CompiledExpression]
        let injects: [CompiledInject]
        /// The same checks as one program.
        let checks: CheckProgram

        init(drill: Drill, outcomeChecks: [CompiledExpression], forbiddenChecks: [CompiledExpression], exposureChecks: [CompiledExpression],
             injects: [CompiledInject], checks: CheckProgram) {
            self.drill = drill
            self.checks = checks
            self.outcomeChecks = outcomeChecks
            self.forbiddenChecks = forbiddenChecks
            self.exposureChecks = exposureChecks
            self.injects = injects
        }
    }

    let body: Body
    /// The drill as loaded.
    public var drill: Drill { body.drill }
    /// What grows when a new command line is compiled: the texts, package references and the state at T0 that covers them.
    final class Vocabulary: Sendable {
        let symbols: SymbolTable
        let packages: PackageIndex
        let initialState: WorldState

        init(symbols: SymbolTable, packages: PackageIndex, initialState: WorldState) {
            self.symbols = symbols
            self.packages = packages
            self.initialState = initialState
        }
    }

    private(set) var vocabulary: Vocabulary
    /// The texts interned so far.
    public var symbols: SymbolTable { vocabulary.symbols }
    /// Package references, split and joined.
    var packages: PackageIndex { vocabulary.packages }
    /// The state at T0.
    var initialState: WorldState { vocabulary.initialState }
    /// Outcome checks, in file order.
    var outcomeChecks: [CompiledExpression] { body.outcomeChecks }
    /// Forbidden-move checks, in file order.
    var forbiddenChecks: [CompiledExpression] { body.forbiddenChecks }
    /// Exposure checks, in file order.
    var exposureChecks: [CompiledExpression] { body.exposureChecks }
    /// Injects, in file order.
    var injects: [CompiledInject] { body.injects }
    /// The lookup tables commands and the simulator read on every event, shared by reference.
    let tables: DrillTables
    /// How many local slots the deepest expression needs.
    let localCount: Int
    /// Inject position by id.
    var injectIndex: [String: Int] { tables.injectIndex }

    /// Compiles `drill`.
    public init(_ drill: Drill) {
        var symbols = SymbolTable()
        var state = WorldState(world: drill.world, symbols: &symbols)
        var compiler = ExpressionCompiler(symbols: symbols, injectIDs: drill.injects.map(\.id))
        let outcomeChecks = drill.outcomes.map { compiler.compile($0.check) }
        let forbiddenChecks = drill.forbidden.map { compiler.compile($0.check) }
        let exposureChecks = drill.exposures.map { compiler.compile($0.check) }
        // Every text of these checks is interned by now: the program adds no symbol.
        var checks = CheckProgram()
        for (check, compiled) in zip(drill.outcomes.map(\.check) + drill.forbidden.map(\.check) + drill.exposures.map(\.check),
                                     outcomeChecks + forbiddenChecks + exposureChecks) {
            checks.addCheck(root: compiler.emitCondition(check, into: &checks), reads: compiled.reads)
        }
        var compiledInjects: [CompiledInject] = []
        for inject in drill.injects {
            let condition = inject.condition.map { compiler.compile($0) }
            let until = inject.until.map { compiler.compile($0) }
            let effects = inject.effects.map { CompiledCommand($0, symbols: &compiler.symbols) }
            let detection = inject.requiresDetection.map { compiler.symbols.intern($0) }
            compiledInjects.append(CompiledInject(inject: inject, condition: condition, until: until, effects: effects, detectionSymbol: detection))
        }
        body = Body(drill: drill, outcomeChecks: outcomeChecks, forbiddenChecks: forbiddenChecks, exposureChecks: exposureChecks,
                    injects: compiledInjects, checks: checks)
        var locals = 1
        for c in outcomeChecks + forbiddenChecks + exposureChecks { locals = max(locals, c.localCount) }
        for i in compiledInjects {
            locals = max(locals, i.condition?.localCount ?? 0, i.until?.localCount ?? 0)
        }
        localCount = locals
        symbols = compiler.symbols
        tables = DrillTables(drill, symbols: &symbols)
        var packages = PackageIndex()
        packages.update(symbols: &symbols, state: state)
        symbols.rank()
        state.cover(symbols)
        vocabulary = Vocabulary(symbols: symbols, packages: packages, initialState: state)
    }

    /// Compiles a command line for this drill, interning its words.
    public mutating func compile(_ command: ParsedCommand) -> CompiledCommand {
        var symbols = vocabulary.symbols, packages = vocabulary.packages, state = vocabulary.initialState
        let compiled = CompiledCommand(command, symbols: &symbols)
        if symbols.count != vocabulary.symbols.count {
            packages.update(symbols: &symbols, state: state)
            symbols.rank()
            state.cover(symbols)
            vocabulary = Vocabulary(symbols: symbols, packages: packages, initialState: state)
        }
        return compiled
    }

    /// Compiles many command lines at once: every word is interned first and the tables are brought up to date once,
    /// so that a log of n actions costs O(n log n), not n re-rankings of the symbol table.
    public mutating func compile(_ commands: [ParsedCommand]) -> [CompiledCommand] {
        var symbols = vocabulary.symbols, packages = vocabulary.packages, state = vocabulary.initialState
        let before = symbols.count
        let compiled = commands.map { CompiledCommand($0, symbols: &symbols) }
        if symbols.count != before {
            packages.update(symbols: &symbols, state: state)
            symbols.rank()
            state.cover(symbols)
            vocabulary = Vocabulary(symbols: symbols, packages: packages, initialState: state)
        }
        return compiled
    }
}

/// Immutable tables of a compiled drill, read on every event: one reference to copy, not a dozen.
final class DrillTables: Sendable {
    /// Inject position by id.
    let injectIndex: [String: Int]
    /// Finding ids by topic symbol, in file order.
    let findingsByTopic: [Int32: [Int32]]
    /// The symbol of `ack`.
    let ackSymbol: Int32
    /// The symbol of each inject id, in file order.
    let injectSymbols: [Int32]
    /// Per outcome, whether it is a `hold` outcome.
    let outcomeHold: [Bool]
    /// Per outcome, whether it is critical.
    let outcomeCritical: [Bool]
    /// Per phase in `Phase.allCases` order, the positions of its outcomes (so that scoring a phase reads only those).
    let phaseOutcomes: [[Int]]
    /// Per outcome, its result with the fixed fields filled in (id, title, phase, weight, critical).
    let outcomeTemplates: [RunReport.OutcomeResult]
    /// Per outcome, its `within` and the position of its `after` inject.
    let outcomeDeadlines: [(within: Int?, after: Int?)]
    /// Per forbidden move, its violation with the fixed fields filled in.
    let violationTemplates: [RunReport.Violation]
    /// Per exposure, its result with the fixed fields filled in.
    let exposureTemplates: [RunReport.ExposureResult]
    /// The gap stories this drill can file, prepared once.
    let stories: GapStories
    /// Weights, penalties and the late credit in millionths, for exact integer scoring; nil when one does not fit.
    let weightMicros: [Int]?, penaltyMicros: [Int]?, lateCreditMicros: Int?
    /// Whether the weights and the penalties each sum to at most 100, so that scoring fits 64-bit integers.
    let smallWeights: Bool
    /// The pass mark in tenths, when it has at most one decimal.
    let passScoreTenths: Int?
    /// The SLA limits of the drill's severity, in seconds.
    let responseLimit: Int, resolutionLimit: Int
    // Texts the commands write.
    let active: Int32, disabled: Int32, revoked: Int32, narrow: Int32, open: Int32, kms: Int32, good: Int32

    init(_ drill: Drill, symbols: inout SymbolTable) {
        injectIndex = Dictionary(uniqueKeysWithValues: drill.injects.enumerated().map { ($1.id, $0) })
        var topics: [Int32: [Int32]] = [:]
        for finding in drill.findings {
            topics[symbols.intern(finding.topic), default: []].append(symbols.intern(finding.id))
        }
        findingsByTopic = topics
        ackSymbol = symbols.intern("ack")
        injectSymbols = drill.injects.map { symbols.intern($0.id) }
        outcomeHold = drill.outcomes.map(\.hold)
        outcomeCritical = drill.outcomes.map(\.critical)
        phaseOutcomes = Phase.allCases.map { phase in drill.outcomes.indices.filter { drill.outcomes[$0].phase == phase } }
        outcomeTemplates = drill.outcomes.map {
            RunReport.OutcomeResult(id: $0.id, title: $0.title, phase: $0.phase, status: .missed, deadline: nil, metAt: nil,
                                    weight: $0.weight, credit: 0, critical: $0.critical)
        }
        let positions = Dictionary(uniqueKeysWithValues: drill.injects.enumerated().map { ($1.id, $0) })
        outcomeDeadlines = drill.outcomes.map { ($0.within, $0.after.flatMap { positions[$0] }) }
        violationTemplates = drill.forbidden.map { RunReport.Violation(id: $0.id, title: $0.title, at: 0, penalty: $0.penalty) }
        exposureTemplates = drill.exposures.map {
            RunReport.ExposureResult(id: $0.id, title: $0.title, seconds: 0, intervals: [], budget: $0.budget, penalty: 0)
        }
        stories = GapStories(drill)
        let weights = drill.outcomes.compactMap { Scorer.micros($0.weight) }
        weightMicros = weights.count == drill.outcomes.count ? weights : nil
        let penalties = drill.forbidden.compactMap { Scorer.micros($0.penalty) }
        penaltyMicros = penalties.count == drill.forbidden.count ? penalties : nil
        lateCreditMicros = Scorer.micros(drill.scoring.lateCredit)
        func small(_ values: [Int]?) -> Bool {
            guard let values else { return false }
            var sum = 0
            for v in values {
                guard v >= 0, v <= 100_000_000 else { return false }
                sum += v
                if sum > 100_000_000 { return false }
            }
            return true
        }
        smallWeights = small(weightMicros) && small(penaltyMicros)
        passScoreTenths = Scorer.micros(drill.scoring.passScore).flatMap { $0 % 100_000 == 0 ? $0 / 100_000 : nil }
        responseLimit = drill.severity.responseLimit
        resolutionLimit = drill.severity.resolutionLimit
        active = symbols.intern("active")
        disabled = symbols.intern("disabled")
        revoked = symbols.intern("revoked")
        narrow = symbols.intern("narrow")
        open = symbols.intern("open")
        kms = symbols.intern("kms")
        good = symbols.intern("good")
    }
}
