import Foundation
import GameDayEngine

/// One recorded run as the history shows it: score, verdict and the times to each milestone.
public struct HistoryEntry: Sendable, Hashable {
    /// The run's number.
    public var runID: Int64
    /// Drill id.
    public var drill: String
    /// Drill title.
    public var title: String
    /// Team, when the log named one.
    public var team: String?
    /// The log's `started`, as written.
    public var started: String?
    /// When the run was recorded.
    public var runDate: Date
    /// Score, to one decimal.
    public var score: Decimal
    /// Verdict.
    public var passed: Bool
    /// Seconds to the first acknowledgement.
    public var timeToAcknowledge: Int?
    /// Seconds to each phase's last outcome (spec 7.8).
    public var timeToPhase: [Phase: Int]
    /// How many gap stories the run had.
    public var storyCount: Int

    /// When the drill happened: the log's `started`, else the run's date.
    public var time: Date { started.flatMap(Timestamp.parse) ?? runDate }

    /// Seconds to containment.
    public var timeToContain: Int? { timeToPhase[.contain] }
    /// Seconds to recovery.
    public var timeToRecover: Int? { timeToPhase[.recover] }
}
