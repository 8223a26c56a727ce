import Foundation

/// The random numbers of a what-if run, bit for bit as runbook-format.md 4 gives them: one SplitMix64 stream per
/// run, uniform draws of 53 bits, and Box–Muller normal draws through the C library's `log`, `cos` and `sqrt`.
public struct SplitMix64: Sendable, Hashable {
    /// The golden-ratio increment.
    public static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The generator's state.
    public var state: UInt64

    /// A generator with `state`.
    public init(state: UInt64) { self.state = state }

    /// Run `run`'s generator (0-based) for seed `seed`: state `seed + (run + 1) × gamma` (mod 2⁶⁴).
    public init(run: Int, seed: UInt64) {
        state = seed &+ UInt64(run + 1) &* Self.gamma
    }

    /// One SplitMix64 step.
    @inline(__always) public mutating func next() -> UInt64 {
        state &+= Self.gamma
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in [0, 1): `(next() >> 11) × 2⁻⁵³`.
    @inline(__always) public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal draw from two uniforms, `u1` then `u2`: `√(−2 ln(1 − u1)) × cos(2π × u2)`.
    @inline(__always) public mutating func normal() -> Double {
        let u1 = uniform(), u2 = uniform()
        return (-2.0 * Foundation.log(1.0 - u1)).squareRoot() * Foundation.cos(2.0 * Double.pi * u2)
    }
}
