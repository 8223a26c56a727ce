/// One file of a report folder: its path relative to the folder and its text.
public struct ReportFile: Sendable, Hashable {
    /// Relative path, `/`-separated (`stories/01-key-revoked.md`).
    public var path: String
    /// The file's text.
    public var contents: String

    /// A file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
