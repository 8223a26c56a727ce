import Foundation
import GameDayEngine

/// Numbers and durations as reports print them.
enum Format {
    /// A decimal as the JSON report prints it: `3`, `0.5`.
    static func decimal(_ value: Decimal) -> String { JSONValue.decimal(value, forceFraction: false).rendered() }
    /// A score with its decimal point: `17.3`, `100.0`.
    static func score(_ value: Decimal) -> String { JSONValue.decimal(value, forceFraction: true).rendered() }
    /// `1h30m`.
    static func duration(_ seconds: Int) -> String { DurationText.format(seconds) }
    /// `1 image`, `2 images`.
    static func count(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }
}
