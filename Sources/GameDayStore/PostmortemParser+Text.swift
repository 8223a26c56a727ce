import Foundation
import GameDayEngine

extension PostmortemParser.Reader {
    /// `Key: value` in a line as cmark-gfm reads it (so also `- Key: value`, `**Key:** value` and `**Key**: value`):
    /// a key of letters, spaces and hyphens before the first colon.
    static func field(_ text: String) -> (key: String, value: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, key.unicodeScalars.allSatisfy({ CharacterSet.letters.contains($0) || $0 == " " || $0 == "-" }) else { return nil }
        return (key, text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// A title without a leading `Postmortem:`.
    static func droppingPrefix(_ title: String) -> String {
        for prefix in ["postmortem:", "post-mortem:", "postmortem -", "postmortem —"] where title.lowercased().hasPrefix(prefix) {
            return String(title.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        return title
    }

    /// `P1`..`P4`, also written `SEV1`, `SEV-1` or `SEV 1`.
    static func severity(_ text: String) -> Severity? {
        let upper = text.uppercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "")
        if let severity = Severity(rawValue: upper) { return severity }
        if upper.hasPrefix("SEV") { return Severity(rawValue: "P" + upper.dropFirst(3)) }
        return nil
    }

    /// A real `YYYY-MM-DD` day.
    static func isDate(_ text: String) -> Bool {
        text.count == 10 && Timestamp.parse(text + "T00:00:00Z") != nil
    }

    /// A string of scalars.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// A leading time (`14:02`, `14:02:30`, `2026-10-14`, `2026-10-14 14:02`, each with an optional ` UTC`)
    /// and the text after it and its separator (`—`, `–`, `-`, `:`, `|`).
    static func splitTime(_ text: String) -> (time: String, rest: String)? {
        let s = Array(text.unicodeScalars)
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= s.count, s[at..<(at + count)].allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
            return Int(string(s[at..<(at + count)]))
        }
        var i = 0
        var sawDate = false, sawTime = false
        if digits(0, 4) != nil, s.count >= 10, s[4] == "-", digits(5, 2) != nil, s[7] == "-", digits(8, 2) != nil {
            guard isDate(string(s[0..<10])) else { return nil }
            i = 10
            sawDate = true
            if i < s.count, s[i] == " " || s[i] == "T", clock(s, i + 1) != nil { i += 1 }
        }
        if let end = clock(s, i) { i = end; sawTime = true }
        guard sawDate || sawTime else { return nil }
        var timeEnd = i
        var k = i
        while k < s.count, s[k] == " " { k += 1 }
        if k + 3 <= s.count, string(s[k..<(k + 3)]) == "UTC" { timeEnd = k + 3; i = k + 3 } else if k < s.count, s[k] == "Z", k == i { timeEnd = k + 1; i = k + 1 }
        let time = string(s[0..<timeEnd])
        if i == s.count { return (time, "") }
        guard s[i] == " " || s[i] == "\t" || ["—", "–", "-", ":", "|"].contains(s[i]) else { return nil }
        while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
        if i < s.count, ["—", "–", "-", ":", "|"].contains(s[i]) { i += 1 }
        let rest = string(s[i...]).trimmingCharacters(in: .whitespaces)
        return (time, rest)
    }

    /// The end of an `H:MM` or `HH:MM[:SS]` clock starting at `at`, hours below 24, minutes and seconds below 60.
    static func clock(_ s: [Unicode.Scalar], _ at: Int) -> Int? {
        func digit(_ i: Int) -> Int? { i < s.count && ("0"..."9").contains(s[i]) ? Int(s[i].value - 48) : nil }
        var i = at
        guard let h1 = digit(i) else { return nil }
        var hours = h1
        i += 1
        if let h2 = digit(i) { hours = hours * 10 + h2; i += 1 }
        guard hours < 24, i < s.count, s[i] == ":", let m1 = digit(i + 1), let m2 = digit(i + 2), m1 * 10 + m2 < 60 else { return nil }
        i += 3
        if i < s.count, s[i] == ":", let s1 = digit(i + 1), let s2 = digit(i + 2), s1 * 10 + s2 < 60 { i += 3 }
        if digit(i) != nil { return nil }
        return i
    }
}
