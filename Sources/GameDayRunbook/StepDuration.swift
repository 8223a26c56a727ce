import Foundation

/// How long a step takes (runbook-format.md 1.3): a median, or a range of 5th and 95th percentiles.
public struct StepDuration: Sendable, Hashable {
    /// The written form.
    public enum Form: Sendable, Hashable {
        /// `3m`: the median, in seconds.
        case median(Int)
        /// `2m..10m`: the 5th and 95th percentiles, in seconds.
        case range(low: Int, high: Int)
    }

    /// The 95th percentile of the standard normal distribution, as the spec writes it.
    public static let z95 = 1.6448536269514722

    /// The form.
    public var form: Form
    /// Whether the runbook gave the time (a step without one takes 1m and `lint` warns).
    public var written: Bool

    /// Creates a duration.
    public init(_ form: Form, written: Bool = true) {
        self.form = form
        self.written = written
    }

    /// The 1-minute default of a step without a time.
    public static let unwritten = StepDuration(.median(60), written: false)

    /// The time `runbook test` uses: the median, or the geometric mean of a range rounded half away from zero.
    public var testSeconds: Int {
        switch form {
        case .median(let m): m
        case .range(let a, let b): Int((Double(a) * Double(b)).squareRoot().rounded(.toNearestOrAwayFromZero))
        }
    }

    /// The log-normal median for what-if runs, in seconds.
    public var median: Double {
        switch form {
        case .median(let m): Double(m)
        case .range(let a, let b): (Double(a) * Double(b)).squareRoot()
        }
    }

    /// The log-normal shape for what-if runs: `sigma` for a single duration, `ln(b/a) / (2 × z95)` for a range.
    public func shape(sigma: Double) -> Double {
        switch form {
        case .median: sigma
        case .range(let a, let b): log(Double(b) / Double(a)) / (2 * Self.z95)
        }
    }

    /// As written: `3m` or `2m..10m`.
    public var text: String {
        switch form {
        case .median(let m): DurationText.format(m)
        case .range(let a, let b): "\(DurationText.format(a))..\(DurationText.format(b))"
        }
    }
}
