import Foundation

/// A temporary folder for one test, removed when the test is done with it.
struct Scratch: ~Copyable {
    let path: String

    init(_ name: String) throws {
        path = NSTemporaryDirectory() + "gameday-hardening-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` at `relative` (creating its folders) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let full = (path as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    /// Writes `text` as UTF-8.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String { try write(relative, Array(text.utf8)) }
}

/// The small world most hardening drills run in.
let smallScenario = """
scenario: wc
roles:
  on-call:
  security-lead:
keys:
  prod-signing:

"""

/// A valid drill header for `id`, in the `wc` world.
func drillHeader(_ id: String) -> String {
    """
    drill: \(id)
    title: Hardening \(id)
    severity: P2
    owner: on-call
    scenario: wc
    duration: 1h

    """
}
