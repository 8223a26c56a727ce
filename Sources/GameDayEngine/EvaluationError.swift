/// An expression that failed while running: it counts as false and becomes a defect of the drill.
public struct EvaluationError: Error, Sendable, Hashable {
    /// What went wrong.
    public var message: String
}
