import Foundation

/// An improvement story to file when an outcome is missed, a move is forbidden, or a detection is missing.
public struct Gap: Sendable, Hashable {
    /// The story's title.
    public var title: String?
    /// The role that owns it.
    public var owner: String?
    /// Its severity.
    public var severity: Severity?
    /// Longer text for the story.
    public var story: String?
}

/// One thing the team can find out with `investigate TOPIC`.
public struct Finding: Sendable, Hashable {
    /// The finding's id.
    public var id: String
    /// The word `investigate` takes.
    public var topic: String
    /// What the team learns.
    public var text: String
}

/// A timed event of a drill: an alert, a message, or the attacker's silent move.
public struct Inject: Sendable {
    /// The inject's id.
    public var id: String
    /// Its first due time, seconds from T0.
    public var at: Int
    /// How it reaches the team.
    public var channel: Channel
    /// Who sends it.
    public var from: String?
    /// The role it is for.
    public var to: String?
    /// What it says.
    public var message: String?
    /// A detection that must exist and be enabled for it to fire.
    public var requiresDetection: String?
    /// Fires only when this holds.
    public var condition: Expression?
    /// Fires again every so many seconds.
    public var repeatEvery: Int?
    /// Stops repeating when this holds.
    public var until: Expression?
    /// World commands applied at each firing.
    public var effects: [ParsedCommand]
    /// Who makes the effects happen (v1.1).
    public var actor: Actor = .attacker
    /// The story when its detection is missing.
    public var gap: Gap?
    /// Where it is written.
    public var location: SourceLocation
}

/// An expected outcome of a drill, with its deadline.
public struct Outcome: Sendable {
    /// The outcome's id.
    public var id: String
    /// A title for reports (the id when none).
    public var title: String
    /// Its phase.
    public var phase: Phase
    /// What must hold.
    public var check: Expression
    /// Deadline in seconds from T0 or from `after`.
    public var within: Int?
    /// An inject whose first firing starts the deadline.
    public var after: String?
    /// Whether it must still hold at the end of the run.
    public var hold: Bool
    /// Its weight in the score.
    public var weight: Decimal
    /// Whether the drill fails without it.
    public var critical: Bool
    /// The story when it is late or missed.
    public var gap: Gap?
    /// Where it is written.
    public var location: SourceLocation
}

/// A move the team must not make.
public struct ForbiddenMove: Sendable {
    /// The move's id.
    public var id: String
    /// A title for reports (the id when none).
    public var title: String
    /// When the move has been made.
    public var check: Expression
    /// Points off the score.
    public var penalty: Decimal
    /// The story when it triggers.
    public var gap: Gap?
    /// Where it is written.
    public var location: SourceLocation
}

/// A bad state whose duration costs points (v1.1): customers served a backdoor, a leaked token still usable.
public struct Exposure: Sendable {
    /// The exposure's id (shares the namespace of outcomes and forbidden moves).
    public var id: String
    /// A title for reports (the id when none).
    public var title: String
    /// While this holds, the run is exposed.
    public var check: Expression
    /// Seconds of exposure allowed without penalty.
    public var budget: Int
    /// Points per `per` seconds of exposure beyond the budget.
    public var penalty: Decimal
    /// The unit of exposure the penalty is counted in, in seconds (more than zero).
    public var per: Int
    /// The most points the exposure can cost.
    public var maxPenalty: Decimal
    /// The story when the exposure exceeds its budget.
    public var gap: Gap?
    /// Where it is written.
    public var location: SourceLocation
}

/// How a drill is scored.
public struct Scoring: Sendable {
    /// Credit for an outcome met after its deadline.
    public var lateCredit: Decimal = Decimal(string: "0.5")!
    /// The score needed to pass.
    public var passScore: Decimal = 70
    /// Days to fix a gap story, by severity.
    public var storySLA: [Severity: Int] = [.p1: 7, .p2: 14, .p3: 30, .p4: 90]

    /// The defaults of spec 3.
    public init() {}
}

/// One exercise: the world it runs in, its injects, expected outcomes and forbidden moves.
public struct Drill: Sendable {
    /// The drill's id, equal to its file's base name.
    public var id: String
    /// Its title.
    public var title: String
    /// Its severity.
    public var severity: Severity
    /// The default owner role of gap stories.
    public var owner: String
    /// The scenario id.
    public var scenarioID: String
    /// The default end of a run, in seconds.
    public var duration: Int
    /// Free text summary.
    public var summary: String?
    /// Notes for the facilitator.
    public var facilitatorNotes: String?
    /// The roles taking part.
    public var roles: [String]
    /// The scenario's world with the drill's world merged over it.
    public var world: World
    /// Findings, in file order.
    public var findings: [Finding]
    /// Injects, in file order.
    public var injects: [Inject]
    /// Expected outcomes, in file order.
    public var outcomes: [Outcome]
    /// Forbidden moves, in file order.
    public var forbidden: [ForbiddenMove]
    /// Exposures, in file order (v1.1).
    public var exposures: [Exposure] = []
    /// Scoring settings.
    public var scoring: Scoring
    /// The drill's file path.
    public var file: String
    /// The scenario's title.
    public var scenarioTitle: String?

    /// The inject with id `id`.
    public func inject(_ id: String) -> Inject? { injects.first { $0.id == id } }
}
