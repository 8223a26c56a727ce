import Foundation

/// RFC 3339 timestamps of response logs, and the UTC dates of gap stories.
public enum Timestamp {
    /// The instant of an RFC 3339 time, or nil.
    public static func parse(_ text: String) -> Date? {
        let pattern = #"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#
        guard text.range(of: pattern, options: .regularExpression) != nil else { return nil }
        var normalized = text.replacingOccurrences(of: "t", with: "T").replacingOccurrences(of: "z", with: "Z")
        if normalized.count > 10, normalized[normalized.index(normalized.startIndex, offsetBy: 10)] == " " {
            normalized.replaceSubrange(normalized.index(normalized.startIndex, offsetBy: 10)...normalized.index(normalized.startIndex, offsetBy: 10), with: "T")
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = normalized.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        guard let date = formatter.date(from: normalized) else { return nil }
        // Reject impossible dates that the formatter rolls over (2026-02-30).
        let calendar = utcCalendar
        let day = String(normalized.prefix(10))
        let offsetSeconds = TimeZone(secondsFromGMT: offset(of: normalized)) ?? TimeZone(identifier: "UTC")!
        var local = calendar
        local.timeZone = offsetSeconds
        let c = local.dateComponents([.year, .month, .day], from: date)
        guard String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0) == day else { return nil }
        return date
    }

    private static func offset(of text: String) -> Int {
        if text.hasSuffix("Z") { return 0 }
        let tail = text.suffix(6)
        let sign = tail.first == "-" ? -1 : 1
        let parts = tail.dropFirst().split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return 0 }
        return sign * (h * 3600 + m * 60)
    }

    /// A Gregorian calendar in UTC.
    public static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// `YYYY-MM-DD` of `date` in UTC plus `days` (integer arithmetic on the proleptic Gregorian calendar).
    public static func utcDate(_ date: Date, plusDays days: Int) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = (seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400) + days
        let (y, m, d) = civil(fromDays: day)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = String(y)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(m) + "-" + two(d)
    }

    /// Year, month and day of `days` since 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` of `date` plus `seconds`, in UTC.
    public static func utcTime(_ date: Date, plusSeconds seconds: Int) -> String {
        let calendar = utcCalendar
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date.addingTimeInterval(TimeInterval(seconds)))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
