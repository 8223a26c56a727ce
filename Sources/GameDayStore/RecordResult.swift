/// What recording a run did to the backlog.
public struct RecordResult: Sendable, Hashable {
    /// One story the run touched.
    public struct Change: Sendable, Hashable {
        /// The story's number in the backlog.
        public var storyID: Int64
        /// The story key.
        public var key: String
        /// The story title.
        public var title: String
        /// How many recorded runs have had the gap, this one included.
        public var occurrences: Int
    }

    /// The new run's number.
    public var runID: Int64
    /// Gaps seen for the first time: new open stories.
    public var new: [Change]
    /// Gaps whose story was still open (or reopened): a recurrence was added to it.
    public var recurrences: [Change]
    /// Gaps whose story was shipped or verified: the shipped fix did not hold, and the story is reopened.
    public var regressions: [Change]
    /// Shipped stories of this drill and team whose gap this run no longer had: now verified.
    public var verified: [Change]
}
