/// A level-2 section of the runbook template (runbook-format.md 1.1), recognised by its heading's first word.
public enum RunbookSection: String, CaseIterable, Sendable, Hashable {
    /// What the runbook is for.
    case summary
    /// P1..P4.
    case severity
    /// The role that owns the runbook and does its steps by default.
    case owner
    /// The alerts the runbook answers (its triggers).
    case detection
    /// The first minutes: acknowledge, page, declare.
    case triage
    /// Stop the damage from spreading.
    case containment
    /// Remove the attacker's foothold.
    case eradication
    /// Back to a known-good state.
    case recovery
    /// Follow-up: stories, postmortem.
    case learn
    /// Who to call when.
    case escalation
    /// Links, the drill the runbook is written for.
    case related

    /// The step sections, in the order they are played.
    public static let stepSections: [RunbookSection] = [.triage, .containment, .eradication, .recovery, .learn]

    /// Whether the section's list items are steps.
    public var holdsSteps: Bool { Self.stepSections.contains(self) }

    /// The section a heading names by its first word, case ignored (`Learn` is also `Follow-up` or `Postmortem`).
    public init?(heading: String) {
        guard var word = heading.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map({ $0.lowercased() }) else { return nil }
        while let last = word.last, ":.".contains(last) { word.removeLast() }
        switch word {
        case "follow-up", "followup", "postmortem": self = .learn
        default:
            guard let section = RunbookSection(rawValue: word) else { return nil }
            self = section
        }
    }

    /// The heading as the template writes it.
    public var heading: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
