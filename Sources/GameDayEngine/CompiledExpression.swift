/// Evaluates a compiled expression against a run.
public typealias Evaluator = @Sendable (EvaluationContext, inout [Value]) throws(EvaluationError) -> Value

/// An expression compiled once into closures, with the parts of the state it reads.
public struct CompiledExpression: Sendable {
    /// The closure tree.
    let evaluate: Evaluator
    /// The same expression as a typed condition, when it is a condition.
    let condition: BoolEvaluator?
    /// What it reads; it needs evaluating again only when one of these changed.
    public let reads: Dependencies
    /// How many bound variables it needs.
    let localCount: Int
    /// The source text.
    public let text: String

    /// Evaluates as a condition: true, or false with the error when one happened.
    @inline(__always) func holds(in context: EvaluationContext, locals: inout [Value]) -> Result<Bool, EvaluationError> {
        do {
            if let condition { return .success(try condition(context, &locals)) }
            return .success(try evaluate(context, &locals).isTrue)
        } catch {
            return .failure(error)
        }
    }
}

/// What an expression can see while it runs.
public struct EvaluationContext: Sendable {
    /// The world and the team's records.
    public var state: WorldState
    /// The run's texts.
    public var symbols: SymbolTable
    /// The clock, in seconds.
    public var now: Int = 0
    /// The team's applied actions, for `done` and `done_by`, in the order applied.
    public private(set) var applied: [AppliedAction] = []
    /// Once a run has many actions: every leading part (verb, then verb and first argument, ...) of every applied
    /// action, and the same behind its role, so that `done` is one look-up however many actions were applied.
    private(set) var appliedPrefixes: Set<[Int32]>?

    /// How many applied actions `done` scans before it keeps the prefixes instead.
    static let scanLimit = 32
    /// The marker before a role in a `done_by` prefix.
    static let roleMarker = Int32.min

    /// Records an applied action.
    public mutating func recordApplied(_ action: AppliedAction) {
        applied.append(action)
        if appliedPrefixes != nil {
            Self.insertPrefixes(of: action, into: &appliedPrefixes!)
        } else if applied.count > Self.scanLimit {
            var prefixes = Set<[Int32]>()
            for a in applied { Self.insertPrefixes(of: a, into: &prefixes) }
            appliedPrefixes = prefixes
        }
    }

    private static func insertPrefixes(of action: AppliedAction, into prefixes: inout Set<[Int32]>) {
        let signature = action.signature
        // A prefix already there means every shorter one is too.
        for length in stride(from: signature.count, through: 1, by: -1) {
            if !prefixes.insert(Array(signature[0..<length])).inserted { break }
        }
        guard action.by >= 0 else { return }
        for length in stride(from: signature.count, through: 1, by: -1) {
            if !prefixes.insert([roleMarker, action.by] + signature[0..<length]).inserted { break }
        }
    }

    /// Whether an applied action starts with `wanted` (verb, then positional words), by `role` when it is not -1.
    /// `key` is `wanted`, or `[roleMarker, role] + wanted` for a role.
    @inline(__always) public func hasApplied(_ wanted: [Int32], by role: Int32, key: [Int32]) -> Bool {
        if let appliedPrefixes { return appliedPrefixes.contains(key) }
        for action in applied where action.signature.count >= wanted.count && (role < 0 || action.by == role) {
            if action.signature.starts(with: wanted) { return true }
        }
        return false
    }

    /// Becomes `start` again in this context's storage (see `WorldState.restore(to:)`); `symbols` is taken whole
    /// only when it changed.
    mutating func restore(to start: EvaluationContext, symbolsChanged: Bool) {
        state.restore(to: start.state)
        if symbolsChanged { symbols = start.symbols }
        now = start.now
        refill(&applied, start.applied)
        if appliedPrefixes != nil || start.appliedPrefixes != nil { appliedPrefixes = start.appliedPrefixes }
        refill(&fired, start.fired)
    }

    /// Makes room for `count` more applied actions.
    public mutating func reserveApplied(_ count: Int) {
        applied.reserveCapacity(applied.count + count)
    }
    /// Per inject, whether it has fired.
    public var fired: [Bool]
}

/// A team action that was applied, as `done` and `done_by` see it.
public struct AppliedAction: Sendable, Hashable {
    /// The verb's symbol, then the positional words' symbols.
    public var signature: [Int32]
    /// The symbol of the role that acted, or -1 when the action names none.
    public var by: Int32
}
