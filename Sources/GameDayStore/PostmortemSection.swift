import Foundation
import GameDayEngine

/// A `## ` section of the postmortem template.
enum PostmortemSection: String, CaseIterable, Sendable {
    case summary, impact, timeline, rootCause, contributingFactors, wentWell, wentPoorly, improvements

    /// The heading as the template writes it.
    var heading: String {
        switch self {
        case .summary: "Summary"
        case .impact: "Impact"
        case .timeline: "Timeline"
        case .rootCause: "Root cause"
        case .contributingFactors: "Contributing factors"
        case .wentWell: "What went well"
        case .wentPoorly: "What went poorly"
        case .improvements: "Improvements"
        }
    }

    /// Headings accepted for it, lowercased (the usual variants of the template).
    var names: [String] {
        switch self {
        case .summary: ["summary", "executive summary"]
        case .impact: ["impact"]
        case .timeline: ["timeline"]
        case .rootCause: ["root cause", "root causes"]
        case .contributingFactors: ["contributing factors"]
        case .wentWell: ["what went well"]
        case .wentPoorly: ["what went poorly", "what went wrong", "what didn't go well", "what did not go well"]
        case .improvements: ["improvements", "action items"]
        }
    }

    /// The section a heading names (case and a trailing colon do not matter).
    init?(heading: String) {
        let name = Self.normalized(heading)
        guard let section = Self.allCases.first(where: { $0.names.contains(name) }) else { return nil }
        self = section
    }

    /// Lowercased, inner runs of spaces collapsed, a trailing colon dropped.
    static func normalized(_ heading: String) -> String {
        var text = heading.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        if text.hasSuffix(":") { text.removeLast() }
        return text.replacingOccurrences(of: "’", with: "'").trimmingCharacters(in: .whitespaces)
    }

    /// `; did you mean 'Root cause'?` for a misspelt heading, else the list of sections.
    static func hint(for heading: String) -> String {
        let name = normalized(heading)
        var canonical: [String: String] = [:]
        for section in allCases { for alias in section.names { canonical[alias] = section.heading } }
        if let close = Suggestion.closest(to: name, in: canonical.keys.sorted()), let heading = canonical[close] {
            return "; did you mean '\(heading)'?"
        }
        return ": the template's sections are " + allCases.map(\.heading).joined(separator: ", ")
    }
}
