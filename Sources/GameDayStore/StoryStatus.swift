/// Where a gap story stands: open → shipped → verified, and reopened when the gap comes back.
public enum StoryStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Filed from a gap; the fix is not shipped yet.
    case open
    /// The team says the fix is shipped; the next run of the drill will tell.
    case shipped
    /// A later run of the same drill and team no longer had the gap (or someone verified it by hand).
    case verified
    /// The gap came back after the fix was shipped, or someone reopened the story by hand.
    case reopened

    /// Whether the story still needs work (open or reopened).
    public var isActive: Bool { self == .open || self == .reopened }
}
