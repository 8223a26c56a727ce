/// A step's annotation (runbook-format.md 1.3): the last parenthesised group at the end of a paragraph, when every
/// comma-separated part of it is a time, a range, a role of the world or `after INJECT`.
struct StepAnnotation {
    /// The time, when one is given.
    var duration: StepDuration?
    /// The role, when one is given.
    var role: String?
    /// The inject whose first visible firing the step waits for.
    var after: String?
    /// The paragraph's text before the group.
    var textBefore: String
    /// Problems with the parts of a group that is meant as an annotation.
    var diagnostics: [Diagnostic] = []

    /// What one part of a group is.
    private enum Part {
        case duration(Int?, String)
        case range(low: Int?, high: Int?, String)
        case after(String)
        case role(String)
        case unknown(String)
    }

    /// The paragraph's inlines as text: code spans in backticks, breaks as spaces, other markup dropped.
    static func inlineText(_ node: MarkdownNode) -> String {
        var out = ""
        func walk(_ n: MarkdownNode) {
            switch n.kind {
            case .text, .htmlInline: out += n.literal
            case .code: out += "`" + n.literal + "`"
            case .softBreak, .lineBreak: out += " "
            default: for child in n.children where !child.kind.isBlock { walk(child) }
            }
        }
        walk(node)
        return out
    }

    /// The annotation at the end of `paragraph`, or nil when it has none (a group that is not an annotation is text).
    static func parse(_ paragraph: MarkdownNode, in document: MarkdownDocument, roles: [String], injectIDs: [String],
                      checkNames: Bool) -> StepAnnotation? {
        let text = inlineText(paragraph).trimmed
        let scalars = Array(text.unicodeScalars)
        guard scalars.last == ")" else { return nil }
        var depth = 0
        var open: Int?
        for i in stride(from: scalars.count - 1, through: 0, by: -1) {
            if scalars[i] == ")" { depth += 1 }
            if scalars[i] == "(" {
                depth -= 1
                if depth == 0 { open = i; break }
            }
        }
        guard let open else { return nil }
        let group = String(String.UnicodeScalarView(scalars[(open + 1)..<(scalars.count - 1)]))
        let before = String(String.UnicodeScalarView(scalars[..<open])).trimmed
        let groupStart = document.locate(group, after: "(", from: paragraph.location, endLine: paragraph.endLine)

        var parts: [(Part, Int)] = []
        var offset = 0
        for raw in group.split(separator: ",", omittingEmptySubsequences: false) {
            let lead = raw.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
            parts.append((classify(raw.trimmed, roles: roles, injectIDs: injectIDs, checkNames: checkNames), offset + lead))
            offset += raw.unicodeScalars.count + 1
        }
        // A group with a part that is none of the kinds is text, unless that part is a misspelt role (one word
        // close to exactly one role of the world): then it is an annotation with an error.
        for (part, _) in parts {
            guard case .unknown(let word) = part else { continue }
            guard !word.contains(" "), Suggestion.closest(to: word, in: roles) != nil else { return nil }
        }
        var annotation = StepAnnotation(textBefore: before)
        func place(_ part: Int) -> SourceLocation { groupStart.advanced(by: part) }
        for (part, at) in parts {
            switch part {
            case .duration(let seconds, let written):
                guard let seconds else {
                    annotation.error("'\(written)' is not a time: write it in units, like 90s, 3m or 1h30m (no clock form here)", place(at))
                    continue
                }
                guard seconds > 0 else { annotation.error("a step's time must be more than zero, not '\(written)'", place(at)); continue }
                if annotation.duration != nil { annotation.error("the annotation gives two times; keep one", place(at)); continue }
                annotation.duration = StepDuration(.median(seconds))
            case .range(let low, let high, let written):
                guard let low, let high else {
                    annotation.error("'\(written)' is not a range of times: write it like 2m..10m", place(at))
                    continue
                }
                guard low > 0 else { annotation.error("a step's time must be more than zero, not '\(written)'", place(at)); continue }
                guard low < high else {
                    annotation.error("the range '\(written)' must go from a shorter time to a longer one", place(at))
                    continue
                }
                if annotation.duration != nil { annotation.error("the annotation gives two times; keep one", place(at)); continue }
                annotation.duration = StepDuration(.range(low: low, high: high))
            case .after(let id):
                if checkNames, !injectIDs.contains(id) {
                    annotation.error("'after \(id)': the drill has no inject '\(id)'\(Suggestion.hint(for: id, in: injectIDs))", place(at))
                    continue
                }
                if annotation.after != nil { annotation.error("the annotation waits for two injects; keep one 'after'", place(at)); continue }
                annotation.after = id
            case .role(let role):
                if annotation.role != nil { annotation.error("the annotation names two roles; a step is done by one", place(at)); continue }
                annotation.role = role
            case .unknown(let word):
                annotation.error("'\(word)' is not a role of the world, a time or 'after INJECT'\(Suggestion.hint(for: word, in: roles))", place(at))
            }
        }
        return annotation
    }

    private mutating func error(_ message: String, _ location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    private static func classify(_ part: String, roles: [String], injectIDs: [String], checkNames: Bool) -> Part {
        let bare = part.replacingOccurrences(of: "`", with: "")
        if bare.hasPrefix("after ") {
            return .after(String(bare.dropFirst("after ".count)).trimmed)
        }
        if bare.contains("..") {
            let sides = bare.components(separatedBy: "..")
            guard sides.count == 2, looksLikeTime(sides[0]), looksLikeTime(sides[1]) else { return .unknown(part) }
            return .range(low: DurationText.parseUnits(sides[0].trimmed), high: DurationText.parseUnits(sides[1].trimmed), bare)
        }
        if looksLikeTime(bare) { return .duration(DurationText.parseUnits(bare), bare) }
        if checkNames ? roles.contains(bare) : Identifier.isValidID(bare) { return .role(bare) }
        return .unknown(part)
    }

    /// Digits first, then only digits, unit letters and colons: meant as a time, even when it is not a valid one.
    private static func looksLikeTime(_ text: String) -> Bool {
        let t = text.trimmed
        guard let first = t.unicodeScalars.first, ("0"..."9").contains(first) else { return false }
        return t.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || "smhdw:".unicodeScalars.contains($0) }
    }
}
