/// Evaluates a compiled expression against a run.
public typealias Evaluator = @Sendable (EvaluationContext, inout [Value]) throws(EvaluationError) -> Value

/// An expression compiled once into closures, with the parts of the state it reads.
public struct CompiledExpression: Sendable {
    /// The closure tree.
    let evaluate: Evaluator
    /// What it reads; it needs evaluating again only when one of these changed.
    public let reads: Dependencies
    /// How many bound variables it needs.
    let localCount: Int
    /// The source text.
    public let text: String

    /// Evaluates as a condition: true, or false with the error when one happened.
    @inline(__always) func holds(in context: EvaluationContext, locals: inout [Value]) -> Result<Bool, EvaluationError> {
        do {
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
    /// The team's applied actions: verb symbol and positional symbols.
    public private(set) var applied: [[Int32]] = []
    /// Every leading part (verb, then verb and first argument, ...) of every applied action, so that `done`
    /// is one look-up however many actions were applied.
    public private(set) var appliedPrefixes: Set<[Int32]> = []

    /// Records an applied action.
    public mutating func recordApplied(_ signature: [Int32]) {
        applied.append(signature)
        for length in stride(from: signature.count, through: 1, by: -1) {
            if !appliedPrefixes.insert(Array(signature[0..<length])).inserted { break }
        }
    }

    /// Makes room for `count` more applied actions.
    public mutating func reserveApplied(_ count: Int) {
        applied.reserveCapacity(applied.count + count)
    }
    /// Per inject, whether it has fired.
    public var fired: [Bool]
}
