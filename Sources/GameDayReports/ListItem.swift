/// One line of a bulleted list, with the time it refers to when it has one.
public struct ListItem: Sendable, Hashable {
    /// The time, as the report writes times.
    public var at: String?
    /// The words (untrusted text inside).
    public var text: String

    /// An item.
    public init(at: String? = nil, text: String) {
        self.at = at
        self.text = text
    }
}
