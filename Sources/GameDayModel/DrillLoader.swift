import Foundation

/// Loads scenarios, drills and response logs from files, checking every rule of the drill language.
public struct DrillLoader: Sendable {
    /// Where scenarios are looked for; nil means `../scenarios/` beside the drill's folder.
    public var scenariosDirectory: String?
    /// Where drills are looked for when a log is given alone.
    public var drillsDirectory: String?
    /// The limits on hostile input.
    public var limits: YAMLLimits

    /// Creates a loader.
    public init(scenariosDirectory: String? = nil, drillsDirectory: String? = nil, limits: YAMLLimits = .standard) {
        self.scenariosDirectory = scenariosDirectory
        self.drillsDirectory = drillsDirectory
        self.limits = limits
    }

    /// The words that mark a warning about an inject that goes unnoticed on purpose (its drill gives it a `gap`).
    public static let deliberateDetectionGap = "a deliberate detection gap"

    /// Most events a run may have (spec 9.11).
    public static let maxEvents = 100_000

    static func baseName(_ path: String) -> String {
        // The last component, as NSString's lastPathComponent gives it (trailing slashes ignored; "/" stays "/").
        let file = pathParts(path).last.map(String.init) ?? path
        return file.hasSuffix(".yaml") ? String(file.dropLast(5)) : (file as NSString).deletingPathExtension
    }

    /// Why `path` cannot be read as a `kind` file (a folder, a missing file, with the nearest existing name), or nil.
    public static func fileProblem(_ path: String, kind: String) -> String? { InputFile.problem(path, kind: kind) }

    /// The root mapping of the `kind` file at `path`, loaded now unless the caller has loaded it already
    /// (`document`). A folder, a missing file or a file of another kind is one error with a hint.
    private func root(_ path: String, _ reader: inout NodeReader, kind: String, document: YAMLLoader.Result? = nil) -> Node? {
        if document == nil, let problem = InputFile.problem(path, kind: kind) {
            reader.error(problem, at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        let result = document ?? YAMLLoader.load(path: path, limits: limits)
        reader.diagnostics += result.diagnostics
        guard let root = result.root, !result.diagnostics.contains(where: { $0.message.hasPrefix("invalid YAML") }) else { return nil }
        if root.mapping == nil {
            reader.error("the file must be a YAML mapping, found \(root.kindDescription)", at: root.location)
            return nil
        }
        if let (found, key) = InputFile.wrongKind(root, expected: kind) {
            reader.error(InputFile.wrongKindMessage(found: found, expected: kind, key: key.text ?? ""), at: key.location)
            return nil
        }
        return root
    }

    private static let scenarioFields = ["scenario", "title", "description"] + WorldLoader.worldKeys

    /// Loads the scenario file at `path` (from `document` when the caller has loaded its YAML already).
    public func loadScenario(path: String, document: YAMLLoader.Result? = nil) -> LoadResult<Scenario> {
        var reader = NodeReader()
        guard let (scenario, raw) = readScenario(path: path, reader: &reader, document: document) else {
            return LoadResult(value: nil, diagnostics: reader.diagnostics.sorted())
        }
        var world = scenario
        world.world = WorldLoader.decode(raw, reader: &reader)
        return finish(world, reader)
    }

    private func readScenario(path: String, reader: inout NodeReader, document: YAMLLoader.Result? = nil) -> (Scenario, WorldLoader.RawWorld)? {
        guard let root = root(path, &reader, kind: "scenario", document: document),
              let fields = reader.fields(root, of: "a scenario", allowed: Self.scenarioFields, required: ["scenario"]) else { return nil }
        var id = Self.baseName(path)
        if let (_, node) = fields["scenario"], let value = reader.id(node, "scenario id") {
            if value != id {
                reader.error("the scenario id '\(value)' must equal the file's base name '\(id)'; rename the file or the id",
                             at: SourceLocation(file: path, line: 1, column: 1))
            }
            id = value
        }
        let title = fields["title"].flatMap { reader.string($0.value, "title") }
        let description = fields["description"].flatMap { reader.string($0.value, "description") }
        let raw = WorldLoader.readRaw(fields, reader: &reader)
        return (Scenario(id: id, title: title, description: description, world: World(), file: path), raw)
    }

    private func finish<T>(_ value: T, _ reader: NodeReader) -> LoadResult<T> {
        let unique = Array(Set(reader.diagnostics)).sorted()
        return LoadResult(value: reader.hasErrors ? nil : value, diagnostics: unique)
    }

    private static let drillFields = ["drill", "title", "severity", "owner", "scenario", "duration", "summary", "facilitator_notes",
                                      "roles", "world", "findings", "injects", "expect", "forbid", "exposures", "scoring"]

    /// The path of the scenario `id` for the drill at `drillPath`.
    public func scenarioPath(for id: String, drillPath: String) -> String {
        let file = "\(id).yaml"
        if let dir = scenariosDirectory { return Self.tidy(dir.isEmpty ? file : dir + "/" + file) }
        // `../scenarios/` beside the drill's folder: the drill's path without its file name, then those parts (with
        // plain string work: going through `NSString` cost more than loading a small drill).
        let folder = Self.pathParts(drillPath).dropLast().joined(separator: "/")
        return Self.tidy((drillPath.hasPrefix("/") ? "/" : "") + folder + (folder.isEmpty ? "" : "/") + "../scenarios/" + file)
    }

    /// The parts of `path` between slashes, empty ones left out. Split on UTF-8 (`/` is one byte), since splitting a
    /// `String` by `Character` walks grapheme clusters.
    static func pathParts(_ path: String) -> [Substring] {
        path.utf8.split(separator: UInt8(ascii: "/")).map { path[$0.startIndex..<$0.endIndex] }
    }

    static func tidy(_ path: String) -> String {
        var parts: [String] = []
        let absolute = path.hasPrefix("/")
        for part in pathParts(path) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(String(part))
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// Loads the drill at `path` with its scenario, merging the drill's world over the scenario's
    /// (from `document` when the caller has loaded the drill's YAML already).
    public func loadDrill(path: String, document: YAMLLoader.Result? = nil) -> LoadResult<Drill> {
        var reader = NodeReader()
        guard let root = root(path, &reader, kind: "drill", document: document),
              let f = reader.fields(root, of: "a drill", allowed: Self.drillFields,
                                    required: ["drill", "title", "severity", "owner", "scenario", "duration"]) else {
            return LoadResult(value: nil, diagnostics: reader.diagnostics.sorted())
        }
        var id = Self.baseName(path)
        if let (_, node) = f["drill"], let value = reader.id(node, "drill id") {
            if value != id {
                reader.error("the drill id '\(value)' must equal the file's base name '\(id)'; rename the file or the id",
                             at: SourceLocation(file: path, line: 1, column: 1))
            }
            id = value
        }
        // The world: scenario merged with the drill's own.
        var scenarioID = ""
        var scenarioTitle: String?
        var raw = WorldLoader.RawWorld()
        if let (_, node) = f["scenario"], let value = reader.id(node, "scenario id") {
            scenarioID = value
            let scenarioFile = scenarioPath(for: value, drillPath: path)
            if FileManager.default.fileExists(atPath: scenarioFile) {
                if let (scenario, scenarioRaw) = readScenario(path: scenarioFile, reader: &reader) {
                    raw = scenarioRaw
                    scenarioTitle = scenario.title
                }
            } else {
                reader.error("scenario '\(value)' not found: looked for \(scenarioFile); put it there or pass --scenarios DIR", at: node.location)
            }
        }
        if let (_, node) = f["world"], !node.isNull {
            if let worldFields = reader.fields(node, of: "the drill's world", allowed: WorldLoader.worldKeys) {
                raw = WorldLoader.merge(raw, WorldLoader.readRaw(worldFields, reader: &reader))
            }
        }
        let world = WorldLoader.decode(raw, reader: &reader)
        let roleNames = world.names(.roles)
        let roleSet = Set(roleNames.map(NameKey.init))
        var roleSuggester: NameSuggester?
        func role(_ node: Node, _ field: String) -> String? {
            guard let value = reader.string(node, field) else { return nil }
            guard roleSet.contains(NameKey(value)) else {
                if roleSuggester == nil { roleSuggester = NameSuggester(roleNames) }
                reader.error("unknown role '\(value)' in '\(field)': the world has no such role\(roleSuggester!.hint(for: value))", at: node.location)
                return nil
            }
            return value
        }

        let title = f["title"].flatMap { reader.string($0.value, "title") } ?? id
        let severity = f["severity"].flatMap { reader.severity($0.value) } ?? .p3
        let owner = f["owner"].flatMap { role($0.value, "owner") } ?? ""
        let duration = f["duration"].flatMap { reader.positiveDuration($0.value, "duration") } ?? 0
        let summary = f["summary"].flatMap { reader.string($0.value, "summary") }
        let notes = f["facilitator_notes"].flatMap { reader.string($0.value, "facilitator_notes") }
        var roles: [String] = []
        if let (_, node) = f["roles"] {
            let listed = reader.list(node, "roles") { reader, item in reader.string(item, "roles") } ?? []
            roles = listed.compactMap { role($0.1, "roles") }
        }

        // Findings.
        var findings: [Finding] = []
        if let (_, node) = f["findings"], !node.isNull {
            if let entries = node.mapping {
                for (key, body) in entries {
                    guard let fid = reader.id(key, "finding id"),
                          let ff = reader.fields(body, of: "finding '\(fid)'", allowed: ["topic", "text"], required: ["topic", "text"]),
                          let topic = ff["topic"].flatMap({ reader.string($0.value, "topic") }),
                          let text = ff["text"].flatMap({ reader.string($0.value, "text") }) else { continue }
                    findings.append(Finding(id: fid, topic: topic, text: text))
                }
            } else {
                reader.error("'findings' must be a mapping from id to {topic, text}, found \(node.kindDescription)", at: node.location)
            }
        }

        // Injects: ids first, so that expressions can refer to any of them.
        let injectNodes = f["injects"].flatMap { reader.items($0.value, "injects") } ?? []
        var injectIDs: [String] = []
        for node in injectNodes {
            if let idNode = node.mapping?.first(where: { $0.key.text == "id" })?.value, let value = idNode.text, Identifier.isValidID(value) {
                injectIDs.append(value)
            }
        }
        let checkScope = ExpressionScope(allowsNow: false, injectIDs: injectIDs, roles: roleNames)
        let timeScope = ExpressionScope(allowsNow: true, injectIDs: injectIDs, roles: roleNames)
        func gap(_ node: Node?) -> Gap? {
            guard let node, !node.isNull else { return nil }
            guard let g = reader.fields(node, of: "a gap", allowed: ["title", "owner", "severity", "story"]) else { return nil }
            return Gap(title: g["title"].flatMap { reader.string($0.value, "title") },
                       owner: g["owner"].flatMap { role($0.value, "gap owner") },
                       severity: g["severity"].flatMap { reader.severity($0.value) },
                       story: g["story"].flatMap { reader.string($0.value, "story") })
        }
        var injects: [Inject] = []
        var seenInjects = Set<String>()
        let injectFields = ["id", "at", "channel", "from", "to", "message", "requires_detection", "if", "repeat", "until", "actor", "effects", "gap"]
        for node in injectNodes {
            guard let g = reader.fields(node, of: "an inject", allowed: injectFields, required: ["id", "at", "channel"]) else { continue }
            guard let iid = g["id"].flatMap({ reader.id($0.value, "inject id") }) else { continue }
            if !seenInjects.insert(iid).inserted {
                reader.error("duplicate inject id '\(iid)'", at: g["id"]!.value.location)
                continue
            }
            let channel = g["channel"].flatMap { reader.choice($0.value, "channel", Channel.allCases.map(\.rawValue)) }.flatMap(Channel.init(rawValue:))
            let message = g["message"].flatMap { reader.string($0.value, "message") }
            if channel != nil, channel != .silent, g["message"] == nil {
                reader.error("inject '\(iid)' is missing the required field 'message' (only silent injects may leave it out)", at: node.location)
            }
            var effects: [ParsedCommand] = []
            if let (_, list) = g["effects"], let items = reader.items(list, "effects") {
                for item in items {
                    guard let line = reader.string(item, "effect") else { continue }
                    let words: [String]
                    do { words = try ShellWords.split(line) } catch {
                        reader.error("cannot split the effect into words: an unterminated quote", at: item.location)
                        continue
                    }
                    switch CommandParser.parse(words: words, text: line) {
                    case .success(let command): effects.append(command)
                    case .failure(let failure):
                        let message = words.isEmpty ? "an effect cannot be empty" : failure.message
                        reader.error(message, at: item.location)
                    }
                }
            }
            if g["until"] != nil, g["repeat"] == nil {
                reader.warning("'until' has no effect without 'repeat'", at: g["until"]!.key.location)
            }
            let detection = g["requires_detection"].flatMap { reader.name($0.value, "detection") }
            if let detection, let (_, dnode) = g["requires_detection"] {
                // With a `gap`, the drill plans for the inject to go unnoticed: it files an "Add detection" story.
                let deliberate = g["gap"] != nil ? " (\(Self.deliberateDetectionGap): its gap files an 'Add detection' story)" : ""
                if let entity = world.entity(.detections, detection) {
                    if entity["enabled", in: .detections] == .bool(false) {
                        reader.warning("inject '\(iid)' needs detection '\(detection)', which is disabled: it will be undetected\(deliberate)", at: dnode.location)
                    }
                } else {
                    reader.warning("inject '\(iid)' needs detection '\(detection)', which the world lacks: it will be undetected\(deliberate)", at: dnode.location)
                }
            }
            let inject = Inject(
                id: iid,
                at: g["at"].flatMap { reader.duration($0.value, "at") } ?? 0,
                channel: channel ?? .chat,
                from: g["from"].flatMap { reader.string($0.value, "from") },
                to: g["to"].flatMap { role($0.value, "to") },
                message: message,
                requiresDetection: detection,
                condition: g["if"].flatMap { reader.expression($0.value, "if", scope: timeScope) },
                repeatEvery: g["repeat"].flatMap { reader.positiveDuration($0.value, "repeat") },
                until: g["until"].flatMap { reader.expression($0.value, "until", scope: timeScope) },
                effects: effects,
                actor: g["actor"].flatMap { reader.choice($0.value, "actor", Actor.allCases.map(\.rawValue)) }.flatMap(Actor.init(rawValue:)) ?? .attacker,
                gap: gap(g["gap"]?.value),
                location: node.location)
            if duration > 0, inject.at > duration {
                reader.warning("inject '\(iid)' is due at \(DurationText.format(inject.at)), after the drill's end at \(DurationText.format(duration)): it never fires unless a log runs longer", at: g["at"]!.value.location)
            }
            injects.append(inject)
        }

        // Outcomes and forbidden moves share one namespace.
        var checkIDs = Set<String>()
        let injectIDSet = Set(injectIDs)
        var injectSuggester: NameSuggester?
        var outcomes: [Outcome] = []
        let outcomeFields = ["id", "title", "phase", "check", "within", "after", "hold", "weight", "critical", "gap"]
        for node in f["expect"].flatMap({ reader.items($0.value, "expect") }) ?? [] {
            guard let g = reader.fields(node, of: "an expected outcome", allowed: outcomeFields, required: ["id", "phase", "check"]),
                  let oid = g["id"].flatMap({ reader.id($0.value, "outcome id") }) else { continue }
            if !checkIDs.insert(oid).inserted {
                reader.error("duplicate id '\(oid)': outcomes, forbidden moves and exposures share one set of ids", at: g["id"]!.value.location)
                continue
            }
            var after: String?
            if let (_, anode) = g["after"], let value = reader.string(anode, "after") {
                if injectIDSet.contains(value) { after = value } else {
                    if injectSuggester == nil { injectSuggester = NameSuggester(injectIDs) }
                    reader.error("'after' names no inject of this drill: '\(value)'\(injectSuggester!.hint(for: value))", at: anode.location)
                }
                if g["within"] == nil {
                    reader.error("'after' needs 'within': the deadline is counted from the inject's first firing", at: g["after"]!.key.location)
                }
            }
            let within = g["within"].flatMap { reader.duration($0.value, "within") }
            if let within, after == nil, duration > 0, within > duration {
                reader.warning("the deadline \(DurationText.format(within)) is after the drill's end at \(DurationText.format(duration))", at: g["within"]!.value.location)
            }
            var weight: Decimal = 1
            if let (_, wnode) = g["weight"], let w = reader.number(wnode, "weight") {
                if w <= 0 { reader.error("'weight' must be a positive number", at: wnode.location) } else { weight = w }
            }
            let check = g["check"].flatMap { reader.expression($0.value, "check", scope: checkScope) }
            let phase = g["phase"].flatMap { reader.choice($0.value, "phase", Phase.allCases.map(\.rawValue)) }.flatMap(Phase.init(rawValue:))
            guard let check, let phase else { continue }
            outcomes.append(Outcome(
                id: oid, title: g["title"].flatMap { reader.string($0.value, "title") } ?? oid, phase: phase, check: check,
                within: within, after: after, hold: g["hold"].flatMap { reader.bool($0.value, "hold") } ?? false,
                weight: weight, critical: g["critical"].flatMap { reader.bool($0.value, "critical") } ?? false,
                gap: gap(g["gap"]?.value), location: node.location))
        }
        var forbidden: [ForbiddenMove] = []
        for node in f["forbid"].flatMap({ reader.items($0.value, "forbid") }) ?? [] {
            guard let g = reader.fields(node, of: "a forbidden move", allowed: ["id", "title", "check", "penalty", "gap"], required: ["id", "check"]),
                  let mid = g["id"].flatMap({ reader.id($0.value, "forbidden move id") }) else { continue }
            if !checkIDs.insert(mid).inserted {
                reader.error("duplicate id '\(mid)': outcomes, forbidden moves and exposures share one set of ids", at: g["id"]!.value.location)
                continue
            }
            var penalty: Decimal = 10
            if let (_, pnode) = g["penalty"], let p = reader.number(pnode, "penalty") {
                if p < 0 { reader.error("'penalty' cannot be negative", at: pnode.location) } else { penalty = p }
            }
            guard let check = g["check"].flatMap({ reader.expression($0.value, "check", scope: checkScope) }) else { continue }
            forbidden.append(ForbiddenMove(id: mid, title: g["title"].flatMap { reader.string($0.value, "title") } ?? mid,
                                           check: check, penalty: penalty, gap: gap(g["gap"]?.value), location: node.location))
        }
        var exposures: [Exposure] = []
        let exposureFields = ["id", "title", "check", "budget", "penalty", "per", "max_penalty", "gap"]
        for node in f["exposures"].flatMap({ reader.items($0.value, "exposures") }) ?? [] {
            guard let g = reader.fields(node, of: "an exposure", allowed: exposureFields, required: ["id", "check"]),
                  let eid = g["id"].flatMap({ reader.id($0.value, "exposure id") }) else { continue }
            if !checkIDs.insert(eid).inserted {
                reader.error("duplicate id '\(eid)': outcomes, forbidden moves and exposures share one set of ids", at: g["id"]!.value.location)
                continue
            }
            func nonNegative(_ field: String, _ fallback: Decimal) -> Decimal {
                guard let (_, n) = g[field], let v = reader.number(n, field) else { return fallback }
                if v < 0 { reader.error("'\(field)' cannot be negative", at: n.location); return fallback }
                return v
            }
            let budget = g["budget"].flatMap { reader.duration($0.value, "budget") } ?? 0
            let per = g["per"].flatMap { reader.positiveDuration($0.value, "per") } ?? 60
            let penalty = nonNegative("penalty", 1)
            let maxPenalty = nonNegative("max_penalty", 20)
            guard let check = g["check"].flatMap({ reader.expression($0.value, "check", scope: checkScope) }) else { continue }
            exposures.append(Exposure(id: eid, title: g["title"].flatMap { reader.string($0.value, "title") } ?? eid, check: check,
                                      budget: budget, penalty: penalty, per: per, maxPenalty: maxPenalty,
                                      gap: gap(g["gap"]?.value), location: node.location))
        }

        var scoring = Scoring()
        if let (_, node) = f["scoring"], !node.isNull,
           let s = reader.fields(node, of: "scoring", allowed: ["late_credit", "pass_score", "story_sla"]) {
            if let (_, n) = s["late_credit"], let v = reader.number(n, "late_credit") {
                if v < 0 || v > 1 { reader.error("'late_credit' must be between 0 and 1", at: n.location) } else { scoring.lateCredit = v }
            }
            if let (_, n) = s["pass_score"], let v = reader.number(n, "pass_score") {
                if v < 0 || v > 100 { reader.error("'pass_score' must be between 0 and 100", at: n.location) } else { scoring.passScore = v }
            }
            if let (_, n) = s["story_sla"], !n.isNull,
               let sla = reader.fields(n, of: "story_sla", allowed: Severity.allCases.map(\.rawValue)) {
                for severity in Severity.allCases {
                    guard let (_, d) = sla[severity.rawValue], let seconds = reader.duration(d, severity.rawValue) else { continue }
                    if seconds <= 0 || seconds % 86_400 != 0 {
                        reader.error("a story SLA must be a whole number of days, like 7d or 2w", at: d.location)
                    } else {
                        scoring.storySLA[severity] = seconds / 86_400
                    }
                }
            }
        }

        // The run's size: every due time of every inject up to the end, as if no repeat stopped.
        if duration > 0, Self.countDueTimes(injects, end: duration, firstDue: [:]) > Self.maxEvents {
            reader.error("the drill has more than \(Self.maxEvents) events in \(DurationText.format(duration)); lengthen 'repeat' or shorten 'duration'",
                         at: f["duration"]?.value.location ?? root.location)
        }

        let drill = Drill(id: id, title: title, severity: severity, owner: owner, scenarioID: scenarioID, duration: duration,
                          summary: summary, facilitatorNotes: notes, roles: roles, world: world, findings: findings,
                          injects: injects, outcomes: outcomes, forbidden: forbidden, exposures: exposures, scoring: scoring, file: path,
                          scenarioTitle: scenarioTitle)
        return finish(drill, reader)
    }

    /// The number of due times of `injects` up to `end`, counted as if no repeat stopped.
    public static func countDueTimes(_ injects: [Inject], end: Int, firstDue: [String: Int]) -> Int {
        var total = 0
        for inject in injects {
            let first = firstDue[inject.id] ?? inject.at
            guard first <= end else { continue }
            if let every = inject.repeatEvery, every > 0 { total += (end - first) / every + 1 } else { total += 1 }
            if total > maxEvents { return total }
        }
        return total
    }

    private static let logFields = ["drill", "team", "started", "ended_at", "actions", "injected"]

    /// The drill id a response log names, read without checking the rest.
    public func drillID(ofLog path: String, document: YAMLLoader.Result? = nil) -> LoadResult<String> {
        var reader = NodeReader()
        guard let root = root(path, &reader, kind: "response log", document: document), let f = reader.fields(root, of: "a response log", allowed: Self.logFields, required: ["drill"]),
              let id = f["drill"].flatMap({ reader.id($0.value, "drill id") }) else {
            return LoadResult(value: nil, diagnostics: reader.diagnostics.sorted())
        }
        return LoadResult(value: id, diagnostics: [])
    }

    /// Finds the drill of a log given alone: the log's folder, `drills/` in it, the parent, `drills/` in the parent.
    public func findDrill(id: String, forLog path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        let base = folder.isEmpty ? "." : folder
        var candidates: [String] = []
        if let drillsDirectory { candidates.append((drillsDirectory as NSString).appendingPathComponent("\(id).yaml")) }
        for dir in [base, "\(base)/drills", "\(base)/..", "\(base)/../drills"] {
            candidates.append(Self.tidy("\(dir)/\(id).yaml"))
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Loads the response log at `path` for `drill` (from `document` when the caller has loaded its YAML already).
    public func loadResponseLog(path: String, drill: Drill, document: YAMLLoader.Result? = nil) -> LoadResult<ResponseLog> {
        var reader = NodeReader()
        guard let root = root(path, &reader, kind: "response log", document: document),
              let f = reader.fields(root, of: "a response log", allowed: Self.logFields, required: ["drill"]) else {
            return LoadResult(value: nil, diagnostics: reader.diagnostics.sorted())
        }
        var log = ResponseLog(drillID: drill.id, file: path)
        if let (_, node) = f["drill"], let id = reader.id(node, "drill id"), id != drill.id {
            reader.error("this log is for drill '\(id)', not '\(drill.id)'", at: node.location)
        }
        log.team = f["team"].flatMap { reader.string($0.value, "team") }
        if let (_, node) = f["started"], let text = reader.string(node, "started") {
            if Timestamp.parse(text) == nil {
                reader.error("'started' must be an RFC 3339 time like 2026-11-29T14:00:00Z, found '\(text)'", at: node.location)
            } else {
                log.started = text
            }
        }
        if let (_, node) = f["ended_at"] { log.endedAt = reader.positiveDuration(node, "ended_at") }
        let end = log.end(for: drill)
        let roles = drill.world.names(.roles)
        let roleSet = Set(roles.map(NameKey.init))
        var roleSuggester: NameSuggester?
        for node in f["actions"].flatMap({ reader.items($0.value, "actions") }) ?? [] {
            guard let a = reader.fields(node, of: "an action", allowed: ["at", "by", "do"], required: ["at", "do"]) else { continue }
            let at = a["at"].flatMap { reader.duration($0.value, "at") }
            if let at, at > end, let (_, atNode) = a["at"] {
                reader.error("the action at \(DurationText.format(at)) is after the end of the run at \(DurationText.format(end))", at: atNode.location)
            }
            var by: String?
            if let (_, byNode) = a["by"], let value = reader.string(byNode, "by") {
                if roleSet.contains(NameKey(value)) { by = value } else {
                    if roleSuggester == nil { roleSuggester = NameSuggester(roles) }
                    reader.error("unknown role '\(value)' in 'by': the world has no such role\(roleSuggester!.hint(for: value))", at: byNode.location)
                }
            }
            guard let (_, doNode) = a["do"], let line = reader.string(doNode, "do") else { continue }
            let words: [String]
            do { words = try ShellWords.split(line) } catch {
                switch error {
                case .unterminatedQuote(let q, let offset):
                    reader.error("unterminated quote \(q) in the command; close it", at: NodeReader.location(of: offset, in: doNode))
                case .trailingBackslash:
                    reader.error("the command ends with a backslash", at: doNode.location)
                }
                continue
            }
            if words.isEmpty {
                reader.error("'do' is empty: write a command, like 'ack ALERT'", at: doNode.location)
                continue
            }
            guard let at, at <= end else { continue }
            log.actions.append(.init(at: at, by: by, line: line, words: words, location: node.location))
        }
        var broughtForward = Set<String>()
        let injectsByID = Dictionary(drill.injects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var injectSuggester: NameSuggester?
        for node in f["injected"].flatMap({ reader.items($0.value, "injected") }) ?? [] {
            guard let e = reader.fields(node, of: "an injected entry", allowed: ["at", "inject"], required: ["at", "inject"]),
                  let at = e["at"].flatMap({ reader.duration($0.value, "at") }),
                  let (_, inode) = e["inject"], let id = reader.string(inode, "inject") else { continue }
            guard let inject = injectsByID[id] else {
                if injectSuggester == nil { injectSuggester = NameSuggester(drill.injects.map(\.id)) }
                reader.error("'\(id)' is not an inject of drill '\(drill.id)'\(injectSuggester!.hint(for: id))", at: inode.location)
                continue
            }
            if !broughtForward.insert(id).inserted {
                reader.error("inject '\(id)' is brought forward twice; an inject is brought forward at most once", at: inode.location)
                continue
            }
            if at >= inject.at {
                reader.error("inject '\(id)' is due at \(DurationText.format(inject.at)); bringing it forward needs an earlier time, not \(DurationText.format(at))", at: e["at"]!.value.location)
                continue
            }
            log.injected.append(.init(at: at, inject: id, location: node.location))
        }
        let firstDue = Dictionary(log.injected.map { ($0.inject, $0.at) }, uniquingKeysWith: { a, _ in a })
        if log.actions.count + Self.countDueTimes(drill.injects, end: end, firstDue: firstDue) > Self.maxEvents {
            reader.error("the run has more than \(Self.maxEvents) events; shorten 'ended_at' or the log", at: f["ended_at"]?.value.location ?? root.location)
        }
        return finish(log, reader)
    }
}
