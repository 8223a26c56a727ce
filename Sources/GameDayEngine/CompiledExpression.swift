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
    /// The team's applied actions, for `done` and `done_by`.
    public var applied: [AppliedAction] = []
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
