import Foundation

/// The scored result of one run of a drill (spec 8).
public struct RunReport: Sendable {
    /// How an outcome turned out.
    public enum Status: String, Sendable, Hashable {
        /// Met at or before its deadline.
        case met
        /// Met after its deadline.
        case late
        /// Never met (or a `hold` outcome false at the end).
        case missed
        /// Its `after` inject never fired.
        case notApplicable = "n/a"
    }

    /// One expected outcome's result.
    public struct OutcomeResult: Sendable, Hashable {
        /// Outcome id.
        public var id: String
        /// Title.
        public var title: String
        /// Phase.
        public var phase: Phase
        /// Status.
        public var status: Status
        /// Deadline, seconds from T0.
        public var deadline: Int?
        /// When it was met.
        public var metAt: Int?
        /// Weight.
        public var weight: Decimal
        /// Credit earned.
        public var credit: Decimal
        /// Whether it is critical.
        public var critical: Bool
    }

    /// A forbidden move that triggered.
    public struct Violation: Sendable, Hashable {
        /// Move id.
        public var id: String
        /// Title.
        public var title: String
        /// When it triggered.
        public var at: Int
        /// Points off.
        public var penalty: Decimal
    }

    /// One due time of an inject that left a trace.
    public struct InjectTrace: Sendable, Hashable {
        /// How the due time went.
        public enum Status: String, Sendable, Hashable {
            /// Shown (unless silent) and its effects applied.
            case fired
            /// Its `if` was false.
            case skipped
            /// Its detection is missing or disabled.
            case undetected
        }
        /// Inject id.
        public var id: String
        /// Due time.
        public var at: Int
        /// Status.
        public var status: Status
    }

    /// One team action.
    public struct ActionTrace: Sendable, Hashable {
        /// Time.
        public var at: Int
        /// Role.
        public var by: String?
        /// The command line.
        public var command: String
        /// Applied or rejected, with the reason.
        public var outcome: CommandOutcome
    }

    /// One inject effect.
    public struct EffectTrace: Sendable, Hashable {
        /// Time.
        public var at: Int
        /// Inject id.
        public var inject: String
        /// The command line.
        public var command: String
        /// Applied, or averted with the reason.
        public var outcome: CommandOutcome
        /// Who made the move (v1.1).
        public var actor: Actor
    }

    /// How long one exposure of the drill lasted, and what it cost (v1.1).
    public struct ExposureResult: Sendable, Hashable {
        /// Exposure id.
        public var id: String
        /// Title.
        public var title: String
        /// Total seconds exposed.
        public var seconds: Int
        /// The exposed intervals, `[from, to]` in time order; none of zero length.
        public var intervals: [[Int]]
        /// Seconds allowed without penalty.
        public var budget: Int
        /// Points off, rounded half away from zero to one decimal.
        public var penalty: Decimal
    }

    /// An improvement story for a gap.
    public struct Story: Sendable, Hashable {
        /// Where the story comes from.
        public enum Source: String, Sendable, Hashable {
            /// A late or missed outcome.
            case outcome
            /// A triggered forbidden move.
            case violation
            /// An exposure beyond its budget (v1.1).
            case exposure
            /// A missing detection.
            case detection
        }
        /// `DRILL/ID` or `DRILL/detection/NAME`.
        public var key: String
        /// Title.
        public var title: String
        /// Owning role.
        public var owner: String
        /// Severity.
        public var severity: Severity
        /// Due date, `YYYY-MM-DD`.
        public var due: String
        /// Source.
        public var source: Source
        /// Longer text from the gap, when the drill gives one.
        public var text: String?
    }

    /// An expression that failed while running.
    public struct Defect: Sendable, Hashable {
        /// First time it failed.
        public var at: Int
        /// `expect/ID/check` and the like.
        public var location: String
        /// What failed.
        public var message: String
    }

    /// Times to each milestone and the SLAs.
    public struct Metrics: Sendable, Hashable {
        /// First applied `ack`.
        public var timeToAcknowledge: Int?
        /// Per phase, the latest met time when all its outcomes were met or late.
        public var timeToPhase: [Phase: Int]
        /// Response SLA limit, seconds.
        public var responseLimit: Int
        /// Whether acknowledged within it.
        public var responseMet: Bool
        /// Resolution SLA limit, seconds.
        public var resolutionLimit: Int
        /// Whether recovered within it.
        public var resolutionMet: Bool
    }

    /// Drill id.
    public var drill: String
    /// Drill title.
    public var title: String
    /// Drill severity.
    public var severity: Severity
    /// Team.
    public var team: String?
    /// Start, as written in the log.
    public var started: String?
    /// End of the run, seconds.
    public var end: Int
    /// Score, rounded to one decimal.
    public var score: Decimal
    /// Verdict.
    public var passed: Bool
    /// Outcomes, file order.
    public var outcomes: [OutcomeResult]
    /// Violations, file order.
    public var violations: [Violation]
    /// Every exposure of the drill, file order (v1.1).
    public var exposures: [ExposureResult]
    /// Metrics.
    public var metrics: Metrics
    /// Inject traces, time order.
    public var injects: [InjectTrace]
    /// Team actions, time order.
    public var actions: [ActionTrace]
    /// Inject effects, time order.
    public var effects: [EffectTrace]
    /// Finding ids, time order.
    public var findings: [String]
    /// Gap stories.
    public var stories: [Story]
    /// Drill defects.
    public var defects: [Defect]
}
