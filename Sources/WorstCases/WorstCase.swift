/// One generated hostile input: a few files written into a folder, the file to validate, and what must happen.
public struct WorstCase: Sendable {
    /// One file of the case, at a path relative to the case's folder.
    public struct File: Sendable {
        /// The relative path, like `drills/x.yaml`.
        public var path: String
        /// The file's content.
        public var bytes: [UInt8]
    }

    /// What loading the target must give.
    public enum Expectation: Sendable, Equatable {
        /// No error at all.
        case accepted
        /// At least one error, and one whose message contains this text.
        case refused(containing: String)
        /// Errors (at least `count`), every one of them with this text in its message.
        case refusedEach(containing: String, count: Int)
    }

    /// A short name, like `flat-mapping`.
    public var name: String
    /// What the case stresses, for the benchmark's table.
    public var summary: String
    /// The files to write.
    public var files: [File]
    /// The relative path of the file to validate.
    public var target: String
    /// What validating the target must give.
    public var expectation: Expectation

    /// The size of the target file in bytes.
    public var targetSize: Int { files.first { $0.path == target }?.bytes.count ?? 0 }
}
