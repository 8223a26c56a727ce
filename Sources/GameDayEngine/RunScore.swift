import Foundation

/// The scored figures of a run without its texts (spec 7): what a what-if run counts, and what a report is built from.
public struct RunScore: Sendable, Hashable {
    /// Per outcome (file order), its status.
    public var statuses: [RunReport.Status] = []
    /// Per outcome, when it was met (spec 7.3), or nil.
    public var metAt: [Int?] = []
    /// Per outcome, its deadline, or nil.
    public var deadlines: [Int?] = []
    /// Per forbidden move (file order), when it triggered, or nil.
    public var triggered: [Int?] = []
    /// Per exposure (file order), its seconds exposed.
    public var exposureSeconds: [Int] = []
    /// The score times ten: 1000 is 100.0.
    public var scoreTenths = 0
    /// Whether the run passed.
    public var passed = false
    /// The first applied `ack`.
    public var timeToAcknowledge: Int?
    /// Per phase in `Phase.allCases` order, the latest met time when every applicable outcome of it was met or late.
    public var timeToPhase: [Int?] = []
    /// Whether the response SLA was met.
    public var responseMet = false
    /// Whether the resolution SLA was met.
    public var resolutionMet = false

    /// An empty score, to be filled by `Simulator.score(into:)` again and again without reallocating.
    public init() {}

    /// The score as a decimal with one digit after the point.
    public var score: Decimal {
        Decimal(sign: scoreTenths < 0 ? .minus : .plus, exponent: -1, significand: Decimal(abs(scoreTenths)))
    }

    /// The six times of spec 7.8 in report order: acknowledge, then detect, contain, eradicate, recover, learn.
    public func metric(_ index: Int) -> Int? { index == 0 ? timeToAcknowledge : timeToPhase[index - 1] }
}
