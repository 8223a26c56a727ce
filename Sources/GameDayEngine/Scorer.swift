import Foundation

/// The score of spec 7.7, computed exactly: integers where every figure fits, else decimals.
public enum Scorer {
    /// One exposure's part of the score: its penalty figures and how far it went beyond its budget.
    public struct ExposureCost: Sendable, Hashable {
        /// Points per `per` seconds beyond the budget.
        public var penalty: Decimal
        /// The unit of exposure, seconds (more than zero).
        public var per: Int
        /// The most points it can cost.
        public var maxPenalty: Decimal
        /// Seconds exposed beyond the budget (never negative).
        public var excess: Int

        /// Creates the cost of an exposure.
        public init(penalty: Decimal, per: Int, maxPenalty: Decimal, excess: Int) {
            self.penalty = penalty
            self.per = per
            self.maxPenalty = maxPenalty
            self.excess = max(0, excess)
        }

        /// `min(max_penalty, penalty × excess / per)` as millionths over `per`, when every figure fits.
        var micros: (numerator: Int128, denominator: Int128)? {
            guard let p = Scorer.micros(penalty), let m = Scorer.micros(maxPenalty), per > 0 else { return nil }
            let (cost, o1) = Int128(p).multipliedReportingOverflow(by: Int128(excess))
            let (cap, o2) = Int128(m).multipliedReportingOverflow(by: Int128(per))
            if o1 || o2 { return nil }
            return (min(cost, cap), Int128(per))
        }

        /// The exact penalty in decimals.
        var decimal: Decimal { min(maxPenalty, penalty * Decimal(excess) / Decimal(per)) }

        /// The penalty as reported: rounded half away from zero to one decimal.
        public var rounded: Decimal {
            if let (n, d) = micros, let tenths = Scorer.roundedTenths(n, d * 1_000_000) {
                return Decimal(sign: .plus, exponent: -1, significand: Decimal(string: String(tenths))!)
            }
            return Scorer.round(decimal, places: 1)
        }
    }

    /// 100 × Σ(weight × credit) / Σ(weight of applicable outcomes) − penalties − exposure penalties,
    /// clamped to [0, 100], rounded half away from zero to one decimal.
    public static func score(outcomes: [RunReport.OutcomeResult], violations: [RunReport.Violation], exposures: [ExposureCost] = []) -> Decimal {
        if let fast = integerScore(outcomes: outcomes, violations: violations, exposures: exposures) { return fast }
        return decimalScore(outcomes: outcomes, violations: violations, exposures: exposures)
    }

    /// A decimal as `mantissa × 10^-6`, when it has at most six decimals and fits.
    static func micros(_ value: Decimal) -> Int? {
        guard value.exponent >= -6, value.exponent <= 12 else { return nil }
        var mantissa = 0
        // `significand` of a Decimal with small magnitude converts exactly through its description.
        guard let whole = Int(exactly: NSDecimalNumber(decimal: value.significand).int64Value) else { return nil }
        mantissa = value.sign == .minus ? -whole : whole
        var scaled = mantissa
        for _ in 0..<(6 + value.exponent) {
            let (v, o) = scaled.multipliedReportingOverflow(by: 10)
            if o { return nil }
            scaled = v
        }
        return scaled
    }

    /// The same score in exact integer arithmetic (weights, credits and penalties in millionths); nil on overflow.
    static func integerScore(outcomes: [RunReport.OutcomeResult], violations: [RunReport.Violation], exposures: [ExposureCost] = []) -> Decimal? {
        var parts: [(weight: Int, credit: Int)] = []
        for outcome in outcomes where outcome.status != .notApplicable {
            guard let w = micros(outcome.weight), let c = micros(outcome.credit) else { return nil }
            parts.append((w, c))
        }
        var penalties = 0
        for violation in violations {
            guard let p = micros(violation.penalty) else { return nil }
            let (sum, o) = penalties.addingReportingOverflow(p)
            if o { return nil }
            penalties = sum
        }
        return integerScore(parts: parts, penalties: penalties, exposures: exposures)
    }

    /// The score from applicable outcomes' weights and credits, the sum of penalties (all in millionths) and the
    /// exposures' costs; nil on overflow.
    static func integerScore(parts: [(weight: Int, credit: Int)], penalties: Int, exposures: [ExposureCost] = []) -> Decimal? {
        integerTenths(parts: parts, penalties: penalties, exposures: exposures).map {
            Decimal(sign: .plus, exponent: -1, significand: Decimal($0))
        }
    }

    /// The score in tenths (1000 is 100.0) in exact integer arithmetic; nil on overflow.
    static func integerTenths(parts: [(weight: Int, credit: Int)], penalties: Int, exposures: [ExposureCost] = []) -> Int? {
        let unit: Int128 = 1_000_000
        var earned: Int128 = 0, possible: Int128 = 0
        for (w, c) in parts {
            let (wc, o1) = Int128(w).multipliedReportingOverflow(by: Int128(c))
            let (e, o2) = earned.addingReportingOverflow(wc)
            if o1 || o2 { return nil }
            earned = e
            let (sum, o3) = possible.addingReportingOverflow(Int128(w))
            if o3 { return nil }
            possible = sum
        }
        // Exposure penalties, in millionths: Σ numerator_i / per_i over the common denominator `common`.
        var common: Int128 = 1
        var costs: [(Int128, Int128)] = []
        for exposure in exposures where exposure.excess > 0 {
            guard let cost = exposure.micros else { return nil }
            costs.append(cost)
            let (l, o) = (common / gcd(common, cost.denominator)).multipliedReportingOverflow(by: cost.denominator)
            if o { return nil }
            common = l
        }
        var exposure: Int128 = 0
        for (n, d) in costs {
            let (scaled, o1) = n.multipliedReportingOverflow(by: common / d)
            let (sum, o2) = exposure.addingReportingOverflow(scaled)
            if o1 || o2 { return nil }
            exposure = sum
        }
        // Ten times the score as numerator / denominator, every product checked.
        let other = possible == 0 ? 1 : possible
        guard let denominator = product(other, unit, common),
              let base = possible == 0 ? product(1000, unit, common) : product(1000, earned, common),
              let lost = product(10, Int128(penalties), common, other),
              let exposed = product(10, exposure, other),
              let ceiling = product(1000, denominator) else { return nil }
        let (afterPenalties, o1) = base.subtractingReportingOverflow(lost)
        let (numerator, o2) = afterPenalties.subtractingReportingOverflow(exposed)
        if o1 || o2 { return nil }
        let clamped = min(max(numerator, 0), ceiling)
        guard let tenths = roundedTenths(clamped, denominator, tenthsAlready: true) else { return nil }
        return Int(tenths)
    }

    /// The product of `factors`, or nil when it overflows.
    private static func product(_ factors: Int128...) -> Int128? {
        var result: Int128 = 1
        for factor in factors {
            let (p, o) = result.multipliedReportingOverflow(by: factor)
            if o { return nil }
            result = p
        }
        return result
    }

    /// `numerator / denominator` (non-negative) in tenths, rounded half away from zero; the fraction is already in
    /// tenths when `tenthsAlready`. Nil on overflow.
    static func roundedTenths(_ numerator: Int128, _ denominator: Int128, tenthsAlready: Bool = false) -> Int128? {
        let (scaled, o1) = numerator.multipliedReportingOverflow(by: tenthsAlready ? 2 : 20)
        let (plus, o2) = scaled.addingReportingOverflow(denominator)
        let (twice, o3) = denominator.multipliedReportingOverflow(by: 2)
        if o1 || o2 || o3 { return nil }
        return plus / twice
    }

    private static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    static func decimalScore(outcomes: [RunReport.OutcomeResult], violations: [RunReport.Violation], exposures: [ExposureCost] = []) -> Decimal {
        var earned: Decimal = 0
        var possible: Decimal = 0
        for outcome in outcomes where outcome.status != .notApplicable {
            earned += outcome.weight * outcome.credit
            possible += outcome.weight
        }
        var score: Decimal = possible == 0 ? 100 : 100 * earned / possible
        for violation in violations { score -= violation.penalty }
        for exposure in exposures { score -= exposure.decimal }
        score = min(100, max(0, score))
        return round(score, places: 1)
    }

    /// Rounds half away from zero (`.plain` rounds ties up for positive numbers and down for negative ones).
    public static func round(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }
}
