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
        let keys = Set(entries.compactMap { $0.key.text })
        if entries.first?.key.text == "scenario" || (keys.contains("scenario") && !keys.contains("drill")) { return .scenario }
        if !keys.isDisjoint(with: ["title", "severity", "injects", "expect", "owner", "duration", "forbid", "scenario", "summary",
                                    "facilitator_notes", "roles", "world", "findings", "scoring"]) { return .drill }
        if !keys.isDisjoint(with: ["actions", "injected", "team", "started", "ended_at"]) { return .responses }
        return keys.contains("drill") ? .responses : nil
    }

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
