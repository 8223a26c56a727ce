import Foundation

/// Reads typed values out of YAML nodes, collecting a diagnostic for every misfit.
public struct NodeReader {
    /// Everything found wrong (and worth a warning) so far.
    public var diagnostics: [Diagnostic] = []

    /// Creates an empty reader.
    public init() {}

    /// Records an error.
    public mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    /// Records a warning.
    public mutating func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(.warning(message, at: location))
    }

    /// Whether any error was recorded.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The entries of a mapping node by key, checking unknown and missing fields; nil when `node` is not a mapping.
    /// `what` names the mapping in messages, and is only made when there is one to write.
    public mutating func fields(_ node: Node, of what: @autoclosure () -> String, allowed: [String], required: [String] = [],
                                explain: [String: String] = [:]) -> FieldMap? {
        var result = FieldMap(capacity: node.mapping?.count ?? 0)
        let isMapping = forEachField(node, of: what(), allowed: allowed, explain: explain) { position, key, value in
            result.appendNew(allowed[position], (key, value))
        }
        guard isMapping else { return nil }
        for name in required where result[name] == nil {
            error("\(what()) is missing the required field '\(name)'", at: node.location)
        }
        return result
    }

    /// Calls `body` with each entry of a mapping node whose key is one of `allowed` (its position there, the key
    /// and the value), in the order written; every other key is reported, with `explain`'s reason or a hint. False
    /// (and an error) when `node` is not a mapping. Keys are compared by code points (spec 9.21).
    public mutating func forEachField(_ node: Node, of what: @autoclosure () -> String, allowed: [String],
                                      explain: [String: String] = [:], _ body: (Int, Node, Node) -> Void) -> Bool {
        guard let entries = node.mapping else {
            error("\(what()) must be a mapping, found \(node.kindDescription)", at: node.location)
            return false
        }
        for (key, value) in entries {
            guard let name = key.text else {
                error("a key in \(what()) must be a plain name, found \(key.kindDescription)", at: key.location)
                continue
            }
            guard let position = NameOrder.position(of: name, in: allowed) else {
                if let why = explain[name] {
                    error(why, at: key.location)
                } else {
                    error("unknown field '\(name)' in \(what())\(Suggestion.hint(for: name, in: allowed))", at: key.location)
                }
                continue
            }
            body(position, key, value)
        }
        return true
    }

    /// A plain or quoted text; null only when `nullable`. (These readers look at the node's text, style and tag in
    /// the tree, and make no `Node.Scalar`.)
    public mutating func text(_ node: Node, _ field: String, nullable: Bool = false) -> String?? {
        guard let text = node.text else {
            error("'\(field)' must be a text, found \(node.kindDescription)", at: node.location)
            return nil
        }
        let tag = node.tag, isNull = node.isNull
        if nullable, isNull { return .some(nil) }
        if let tag, tag != .str {
            error("'\(field)' must be a text, not tagged !!\(tag.rawValue)", at: node.location)
            return nil
        }
        if isNull {
            error("'\(field)' must be a text, found null", at: node.location)
            return nil
        }
        return .some(text)
    }

    /// A required non-null text.
    public mutating func string(_ node: Node, _ field: String) -> String? {
        text(node, field) ?? nil
    }

    /// The text of a plain scalar with no tag or the tag `allowed`, nil for anything else.
    private static func plainText(_ node: Node, tag allowed: Node.Tag?) -> String? {
        guard let text = node.text, node.style == .plain else { return nil }
        let tag = node.tag
        return tag == nil || (allowed != nil && tag == allowed) ? text : nil
    }

    /// A bool: plain `true` or `false` only.
    public mutating func bool(_ node: Node, _ field: String) -> Bool? {
        guard let text = Self.plainText(node, tag: .bool), text == "true" || text == "false" else {
            error("'\(field)' must be true or false, found \(Self.shown(node))", at: node.location)
            return nil
        }
        return text == "true"
    }

    /// A plain integer matching `-?[0-9]+`.
    public mutating func int(_ node: Node, _ field: String) -> Int? {
        guard let text = Self.plainText(node, tag: .int), Self.isInteger(text), let value = Int(text) else {
            error("'\(field)' must be a whole number, found \(Self.shown(node))", at: node.location)
            return nil
        }
        return value
    }

    /// A plain number: an integer or a decimal like `1.5`.
    public mutating func number(_ node: Node, _ field: String) -> Decimal? {
        guard let text = Self.plainText(node, tag: nil), Self.isNumber(text), text.utf8.count <= 18,
              let value = Decimal(string: text) else {
            error("'\(field)' must be a number, found \(Self.shown(node))", at: node.location)
            return nil
        }
        return value
    }

    /// A duration, in the unit or the clock form.
    public mutating func duration(_ node: Node, _ field: String) -> Int? {
        guard let text = node.text, !node.isNull || node.style != .plain, let value = DurationText.parse(text) else {
            let shown = node.text.map { "'\($0)'" } ?? node.kindDescription
            error("'\(field)' must be a duration like 90s, 15m, 1h30m, 2d or 0:15, found \(shown)", at: node.location)
            return nil
        }
        return value
    }

    /// A positive duration.
    public mutating func positiveDuration(_ node: Node, _ field: String) -> Int? {
        guard let value = duration(node, field) else { return nil }
        if value <= 0 {
            error("'\(field)' must be more than zero", at: node.location)
            return nil
        }
        return value
    }

    /// An id matching `[a-z0-9][a-z0-9-]{0,63}`.
    public mutating func id(_ node: Node, _ field: String) -> String? {
        guard let value = string(node, field) else { return nil }
        guard Identifier.isValidID(value) else {
            error("'\(value)' is not a valid \(field): use 1 to 64 lowercase letters, digits and '-', starting with a letter or digit", at: node.location)
            return nil
        }
        return value
    }

    /// An entity name: non-empty, without whitespace.
    public mutating func name(_ node: Node, _ field: String) -> String? {
        guard let value = string(node, field) else { return nil }
        guard Identifier.isValidName(value) else {
            error("'\(value)' is not a valid \(field) name: it must be non-empty and have no spaces or control characters", at: node.location)
            return nil
        }
        return value
    }

    /// One of `choices`.
    public mutating func choice(_ node: Node, _ field: String, _ choices: [String]) -> String? {
        guard let value = string(node, field) else { return nil }
        guard choices.contains(value) else {
            let hint = Suggestion.hint(for: value, in: choices)
            error("'\(value)' is not a valid \(field): use one of \(choices.joined(separator: ", "))\(hint)", at: node.location)
            return nil
        }
        return value
    }

    /// A severity P1..P4.
    public mutating func severity(_ node: Node, _ field: String = "severity") -> Severity? {
        choice(node, field, Severity.allCases.map(\.rawValue)).flatMap(Severity.init(rawValue:))
    }

    /// The items of a list node (null is the empty list).
    public mutating func items(_ node: Node, _ field: String) -> [Node]? {
        if node.isNull { return [] }
        guard let items = node.sequence else {
            error("'\(field)' must be a list, found \(node.kindDescription)", at: node.location)
            return nil
        }
        return Array(items)
    }

    /// The longest list searched for duplicates item by item; a longer one keeps a set.
    static let listScanLimit = 8

    /// A list of texts, each checked by `item`, with duplicates reported.
    public mutating func list(_ node: Node, _ field: String, item: (inout NodeReader, Node) -> String?) -> [(String, Node)]? {
        guard let nodes = items(node, field) else { return nil }
        var out: [(String, Node)] = []
        out.reserveCapacity(nodes.count)
        // A short list (most are) is searched for duplicates; a long one keeps a set, so that it stays linear.
        var seen: Set<NameKey>? = nodes.count > Self.listScanLimit ? Set(minimumCapacity: nodes.count) : nil
        for n in nodes {
            guard let v = item(&self, n) else { continue }
            let repeated = seen != nil ? !seen!.insert(NameKey(v)).inserted : out.contains { NameOrder.same($0.0, v) }
            if repeated {
                error("'\(v)' is listed twice in '\(field)'", at: n.location)
                continue
            }
            out.append((v, n))
        }
        return out
    }

    /// How a misfit value is shown in a message; a quoted one is called out, since quotes make it text.
    static func shown(_ node: Node) -> String {
        guard let text = node.text else { return node.kindDescription }
        if node.style == .singleQuoted || node.style == .doubleQuoted {
            return "the quoted text '\(text)' (remove the quotes)"
        }
        return "'\(text)'"
    }

    /// True when `text` matches `-?[0-9]+`.
    public static func isInteger(_ text: String) -> Bool {
        isInteger(text.utf8[...])
    }

    /// True when the UTF-8 bytes match `-?[0-9]+`.
    private static func isInteger(_ bytes: Substring.UTF8View) -> Bool {
        var digits = bytes
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// True when `text` matches `-?[0-9]+(\.[0-9]+)?`.
    static func isNumber(_ text: String) -> Bool {
        let bytes = text.utf8[...]
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return isInteger(bytes) }
        let fraction = bytes[bytes.index(after: dot)...]
        return isInteger(bytes[..<dot]) && !fraction.isEmpty && fraction.first != UInt8(ascii: "-") && isInteger(fraction)
    }

    /// Parses an expression written in `node`, pointing errors at the offending token when the scalar is on one line.
    public mutating func expression(_ node: Node, _ field: String, scope: ExpressionScope) -> Expression? {
        guard let text = string(node, field) else { return nil }
        let place = { (offset: Int) -> SourceLocation in Self.location(of: offset, in: node) }
        do {
            let tree = try ExpressionParser.parse(text)
            let (typed, errors) = ExpressionChecker.checkCondition(tree, in: scope)
            for e in errors { error(e.message, at: place(e.offset)) }
            return errors.isEmpty ? Expression(text: text, root: typed, location: node.location) : nil
        } catch {
            self.error(error.message, at: place(error.offset))
            return nil
        }
    }

    /// The source location of scalar offset `offset` of `node`'s text.
    public static func location(of offset: Int, in node: Node) -> SourceLocation {
        guard let scalar = node.scalar, let raw = scalar.raw else { return node.location }
        let chars = Array(raw.unicodeScalars)
        var map: [Int] = []
        switch scalar.style {
        case .plain:
            guard NameOrder.same(raw, scalar.text) else { return node.location }
            return node.location.advanced(by: min(offset, chars.count))
        case .singleQuoted:
            var i = 1
            while i < chars.count - 1 {
                map.append(i)
                i += (chars[i] == "'" && i + 1 < chars.count - 1 && chars[i + 1] == "'") ? 2 : 1
            }
            map.append(i)
        case .doubleQuoted:
            var i = 1
            while i < chars.count - 1 {
                map.append(i)
                if chars[i] == "\\", i + 1 < chars.count {
                    switch chars[i + 1] {
                    case "x": i += 4
                    case "u": i += 6
                    case "U": i += 10
                    default: i += 2
                    }
                } else {
                    i += 1
                }
            }
            map.append(i)
        default:
            return node.location
        }
        guard offset < map.count else { return node.location }
        return node.location.advanced(by: map[offset])
    }
}
