/// What `HistoryStore.push(from:)` added to the history it pushed into.
public struct PushResult: Sendable, Hashable {
    /// Runs copied.
    public var runsAdded = 0
    /// Runs that were there already (the same content hash): skipped.
    public var runsPresent = 0
    /// Stories that did not exist for their key and team: created.
    public var storiesAdded = 0
    /// Stories that existed and took new runs or lifecycle events.
    public var storiesMerged = 0
    /// Lifecycle events copied (filed, recurred, shipped, regressed, verified, reopened).
    public var eventsAdded = 0
    /// Postmortems copied.
    public var postmortemsAdded = 0
    /// Postmortems replaced by a later import of the same title and date.
    public var postmortemsReplaced = 0

    /// Whether the push changed nothing.
    public var isEmpty: Bool { self == PushResult() }
}

extension PushResult {
    /// Adds these counts to `total`.
    func add(to total: inout PushResult) {
        total.runsAdded += runsAdded
        total.runsPresent += runsPresent
        total.storiesAdded += storiesAdded
        total.storiesMerged += storiesMerged
        total.eventsAdded += eventsAdded
        total.postmortemsAdded += postmortemsAdded
        total.postmortemsReplaced += postmortemsReplaced
    }
}
