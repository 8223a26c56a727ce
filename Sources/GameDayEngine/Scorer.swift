import Foundation

/// The score of spec 7.7, computed exactly in decimals.
public enum Scorer {
    /// 100 × Σ(weight × credit) / Σ(weight of applicable outcomes) − penalties, clamped to [0, 100], rounded half away from zero to one decimal.
    public static func score(outcomes: [RunReport.OutcomeResult], violations: [RunReport.Violation]) -> Decimal {
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
