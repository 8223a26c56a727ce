import Foundation

/// The log-normal time of every step of the played runbooks (runbook-format.md 4), ready to draw run after run.
public struct StepTimes: Sendable {
    /// Per step (runbooks in order, then steps in order), its median in seconds.
    public let medians: [Double]
    /// Per step, its shape σ.
    public let sigmas: [Double]

    /// The times of `plan`'s steps: a single duration `m` has median `m` and shape `sigma`; a range `a..b` has median
    /// `√(a·b)` and shape `ln(b/a) / (2 × 1.6448536269514722)`.
    public init(plan: RunbookPlan, sigma: Double) {
        let durations = plan.runbooks.flatMap { $0.steps.map(\.duration) }
        medians = durations.map(\.median)
        sigmas = durations.map { $0.shape(sigma: sigma) }
    }

    /// How many steps there are.
    public var count: Int { medians.count }

    /// Run `run`'s durations into `durations` and its normal draws into `normals` (one per step, drawn whether or
    /// not the step is reached): `max(1, round(median × exp(σ × z)))`, rounded half away from zero.
    @inline(__always)
    public func draw(run: Int, seed: UInt64, durations: inout [Int], normals: inout [Double]) {
        var generator = SplitMix64(run: run, seed: seed)
        for k in 0..<medians.count {
            let z = generator.normal()
            normals[k] = z
            let x = medians[k] * Foundation.exp(sigmas[k] * z)
            let rounded = (x + 0.5).rounded(.down)
            durations[k] = rounded < 1 ? 1 : (rounded > 1e15 ? Int(1e15) : Int(rounded))
        }
    }
}
