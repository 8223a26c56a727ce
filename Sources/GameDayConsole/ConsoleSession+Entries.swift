import GameDayEngine

/// An entry the scribe typed that is held before it applies, so that a typo can be struck; or a participant's
/// request that the scribe record an action. Both are journaled as comments (`# draft 3 at 12m by on-call: ...`,
/// `# struck 3`, `# applied 3`; `# request 4 by on-call: ...`, `# dismissed 4`, `# confirmed 4`), so a resumed
/// session holds them again, and replay, which reads only the actions, is not affected.
public struct PendingEntry: Sendable, Hashable {
    /// Held by the scribe, or asked for by a participant.
    public enum Kind: String, Sendable, Hashable {
        /// The scribe's entry, not applied yet.
        case draft
        /// A participant's request.
        case request
    }
    /// What it is.
    public var kind: Kind
    /// Its number in the session (shared by drafts and requests).
    public var number: Int
    /// The drill time the scribe gave or the clock read when it was made.
    public var at: Int
    /// The role it is for.
    public var by: String?
    /// The command line (a draft) or the participant's words (a request).
    public var line: String
}

extension ConsoleSession {
    /// The drafts and requests still pending, in the order they were made.
    public var pending: [PendingEntry] { pendingEntries }

    /// The remark text of `entry`.
    static func remark(for entry: PendingEntry) -> String {
        let who = entry.by.map { " by \($0)" } ?? ""
        return "\(entry.kind.rawValue) \(entry.number) at \(DurationText.format(entry.at))\(who): \(entry.line)"
    }

    /// The pending entries a journal's remarks leave: every draft and request not struck, applied, dismissed or confirmed.
    static func pendingEntries(in remarks: [JournalDocument.Remark]) -> (pending: [PendingEntry], next: Int) {
        var entries: [PendingEntry] = []
        var highest = 0
        for remark in remarks {
            let words = remark.text.split(separator: " ", maxSplits: 1).map(String.init)
            guard words.count == 2 else { continue }
            switch words[0] {
            case "draft", "request":
                guard let entry = parseEntry(kind: PendingEntry.Kind(rawValue: words[0])!, words[1]) else { continue }
                highest = max(highest, entry.number)
                entries.append(entry)
            case "struck", "applied", "dismissed", "confirmed":
                if let n = Int(words[1]) { entries.removeAll { $0.number == n }; highest = max(highest, n) }
            default: continue
            }
        }
        return (entries, highest + 1)
    }

    /// `3 at 12m by on-call: revoke-key x` (the part after the kind).
    private static func parseEntry(kind: PendingEntry.Kind, _ text: String) -> PendingEntry? {
        guard let colon = text.range(of: ": ") else { return nil }
        let head = text[..<colon.lowerBound].split(separator: " ").map(String.init)
        let line = String(text[colon.upperBound...])
        guard head.count >= 3, let number = Int(head[0]), head[1] == "at", let at = DurationText.parse(head[2], allowClock: false) else { return nil }
        let by = head.count == 5 && head[3] == "by" ? head[4] : nil
        return PendingEntry(kind: kind, number: number, at: at, by: by, line: line)
    }

    /// Holds a scribe's entry (`ROLE: COMMAND`, `at 12m ROLE: COMMAND`, or a command for `role`) to apply later.
    ///
    /// It is checked as far as it can be without applying it (a known verb, a known role, a quoted title, a time
    /// that can be recorded); a console mistake is answered and nothing is held.
    public mutating func hold(_ line: String, role defaultRole: String?, wall: Double) -> [ConsoleOutput] {
        var out = tick(wall: wall)
        guard ended == nil else { return out + [error("The session is over; '\(line)' was not recorded.")] }
        let parsed: (at: Int?, role: String?, command: String)
        switch splitEntry(line, role: defaultRole, now: now(wall: wall)) {
        case .failure(let failure): return out + [error(failure.message)]
        case .success(let value): parsed = value
        }
        let entry = PendingEntry(kind: .draft, number: nextEntryNumber, at: parsed.at ?? now(wall: wall), by: parsed.role, line: parsed.command)
        nextEntryNumber += 1
        pendingEntries.append(entry)
        out.append(.appendJournal(journal.addRemark(Self.remark(for: entry))))
        out.append(.line(ConsoleLine(.info, "held \(entry.number): \(entry.by.map { "\($0): " } ?? "")\(entry.line) — apply it or strike it")))
        return out
    }

    /// A participant asks the scribe to record `text` for `role`.
    public mutating func request(_ text: String, by role: String, wall: Double) -> [ConsoleOutput] {
        var out = tick(wall: wall)
        let clean = JournalDocument.oneLine(text).trimmingCharacters(in: .whitespaces)
        guard ended == nil, !clean.isEmpty, roles.contains(where: { NameOrder.same($0, role) }) else { return out }
        let entry = PendingEntry(kind: .request, number: nextEntryNumber, at: now(wall: wall), by: role, line: String(clean.prefix(500)))
        nextEntryNumber += 1
        pendingEntries.append(entry)
        out.append(.appendJournal(journal.addRemark(Self.remark(for: entry))))
        return out
    }

    /// Strikes held entry `number` (it stays in the journal as a comment) or dismisses request `number`.
    public mutating func strike(_ number: Int, wall: Double) -> [ConsoleOutput] {
        guard let index = pendingEntries.firstIndex(where: { $0.number == number }) else {
            return [error("nothing pending numbered \(number): it was applied or struck already")]
        }
        let entry = pendingEntries.remove(at: index)
        let word = entry.kind == .draft ? "struck" : "dismissed"
        return [.appendJournal(journal.addRemark("\(word) \(number)")), .line(ConsoleLine(.info, "\(word) \(number): \(entry.line)"))]
    }

    /// Applies held entry `number` (or confirms request `number` as the command `line`, for its role), at its time
    /// when that can still be recorded, else at the earliest time that can.
    public mutating func apply(_ number: Int, line replacement: String? = nil, wall: Double) -> [ConsoleOutput] {
        var out = tick(wall: wall)
        guard ended == nil else { return out + [error("The session is over; nothing was applied.")] }
        guard let index = pendingEntries.firstIndex(where: { $0.number == number }) else {
            return out + [error("nothing pending numbered \(number): it was applied or struck already")]
        }
        let entry = pendingEntries[index]
        let command = (replacement ?? entry.line).trimmingCharacters(in: .whitespaces)
        let words = (try? ShellWords.split(command)) ?? []
        guard let verb = words.first, CommandSpec.named(verb) != nil else {
            return out + [error("'\(command)' is not a command of the drill; write it as one (like 'ack ALERT') before confirming")]
        }
        pendingEntries.remove(at: index)
        out.append(.appendJournal(journal.addRemark("\(entry.kind == .draft ? "applied" : "confirmed") \(number)")))
        let t = now(wall: wall)
        let at = entry.kind == .draft && givenTimeProblem(entry.at, now: t) == nil ? entry.at : t
        out += teamCommand(command, by: entry.by, at: at, wall: wall)
        return out
    }

    /// Applies every held draft, oldest first.
    public mutating func applyAllDrafts(wall: Double) -> [ConsoleOutput] {
        var out: [ConsoleOutput] = []
        for entry in pendingEntries where entry.kind == .draft { out += apply(entry.number, wall: wall) }
        return out
    }

    /// Records a free-text decision for `role` as a `note` action (`note 'Decision: ...'`), at `at` or the clock.
    public mutating func decision(_ text: String, by role: String?, at given: Int?, wall: Double) -> [ConsoleOutput] {
        var out = tick(wall: wall)
        let clean = JournalDocument.oneLine(text).trimmingCharacters(in: .whitespaces)
        guard ended == nil else { return out + [error("The session is over; the decision was not recorded.")] }
        guard !clean.isEmpty else { return out + [error("write the decision")] }
        if let given, let problem = givenTimeProblem(given, now: now(wall: wall)) { return out + [error(problem + " (nothing recorded)")] }
        if let role, !roles.contains(role) { return out + [error("no role '\(role)' in this world")] }
        out += teamCommand("note " + ShellWords.quote("Decision: " + clean), by: role, at: given ?? now(wall: wall), wall: wall)
        return out
    }

    /// `[at TIME] [ROLE:] COMMAND` checked as a team entry: its time, role and command, or the console's answer.
    func splitEntry(_ line: String, role defaultRole: String?, now t: Int) -> Result<(at: Int?, role: String?, command: String), EntryError> {
        var text = JournalDocument.oneLine(line).trimmingCharacters(in: .whitespaces)
        var given: Int?
        if text.hasPrefix("at ") {
            let rest = text.dropFirst(3).trimmingCharacters(in: .whitespaces)
            let word = String(rest.prefix { !$0.isWhitespace })
            guard let time = DurationText.parse(word) else { return .failure(EntryError("'at' takes a drill time: 'at 12m on-call: ack ALERT' (nothing held)")) }
            if let problem = givenTimeProblem(time, now: t) { return .failure(EntryError(problem + " (nothing held)")) }
            given = time
            text = rest.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
        }
        var role = defaultRole
        let first = String(text.prefix { !$0.isWhitespace })
        if first.hasSuffix(":"), first.count > 1 {
            let name = String(first.dropLast())
            guard let found = roles.first(where: { NameOrder.same($0, name) }) else {
                return .failure(EntryError("no role '\(name)' in this world\(Suggestion.hint(for: name, in: roles)); nothing held"))
            }
            role = found
            text = text.dropFirst(first.count).trimmingCharacters(in: .whitespaces)
        }
        guard !text.isEmpty else { return .failure(EntryError("write the command, like 'on-call: ack ALERT'")) }
        let words: [String]
        do { words = try ShellWords.split(text) } catch { return .failure(EntryError("the line's quotes do not close; nothing held")) }
        guard let verb = words.first, let spec = CommandSpec.named(verb), !spec.attackerOnly else {
            let known = CommandSpec.all.filter { !$0.attackerOnly }.map(\.verb)
            return .failure(EntryError("unknown command '\(words.first ?? "")'\(Suggestion.hint(for: words.first ?? "", in: known)); nothing held"))
        }
        if let problem = Self.unquotedTitle(words) { return .failure(EntryError(problem)) }
        return .success((given, role, text))
    }
}

/// A console answer to an entry that is not recorded.
public struct EntryError: Error, Sendable, Hashable {
    /// What to tell the scribe.
    public var message: String
    init(_ message: String) { self.message = message }
}

extension ConsoleSession {
    /// Writes a remark (a comment line among the actions: a delivery attempt, say) into the journal.
    public mutating func remark(_ text: String) -> [ConsoleOutput] {
        [.appendJournal(journal.addRemark(text))]
    }

    /// The clock's reading at `wall` as the pages show it, with the pace: `T+12:30 of 2h — step`.
    public func clockText(wall: Double) -> String {
        let t = now(wall: wall)
        let state: String = switch clock.pace {
        case .step: "step"
        case .realTime(let speed): clock.isPaused ? "paused" : (speed == 1 ? "live" : "running \(Self.speedText(speed))")
        }
        return "\(DurationText.clock(t)) of \(DurationText.format(end)) — \(state)"
    }
}
