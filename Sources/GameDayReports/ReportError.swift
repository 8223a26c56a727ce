/// Why reports could not be rendered or written.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for the terminal.
    public var description: String

    /// An error with a message.
    public init(_ description: String) { self.description = description }
}
