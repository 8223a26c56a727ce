/// Loads a runbook (runbook-format.md 1) against a drill, reporting every problem at its place, like the drill loader.
public struct RunbookLoader: Sendable {
    /// The aliases commands are translated with.
    public var aliases: AliasSet
    /// The limits on hostile input.
    public var limits: MarkdownParser.Limits

    /// A loader with the team's aliases before the catalog's.
    public init(aliases: AliasSet = .withCatalog(before: []), limits: MarkdownParser.Limits = .init()) {
        self.aliases = aliases
        self.limits = limits
    }

    /// Loads the runbook at `path`. With a drill, roles, injects and detections are checked against it; without
    /// one (`runbook list`), only the template is.
    public func load(path: String, drill: Drill?) -> LoadResult<Runbook> {
        let parsed = MarkdownParser.parse(path: path, limits: limits)
        guard let document = parsed.document, !parsed.diagnostics.contains(where: { $0.severity == .error }) else {
            return LoadResult(value: nil, diagnostics: parsed.diagnostics.sorted())
        }
        return load(document: document, drill: drill)
    }

    /// Loads a parsed document.
    public func load(document: MarkdownDocument, drill: Drill?) -> LoadResult<Runbook> {
        var reader = RunbookReader(document: document, drill: drill, aliases: aliases)
        let runbook = reader.read()
        let diagnostics = Array(Set(reader.diagnostics)).sorted()
        return LoadResult(value: diagnostics.contains { $0.severity == .error } ? nil : runbook, diagnostics: diagnostics)
    }
}

/// One pass over a runbook's Markdown, collecting diagnostics.
struct RunbookReader {
    let document: MarkdownDocument
    let drill: Drill?
    let aliases: AliasSet
    var diagnostics: [Diagnostic] = []
    private let roles: [String]
    private let injectIDs: [String]
    private let detectionNames: [String]

    init(document: MarkdownDocument, drill: Drill?, aliases: AliasSet) {
        self.document = document
        self.drill = drill
        self.aliases = aliases
        roles = drill?.world.names(.roles) ?? []
        injectIDs = drill?.injects.map(\.id) ?? []
        detectionNames = drill?.world.names(.detections) ?? []
    }

    private var top: SourceLocation { SourceLocation(file: document.file, line: 1, column: 1) }

    mutating func error(_ message: String, at location: SourceLocation) { diagnostics.append(.error(message, at: location)) }
    mutating func warning(_ message: String, at location: SourceLocation) { diagnostics.append(.warning(message, at: location)) }

    /// A section's heading and the blocks under it.
    struct Body {
        var heading: MarkdownNode
        var blocks: [MarkdownNode] = []
    }

    mutating func read() -> Runbook? {
        var title: String?
        var titleNode: MarkdownNode?
        var bodies: [RunbookSection: Body] = [:]
        var current: RunbookSection?
        for block in document.root.children {
            if case .heading(let level) = block.kind, level <= 2 {
                current = nil
                if level == 1 {
                    if titleNode == nil { titleNode = block; title = readTitle(block) }
                    continue
                }
                guard let section = RunbookSection(heading: block.plainText) else { continue }
                if bodies[section] != nil {
                    error("section '\(section.heading)' appears twice; a runbook has each section at most once", at: block.location)
                    continue
                }
                bodies[section] = Body(heading: block)
                current = section
                continue
            }
            if let current { bodies[current]?.blocks.append(block) }
        }
        if titleNode == nil { error("the runbook has no title: start it with '# Runbook: TITLE'", at: top) }
        for section in [RunbookSection.summary, .severity, .owner, .detection] where bodies[section] == nil {
            error("the runbook has no '## \(section.heading)' section", at: top)
        }

        let summary = bodies[.summary].map { prose($0) } ?? ""
        let severity = bodies[.severity].flatMap { readSeverity($0) }
        let owner = bodies[.owner].flatMap { readOwner($0) }
        let (triggers, detections) = bodies[.detection].map { readDetection($0) } ?? ([], [])
        let drillID = bodies[.related].flatMap { readRelated($0) }
        let escalation = bodies[.escalation].map { items(of: $0).map { $0.plainText.trimmed } } ?? []

        var steps: [RunbookStep] = []
        var hasItems = false
        for section in RunbookSection.stepSections {
            guard let body = bodies[section] else { continue }
            hasItems = hasItems || !items(of: body).isEmpty
            let sectionSteps = readSteps(body, section: section, owner: owner ?? "")
            if section == .triage { checkTriageTime(body, sectionSteps) }
            steps += sectionSteps
        }
        if !hasItems {
            error("the runbook has no steps: list them under '## Triage', '## Containment', '## Eradication', '## Recovery' or '## Learn'", at: top)
        }
        guard let title, let severity, let owner else { return nil }
        return Runbook(file: document.file, title: title, summary: summary, severity: severity, owner: owner, triggers: triggers,
                       detections: detections, drillID: drillID, escalation: escalation, steps: steps)
    }

    // MARK: Sections

    private mutating func readTitle(_ heading: MarkdownNode) -> String? {
        let text = heading.plainText.trimmed
        guard text.lowercased().hasPrefix("runbook:") else {
            error("the title must read 'Runbook: TITLE', not '\(text)'", at: heading.location)
            return nil
        }
        let rest = String(text.dropFirst("runbook:".count)).trimmed
        if rest.isEmpty {
            error("the title is empty: write '# Runbook: TITLE'", at: heading.location)
            return nil
        }
        return rest
    }

    private func prose(_ body: Body) -> String {
        body.blocks.filter { $0.kind == .paragraph }.map { $0.plainText.trimmed }.joined(separator: "\n\n")
    }

    /// The first word of a section whose value is one word, and where it is.
    private mutating func firstWord(_ body: Body) -> (String, SourceLocation)? {
        guard let block = body.blocks.first(where: { $0.kind == .paragraph || $0.kind == .list(ordered: false) || $0.kind == .list(ordered: true) }) else {
            error("section '\(body.heading.plainText.trimmed)' is empty", at: body.heading.location)
            return nil
        }
        let paragraph = block.kind == .paragraph ? block : (block.children.first?.blocks.first ?? block)
        guard let word = paragraph.plainText.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) else {
            error("section '\(body.heading.plainText.trimmed)' is empty", at: body.heading.location)
            return nil
        }
        let first = paragraph.children.first
        let location = first?.kind == .code ? document.locate(first!.literal, after: "`", from: first!.location, endLine: paragraph.endLine)
            : paragraph.location
        return (word, location)
    }

    private mutating func readSeverity(_ body: Body) -> Severity? {
        guard let (word, location) = firstWord(body) else { return nil }
        guard let severity = Severity(rawValue: word) else {
            let hint = Severity(rawValue: word.uppercased()) != nil ? "; write it as \(word.uppercased())" : ""
            error("'\(word)' is not a severity: write P1, P2, P3 or P4\(hint)", at: location)
            return nil
        }
        return severity
    }

    private mutating func readOwner(_ body: Body) -> String? {
        guard let (word, location) = firstWord(body) else { return nil }
        guard drill == nil || roles.contains(word) else {
            error("the owner '\(word)' is not a role of the world\(Suggestion.hint(for: word, in: roles))", at: location)
            return nil
        }
        return word
    }

    private func items(of body: Body) -> [MarkdownNode] {
        body.blocks.filter { if case .list = $0.kind { return true } else { return false } }.flatMap(\.children)
    }

    /// The item's own (first) paragraph, when its first block is one.
    private func ownParagraph(_ item: MarkdownNode) -> MarkdownNode? {
        item.children.first.flatMap { $0.kind == .paragraph ? $0 : nil }
    }

    private mutating func readDetection(_ body: Body) -> ([String], [String]) {
        var triggers: [String] = [], detections: [String] = []
        for item in items(of: body) {
            guard let paragraph = ownParagraph(item), let code = paragraph.firstCodeSpan else { continue }
            let name = code.literal.trimmed
            guard !name.isEmpty else { continue }
            guard drill != nil else { triggers.append(name); continue }
            if injectIDs.contains(name) {
                if !triggers.contains(name) { triggers.append(name) }
            } else if detectionNames.contains(name) {
                if !detections.contains(name) { detections.append(name) }
            } else {
                let place = document.locate(code.literal, after: "`", from: code.location, endLine: paragraph.endLine)
                warning("'\(name)' names no inject of drill '\(drill!.id)' and no detection of its world\(Suggestion.hint(for: name, in: injectIDs + detectionNames)): it cannot start the runbook",
                        at: place)
            }
        }
        return (triggers, detections)
    }

    private func readRelated(_ body: Body) -> String? {
        for item in items(of: body) {
            guard let paragraph = ownParagraph(item), paragraph.plainText.trimmed.lowercased().hasPrefix("drill:"),
                  let code = paragraph.firstCodeSpan else { continue }
            return code.literal.trimmed
        }
        return nil
    }

    private mutating func checkTriageTime(_ body: Body, _ steps: [RunbookStep]) {
        let heading = body.heading.plainText
        var promise = 300
        let words = heading.split(whereSeparator: { !$0.isNumber && !$0.isLetter }).map(String.init)
        if let index = words.firstIndex(where: { Int($0) != nil }), index + 1 < words.count, words[index + 1].lowercased().hasPrefix("min") {
            promise = Int(words[index])! * 60
        }
        let total = steps.reduce(0) { $0 + $1.duration.testSeconds }
        if total > promise {
            warning("the Triage steps take \(DurationText.format(total)), more than the \(DurationText.format(promise)) its heading promises; move what can wait to Containment",
                    at: body.heading.location)
        }
    }

    // MARK: Steps

    private mutating func readSteps(_ body: Body, section: RunbookSection, owner: String) -> [RunbookStep] {
        var steps: [RunbookStep] = []
        for item in items(of: body) {
            if let step = readStep(item, section: section, owner: owner) { steps.append(step) }
        }
        return steps
    }

    private mutating func readStep(_ item: MarkdownNode, section: RunbookSection, owner: String) -> RunbookStep? {
        let paragraph = ownParagraph(item)
        var written: [(String, SourceLocation)] = []
        if let paragraph, let code = paragraph.firstCodeSpan, !code.literal.trimmed.isEmpty {
            written = [(code.literal, document.locate(code.literal, after: "`", from: code.location, endLine: paragraph.endLine))]
        } else if item.blocks.contains(where: { if case .codeBlock = $0.kind { return true } else { return false } }) {
            for block in item.blocks {
                guard case .codeBlock = block.kind else { continue }
                written += codeLines(block)
            }
        } else {
            for list in item.blocks {
                guard case .list = list.kind else { continue }
                for nested in list.children {
                    guard let nestedParagraph = ownParagraph(nested), let code = nestedParagraph.firstCodeSpan, !code.literal.trimmed.isEmpty else { continue }
                    written.append((code.literal, document.locate(code.literal, after: "`", from: code.location, endLine: nestedParagraph.endLine)))
                }
            }
        }

        var annotation: StepAnnotation?
        var text = paragraph.map { inlineMarkdown($0) } ?? ""
        if let paragraph, let found = StepAnnotation.parse(paragraph, in: document, roles: roles, injectIDs: injectIDs, checkNames: drill != nil) {
            annotation = found
            text = found.textBefore
        } else if let fence = item.blocks.firstIndex(where: { if case .codeBlock = $0.kind { return true } else { return false } }),
                  let after = item.blocks[(fence + 1)...].first(where: { $0.kind == .paragraph }),
                  let found = StepAnnotation.parse(after, in: document, roles: roles, injectIDs: injectIDs, checkNames: drill != nil) {
            annotation = found
        }
        if let annotation { diagnostics += annotation.diagnostics }
        if text.isEmpty { text = written.first?.0 ?? "" }

        var commands: [RunbookCommand] = []
        var ok = annotation?.diagnostics.contains { $0.severity == .error } != true
        for (line, location) in written {
            if let command = resolve(line, at: location) { commands.append(command) } else { ok = false }
        }
        guard ok else { return nil }
        let duration = annotation?.duration ?? .unwritten
        let step = RunbookStep(section: section, text: text, commands: commands, duration: duration,
                               by: annotation?.role ?? owner, after: annotation?.after, location: item.location)
        if step.isManual {
            warning("a manual step: it has no command, so the simulation cannot tell whether it helps; give it one, or keep it for its time alone",
                    at: paragraph?.location ?? item.location)
        }
        if !duration.written {
            warning("the step has no time: it takes 1m; add one like (3m) or (2m..10m) at the end of its first paragraph",
                    at: paragraph?.location ?? item.location)
        }
        return step
    }

    /// The command lines of a code block: every non-empty line that is not a `#` comment, with its place.
    private func codeLines(_ block: MarkdownNode) -> [(String, SourceLocation)] {
        let sourceLine = block.location.line
        let fenced: Bool = {
            guard sourceLine >= 1, sourceLine <= document.lines.count else { return false }
            let start = document.lines[sourceLine - 1].drop { $0 == " " || $0 == "\t" || $0 == ">" }
            return start.hasPrefix("```") || start.hasPrefix("~~~")
        }()
        var out: [(String, SourceLocation)] = []
        for (k, line) in block.literal.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmed
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let number = sourceLine + k + (fenced ? 1 : 0)
            var column = 1
            if number >= 1, number <= document.lines.count {
                let source = document.lines[number - 1]
                column = document.locate(trimmed, from: SourceLocation(file: document.file, line: number, column: 1), endLine: number).column
                if column == 1 { column = (source.unicodeScalars.firstIndex { $0 != " " && $0 != "\t" }.map { source.unicodeScalars.distance(from: source.unicodeScalars.startIndex, to: $0) } ?? 0) + 1 }
            }
            out.append((trimmed, SourceLocation(file: document.file, line: number, column: column)))
        }
        return out
    }

    /// The paragraph's inlines as Markdown-ish text: code spans keep their backticks, breaks become spaces.
    private func inlineMarkdown(_ node: MarkdownNode) -> String {
        StepAnnotation.inlineText(node).trimmed
    }

    /// The vocabulary command a written line stands for, or nil after reporting why it is none.
    private mutating func resolve(_ written: String, at location: SourceLocation) -> RunbookCommand? {
        if let placeholder = Self.placeholder(in: written) {
            error("the placeholder '\(placeholder.text)' is still in the command: write the real value", at: location.advanced(by: placeholder.offset))
            return nil
        }
        var words: [String]
        do { words = try ShellWords.split(written) } catch {
            switch error {
            case .unterminatedQuote(let quote, let offset):
                self.error("unterminated quote \(quote) in the command; close it", at: location.advanced(by: offset))
            case .trailingBackslash:
                self.error("the command ends with a backslash", at: location)
            }
            return nil
        }
        guard words.count <= Self.maxCommandWords else {
            error("the command has \(words.count) words; a command has at most \(Self.maxCommandWords)", at: location)
            return nil
        }
        var changed = false
        if words.first == "gameday" { words.removeFirst(); changed = true }
        guard let verb = words.first else {
            error("the command is empty", at: location)
            return nil
        }
        if let spec = CommandSpec.named(verb), !spec.attackerOnly {
            let line = changed ? words.map(ShellWords.quote).joined(separator: " ") : written.trimmed
            return RunbookCommand(written: written, line: line, words: words, aliasOf: nil, location: location)
        }
        if let (_, translated) = aliases.translate(words) {
            return RunbookCommand(written: written, line: translated.map(ShellWords.quote).joined(separator: " "), words: translated,
                                  aliasOf: written, location: location)
        }
        if let spec = CommandSpec.named(verb), spec.attackerOnly {
            error("'\(verb)' is the attacker's move, not a team command", at: location)
            return nil
        }
        let hint = Suggestion.hint(for: verb, in: AliasFileLoader.teamVerbs)
        error("unknown command '\(written.trimmed)': no command of the vocabulary\(hint.isEmpty ? "" : " (\(hint.dropFirst(2)))") and no alias matches it; add an alias to runbooks/aliases.yaml or write the command of the vocabulary (see 'gameday commands')",
              at: location)
        return nil
    }

    /// The most words a command may have.
    static let maxCommandWords = 4096

    /// The first `<LIKE-THIS>` placeholder in `line`, and its offset in Unicode scalars.
    static func placeholder(in line: String) -> (text: String, offset: Int)? {
        let scalars = Array(line.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "<", let close = scalars[(i + 1)...].firstIndex(where: { $0 == ">" || $0 == "<" || $0 == " " }),
               scalars[close] == ">", close > i + 1,
               scalars[(i + 1)..<close].contains(where: { $0.properties.isAlphabetic }) {
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars[i...close])
                return (String(text), i)
            }
            i += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line ends.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !" \t\r\n".unicodeScalars.contains($0) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension RunbookLoader {
    /// The drill id the Related section of the runbook at `path` names, read without checking anything else.
    public static func relatedDrill(path: String) -> String? {
        guard let document = MarkdownParser.parse(path: path).document else { return nil }
        var inRelated = false
        for block in document.root.children {
            if case .heading(let level) = block.kind, level <= 2 {
                inRelated = level == 2 && RunbookSection(heading: block.plainText) == .related
                continue
            }
            guard inRelated, case .list = block.kind else { continue }
            for item in block.children {
                guard let paragraph = item.children.first, paragraph.kind == .paragraph,
                      paragraph.plainText.trimmed.lowercased().hasPrefix("drill:"), let code = paragraph.firstCodeSpan else { continue }
                return code.literal.trimmed
            }
        }
        return nil
    }
}
