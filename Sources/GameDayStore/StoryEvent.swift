/// One step in a story's life: filed, recurred, shipped, regressed, verified, reopened.
public struct StoryEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A run found the gap for the first time.
        case filed
        /// A run found the gap again while the story was open.
        case recurred
        /// Someone marked the fix shipped.
        case shipped
        /// A run found the gap again after the fix was shipped: the fix did not hold.
        case regressed
        /// A run of the same drill and team no longer had the gap, or someone verified it by hand.
        case verified
        /// Someone reopened the story by hand.
        case reopened
    }

    /// What happened.
    public var kind: Kind
    /// When, as an ISO 8601 UTC time.
    public var at: String
    /// The run that caused it, when a run did.
    public var runID: Int64?
    /// A note given with a manual change.
    public var note: String?
}
