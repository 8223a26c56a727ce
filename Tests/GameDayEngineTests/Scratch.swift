import Foundation

/// This test process's own folder under the temporary directory: every scratch file and folder of the target's
/// tests lies in it, and it is removed, whatever a test left in it, when the process exits.
enum Scratch {
    /// The folder, with a trailing slash; created on first use.
    static let root: String = {
        let path = NSTemporaryDirectory() + "gameday-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))/"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { Scratch.remove() }
        return path
    }()

    /// Removes the folder and everything in it.
    static func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
