import Foundation

/// The three kinds of file of the drill language.
public enum FileKind: String, Sendable {
    /// A scenario: the world.
    case scenario
    /// A drill.
    case drill
    /// A response log.
    case responses = "response log"

    /// Recognises a file by its keys: `scenario` for a scenario; a drill has `title`, `severity`, `injects`, `expect`, ...;
    /// anything else with a `drill` key is a response log (a log needs nothing more).
    public static func of(path: String) -> FileKind? {
        of(root: YAMLLoader.load(path: path).root)
    }

    /// The kind of a file whose YAML is already loaded (nil when it is not a mapping, or not one of the kinds).
    public static func of(root: Node?) -> FileKind? {
        guard let entries = root?.mapping else { return nil }
        // A root has a handful of keys: each is found in a short list, without a set made per file.
        let keys = entries.compactMap { $0.key.text }
        func has(_ name: String) -> Bool { NameOrder.position(of: name, in: keys) != nil }
        func hasOne(of list: [String]) -> Bool { keys.contains { NameOrder.position(of: $0, in: list) != nil } }
        if entries.first?.key.text == "scenario" || (has("scenario") && !has("drill")) { return .scenario }
        if hasOne(of: drillKeys) { return .drill }
        if hasOne(of: logKeys) { return .responses }
        return has("drill") ? .responses : nil
    }

    /// Keys that make a file with a `drill` key a drill rather than a response log.
    private static let drillKeys = ["title", "severity", "injects", "expect", "owner", "duration", "forbid", "scenario", "summary",
                                    "facilitator_notes", "roles", "world", "findings", "scoring"]
    /// Keys that make a file a response log.
    private static let logKeys = ["actions", "injected", "team", "started", "ended_at"]

    /// The YAML files under `path` (a file, or a folder searched recursively), sorted.
    public static func yamlFiles(under path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let item = enumerator?.nextObject() as? String {
            if item.hasSuffix(".yaml") || item.hasSuffix(".yml") {
                files.append((path as NSString).appendingPathComponent(item))
            }
        }
        return files.sorted()
    }
}
