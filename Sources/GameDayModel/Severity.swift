/// An incident severity, P1 the worst.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// Critical.
    case p1 = "P1"
    /// High.
    case p2 = "P2"
    /// Medium.
    case p3 = "P3"
    /// Low.
    case p4 = "P4"

    /// Orders P1 before P4.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// 1 for P1 up to 4 for P4.
    public var rank: Int { Severity.allCases.firstIndex(of: self)! + 1 }

    /// How long the team has to acknowledge, in seconds (spec 7.8).
    public var responseLimit: Int {
        switch self { case .p1: 15 * 60; case .p2: 3600; case .p3: 4 * 3600; case .p4: 7 * 86400 }
    }

    /// How long the team has to recover, in seconds (spec 7.8).
    public var resolutionLimit: Int {
        switch self { case .p1: 4 * 3600; case .p2: 24 * 3600; case .p3: 7 * 86400; case .p4: 14 * 86400 }
    }
}

/// How an inject reaches the team.
public enum Channel: String, Sendable, Hashable, CaseIterable, Codable {
    /// A chat message.
    case chat
    /// A page.
    case page
    /// A monitoring alert.
    case alert
    /// An email.
    case email
    /// A phone call.
    case phone
    /// A ticket.
    case ticket
    /// A third-party report.
    case report
    /// A news story.
    case news
    /// The attacker's or the world's own move, not shown to the team.
    case silent
}

/// The incident-response phase an outcome belongs to.
public enum Phase: String, Sendable, Hashable, CaseIterable, Codable {
    /// Noticing and escalating.
    case detect
    /// Stopping the damage from spreading.
    case contain
    /// Removing the attacker's foothold.
    case eradicate
    /// Returning to a known-good state.
    case recover
    /// Improving so it does not happen again.
    case learn
}

/// Who makes an inject's effects happen (v1.1): only the attacker's moves are "what the attacker achieved".
public enum Actor: String, Sendable, Hashable, CaseIterable, Codable {
    /// The attacker (the default).
    case attacker
    /// A third party: a vendor revoking tokens, a code host disabling an action.
    case thirdParty = "third-party"
    /// The world itself: a nightly build, a scheduled job.
    case world
}
