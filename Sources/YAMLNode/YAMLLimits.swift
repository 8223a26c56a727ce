/// The limits that protect the loader from hostile files (all inclusive maxima).
public struct YAMLLimits: Sendable {
    /// Largest file, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of collections, the root at 1.
    public var maxDepth: Int
    /// Most nodes after alias expansion, keys included.
    public var maxNodes: Int

    /// Creates limits.
    public init(maxBytes: Int = 4 * 1024 * 1024, maxDepth: Int = 64, maxNodes: Int = 100_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    /// The limits of the drill language: 4 MiB, depth 64, 100 000 nodes.
    public static let standard = YAMLLimits()
}
