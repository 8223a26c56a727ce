import Foundation

/// The score of spec 7.7, computed exactly in decimals.
public enum Scorer {
    /// 100 × Σ(weight × credit) / Σ(weight of applicable outcomes) − penalties, clamped to [0, 100], rounded half away from zero to one decimal.
    public static func score(outcomes: [RunReport.OutcomeResult], violations: [RunReport.Violation]) -> Decimal {
        if let fast = integerScore(outcomes: outcomes, violations: violations) { return fast }
        return decimalScore(outcomes: outcomes, violations: violations)
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
    static func integerScore(outcomes: [RunReport.OutcomeResult], violations: [RunReport.Violation]) -> Decimal? {
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
        return integerScore(parts: parts, penalties: penalties)
    }

    /// The score from applicable outcomes' weights and credits and the sum of penalties, all in millionths; nil on overflow.
    static func integerScore(parts: [(weight: Int, credit: Int)], penalties: Int) -> Decimal? {
        let unit = 1_000_000
        var earned = 0, possible = 0
        for (w, c) in parts {
            let (wc, o1) = w.multipliedReportingOverflow(by: c)
            let (e, o2) = earned.addingReportingOverflow(wc)
            let (p, o3) = possible.addingReportingOverflow(w)
            if o1 || o2 || o3 { return nil }
            earned = e
            possible = p
        }
        // Ten times the score as numerator / denominator: 1000 × earned / (possible × unit) − 10 × penalties / unit.
        // Every step is checked: a hostile weight or penalty falls back to decimals, never traps.
        let (tenPenalties, o0) = penalties.multipliedReportingOverflow(by: 10)
        if o0 { return nil }
        let numerator: Int, denominator: Int
        if possible == 0 {
            let (n, o) = (1000 * unit).subtractingReportingOverflow(tenPenalties)
            if o { return nil }
            numerator = n
            denominator = unit
        } else {
            let (a, o1) = earned.multipliedReportingOverflow(by: 1000)
            let (b, o2) = tenPenalties.multipliedReportingOverflow(by: possible)
            let (d, o3) = possible.multipliedReportingOverflow(by: unit)
            if o1 || o2 || o3 { return nil }
            let (n, o4) = a.subtractingReportingOverflow(b)
            if o4 { return nil }
            numerator = n
            denominator = d
        }
        let (top, o5) = denominator.multipliedReportingOverflow(by: 1000)
        let (twiceDenominator, o6) = denominator.multipliedReportingOverflow(by: 2)
        if o5 || o6 { return nil }
        let clamped = min(max(numerator, 0), top)
        let (twice, o7) = clamped.multipliedReportingOverflow(by: 2)
        let (rounded, o8) = twice.addingReportingOverflow(denominator)
        if o7 || o8 { return nil }
        let tenths = rounded / twiceDenominator
        return Decimal(sign: .plus, exponent: -1, significand: Decimal(tenths))
    }

    static func decimalScore(outcomes: [RunReport.OutcomeResult], violations: [RunReport.Violation]) -> Decimal {
        var earned: Decimal = 0
        var possible: Decimal = 0
        for outcome in outcomes where outcome.status != .notApplicable {
            earned += outcome.weight * outcome.credit
            possible += outcome.weight
        }
        var score: Decimal = possible == 0 ? 100 : 100 * earned / possible
        for violation in violations { score -= violation.penalty }
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
