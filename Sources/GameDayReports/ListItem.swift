/// One line of a bulleted list, with the time it refers to when it has one.
public struct ListItem: Sendable, Hashable {
    /// The time, as the report writes times.
    public var at: String?
    /// The words (untrusted text inside).
    public var text: String
    /// The simulation time the item sorts by (its time, or a deadline for something that never happened).
    var sortTime: Int?

    /// An item.
    public init(at: String? = nil, text: String) {
        self.at = at
        self.text = text
    }

    /// An item shown at `at` (or without a time) that sorts at `sortTime`.
    init(at: String?, text: String, sortTime: Int?) {
        self.at = at
        self.text = text
        self.sortTime = sortTime
    }
}
