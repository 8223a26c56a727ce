import Foundation

/// What can be wrong with an input path before it is read, and which kind of file a mapping's keys say it is, so
/// that a folder, a misspelt name or a file of the wrong kind gets one clear error with a hint, not a dozen.
enum InputFile {
    /// Why `path` cannot be read as a `kind` file (`drill`, `response log`, `scenario`), or nil when it is a file.
    /// A folder names one of its `.yaml` files as an example; a missing file suggests the nearest existing name.
    static func problem(_ path: String, kind: String) -> String? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return nil }
            let yaml = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted()
            let example = yaml.first.map { "such as \((path as NSString).appendingPathComponent($0))" } ?? "a .yaml file"
            return "\(path) is a folder, not a \(kind) file: give one \(kind) file, \(example)"
        }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let dir = folder.isEmpty ? "." : folder
        guard fm.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "no such file: the folder \(dir) does not exist either; check the path"
        }
        let siblings = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }
        let stem = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
        let stems = Dictionary(siblings.filter { $0.hasSuffix(".yaml") }.map { (String($0.dropLast(5)), $0) }, uniquingKeysWith: { a, _ in a })
        let nearest = Suggestion.closest(to: name, in: siblings) ?? Suggestion.closest(to: stem, in: stems.keys).flatMap { stems[$0] }
            ?? (siblings.contains(stem + ".yaml") ? stem + ".yaml" : nil)
        if let nearest {
            return "no such file; did you mean '\(folder.isEmpty ? nearest : (folder as NSString).appendingPathComponent(nearest))'?"
        }
        return "no such file in \(dir); check the name (\(kind) files end in .yaml)"
    }

    /// Keys only a drill has. (Lists, not sets: a root has a handful of keys, each found among these by
    /// `NameOrder.position` without hashing.)
    static let drillKeys = ["title", "severity", "owner", "duration", "summary", "facilitator_notes", "roles", "world",
                            "findings", "injects", "expect", "forbid", "exposures", "scoring"]
    /// Keys only a response log has.
    static let logKeys = ["team", "started", "ended_at", "actions", "injected"]
    /// Keys only a scenario has (besides `scenario`).
    static let scenarioKeys = ["description"]

    /// The kind a mapping's keys say it is when it is clearly not `expected`: its name and the first key that shows it.
    static func wrongKind(_ root: Node, expected: String) -> (kind: String, key: Node)? {
        guard let entries = root.mapping else { return nil }
        let keys = entries.compactMap { $0.key.text }
        func isOne(of list: [String]) -> (String) -> Bool { { NameOrder.position(of: $0, in: list) != nil } }
        func first(_ list: [String]) -> Node? { entries.first { $0.key.text.map(isOne(of: list)) == true }?.key }
        let drillLike = keys.contains(where: isOne(of: drillKeys))
        let logLike = keys.contains(where: isOne(of: logKeys))
        let hasDrill = keys.contains { NameOrder.same($0, "drill") }
        switch expected {
        case "response log":
            if keys.first == "scenario", !hasDrill { return ("scenario", entries[0].key) }
            if drillLike, !logLike, let key = first(drillKeys) { return ("drill", key) }
        case "drill":
            if keys.first == "scenario", !hasDrill { return ("scenario", entries[0].key) }
            if logLike, !drillLike, let key = first(logKeys) { return ("response log", key) }
        default:
            if hasDrill, let key = entries.first(where: { $0.key.text == "drill" })?.key {
                return (drillLike || !logLike ? "drill" : "response log", key)
            }
        }
        return nil
    }

    /// The error for a file of kind `found` given where a `expected` file belongs, with what to do.
    static func wrongKindMessage(found: String, expected: String, key: String) -> String {
        let hint: String
        switch (found, expected) {
        case ("drill", "response log"): hint = "give it as the DRILL argument, and the team's log with --responses"
        case ("response log", "drill"): hint = "give it with --responses LOG, and its drill as the DRILL argument"
        case ("scenario", _): hint = "a drill names its scenario with 'scenario:'; give the drill instead"
        default: hint = "give a \(expected) here"
        }
        return "this is a \(found), not a \(expected) (it has '\(key)'): \(hint)"
    }
}
