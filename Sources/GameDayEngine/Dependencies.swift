/// What parts of the state an expression reads or a command writes, as bits.
public struct Dependencies: OptionSet, Sendable, Hashable {
    /// The bits.
    public let rawValue: UInt64
    /// Creates from bits.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The bit of a world collection.
    public static func collection(_ c: Collection) -> Dependencies { Dependencies(rawValue: 1 << UInt64(c.ordinal)) }
    /// The team's applied actions with one verb (by its symbol, in one of 32 buckets), for `done(VERB, ...)`.
    public static func verb(_ symbol: Int32) -> Dependencies { Dependencies(rawValue: 1 << (32 + UInt64(UInt32(bitPattern: symbol) % 32))) }
    /// `admission`.
    public static let admission = Dependencies(rawValue: 1 << 13)
    /// `incident`.
    public static let incident = Dependencies(rawValue: 1 << 14)
    /// `paged`.
    public static let paged = Dependencies(rawValue: 1 << 15)
    /// `notified`.
    public static let notified = Dependencies(rawValue: 1 << 16)
    /// `acknowledged`.
    public static let acknowledged = Dependencies(rawValue: 1 << 17)
    /// `findings`.
    public static let findings = Dependencies(rawValue: 1 << 18)
    /// `runbooks`.
    public static let runbooks = Dependencies(rawValue: 1 << 19)
    /// `stories`.
    public static let stories = Dependencies(rawValue: 1 << 20)
    /// `postmortem_scheduled`.
    public static let postmortem = Dependencies(rawValue: 1 << 21)
    /// The team's applied actions, for `done`.
    public static let actions = Dependencies(rawValue: 1 << 22)
    /// Inject firings, for `fired`.
    public static let firings = Dependencies(rawValue: 1 << 23)
    /// The clock, `now`.
    public static let clock = Dependencies(rawValue: 1 << 24)
    /// Everything.
    public static let everything = Dependencies(rawValue: UInt64.max)
}
