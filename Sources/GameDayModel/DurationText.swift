/// Parses and prints durations: `90s`, `1h30m`, `2d`, `0m`, or clocks `H:MM`, `H:MM:SS`; values are seconds.
public enum DurationText {
    private static let units: [(Character, Int)] = [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

    /// Seconds for `text`, or nil when it is not a duration.
    public static func parse(_ text: String, allowClock: Bool = true) -> Int? {
        if allowClock, text.utf8.contains(UInt8(ascii: ":")) { return parseClock(text) }
        return parseUnits(text)
    }

    /// Parses the unit form: numbers followed by units, largest first, each at most once. (Read as UTF-8 bytes:
    /// every byte of a duration is ASCII, and any other byte makes it not one.)
    public static func parseUnits(_ text: String) -> Int? {
        var total = 0
        var number: Int?
        var lastUnit = -1
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                let (m, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (v, o2) = m.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                if o1 || o2 || v > 1_000_000_000_000 { return nil }
                number = v
            } else if let index = unitIndex(byte) {
                guard let n = number, index > lastUnit else { return nil }
                let (p, o) = n.multipliedReportingOverflow(by: units[index].1)
                if o { return nil }
                let (t, o2) = total.addingReportingOverflow(p)
                if o2 || t > 1_000_000_000_000 { return nil }
                total = t
                lastUnit = index
                number = nil
            } else {
                return nil
            }
        }
        guard number == nil, lastUnit >= 0 else { return nil }
        return total
    }

    /// The position in `units` of the unit letter `byte`, if it is one.
    private static func unitIndex(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "w"): 0
        case UInt8(ascii: "d"): 1
        case UInt8(ascii: "h"): 2
        case UInt8(ascii: "m"): 3
        case UInt8(ascii: "s"): 4
        default: nil
        }
    }

    /// Parses `H:MM` or `H:MM:SS` with MM and SS two digits from 00 to 59.
    public static func parseClock(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        guard let hoursText = parts.first, !hoursText.isEmpty, hoursText.count <= 9,
              hoursText.allSatisfy({ $0.isASCII && $0.isNumber }), let hours = Int(hoursText) else { return nil }
        var total = hours * 3600
        for (i, part) in parts.dropFirst().enumerated() {
            guard part.count == 2, part.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(part), v <= 59 else { return nil }
            total += v * (i == 0 ? 60 : 1)
        }
        return total
    }

    /// The unit form of `seconds`, largest unit first: `1h30m`, `0s` for zero.
    public static func format(_ seconds: Int) -> String {
        if seconds == 0 { return "0s" }
        var rest = seconds
        var out = seconds < 0 ? "-" : ""
        rest = abs(rest)
        for (unit, size) in units where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out
    }

    /// `T+mm:ss`, or `T+h:mm:ss` past an hour, or `T+Nd h:mm:ss` past a day.
    public static func clock(_ seconds: Int) -> String {
        let d = seconds / 86_400, h = (seconds % 86_400) / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        if d > 0 { return "T+\(d)d \(h):\(two(m)):\(two(s))" }
        if h > 0 { return "T+\(h):\(two(m)):\(two(s))" }
        return "T+\(two(m)):\(two(s))"
    }
}
