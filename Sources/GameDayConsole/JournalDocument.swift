import GameDayEngine

/// A console session's journal: a response log (spec 4) laid out so that it stays valid while it grows.
///
/// The layout puts `actions:` last, so that each action is appended as one flow-mapping line and the file is a
/// valid log after every append. What changes rarely — `injected` entries and `ended_at` — sits above it, and
/// changing it rewrites the whole file atomically. Comment lines `  # clock: 12m` record how far the clock had
/// got, so that a resumed session starts where the last one stood even when nothing was typed for a while.
public struct JournalDocument: Sendable, Hashable {
    /// One recorded action.
    public struct Action: Sendable, Hashable {
        /// Seconds from T0.
        public var at: Int
        /// The role that took it.
        public var by: String?
        /// The command line.
        public var line: String

        /// Creates an action.
        public init(at: Int, by: String?, line: String) {
            self.at = at
            self.by = by
            self.line = line
        }
    }

    /// One inject brought forward.
    public struct Injected: Sendable, Hashable {
        /// The new first due time.
        public var at: Int
        /// The inject's id.
        public var inject: String

        /// Creates an entry.
        public init(at: Int, inject: String) {
            self.at = at
            self.inject = inject
        }
    }

    /// A comment line among the actions: a scribe's draft and what became of it, a participant's request, a
    /// delivery attempt. Replay ignores it; a resumed session reads it back.
    public struct Remark: Sendable, Hashable {
        /// How many actions come before it.
        public var afterActions: Int
        /// The comment's text, without `# ` (one line).
        public var text: String

        /// Creates a remark.
        public init(afterActions: Int, text: String) {
            self.afterActions = afterActions
            self.text = text
        }
    }

    /// The drill's id.
    public var drill: String
    /// The team's name.
    public var team: String?
    /// The wall-clock time of T0 (RFC 3339).
    public var started: String?
    /// The end of the run when the session was ended early.
    public var endedAt: Int?
    /// Injects brought forward.
    public var injected: [Injected] = []
    /// Actions, in the order they were taken (which is time order).
    public var actions: [Action] = []
    /// Comment lines among the actions, in order.
    public var remarks: [Remark] = []
    /// The furthest the clock is known to have got.
    public var clock = 0
    /// The drill's path, for the replay hint in the file's heading.
    public var drillPath: String?
    /// How the session's clock moves, recorded as a heading comment (`# pace: step`) so that a replay reports it.
    public var pace: RunPace.Clock?

    /// Creates an empty journal.
    public init(drill: String, team: String?, started: String?, drillPath: String? = nil) {
        self.drill = drill
        self.team = team
        self.started = started
        self.drillPath = drillPath
    }

    /// The journal of a loaded log, with the clock at `checkpoint` (or the last recorded time).
    public init(log: ResponseLog, checkpoint: Int?, drillPath: String? = nil) {
        self.init(drill: log.drillID, team: log.team, started: log.started, drillPath: drillPath)
        endedAt = log.endedAt
        injected = log.injected.map { Injected(at: $0.at, inject: $0.inject) }
        actions = log.actions.map { Action(at: $0.at, by: $0.by, line: $0.line) }
        clock = max(checkpoint ?? 0, lastRecordedTime)
    }

    /// The latest time of an action or an `injected` entry (0 when there is none).
    public var lastRecordedTime: Int {
        max(actions.map(\.at).max() ?? 0, injected.map(\.at).max() ?? 0)
    }

    /// The whole file.
    public var text: String {
        var out = "# gameday journal of drill \(drill), written as the session goes (a response log, spec section 4).\n"
        if let drillPath, drillPath.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
            out += "# Replay it: gameday run \(drillPath) --responses THIS-FILE --json\n"
        }
        if let pace { out += RunPace.journalComment(pace) }
        out += "drill: \(YAMLScalar.plainOrQuoted(drill))\n"
        if let team { out += "team: \(YAMLScalar.quoted(team))\n" }
        if let started { out += "started: \(YAMLScalar.plainOrQuoted(started))\n" }
        if let endedAt { out += "ended_at: \(DurationText.format(endedAt))\n" }
        if !injected.isEmpty {
            out += "injected:\n"
            for entry in injected { out += "  - {at: \(DurationText.format(entry.at)), inject: \(YAMLScalar.plainOrQuoted(entry.inject))}\n" }
        }
        out += "actions:\n"
        var next = 0
        for (index, action) in actions.enumerated() {
            while next < remarks.count, remarks[next].afterActions <= index { out += Self.remarkLine(remarks[next].text); next += 1 }
            out += Self.line(for: action)
        }
        for remark in remarks[next...] { out += Self.remarkLine(remark.text) }
        if clock > lastRecordedTime { out += Self.checkpointLine(clock) }
        return out
    }

    /// The line that records `action`, newline included.
    public static func line(for action: Action) -> String {
        var out = "  - {at: \(DurationText.format(action.at))"
        if let by = action.by { out += ", by: \(YAMLScalar.plainOrQuoted(by))" }
        return out + ", do: \(YAMLScalar.quoted(action.line))}\n"
    }

    /// Appends a remark after the actions recorded so far; returns its line, newline included.
    public mutating func addRemark(_ text: String) -> String {
        let clean = Self.oneLine(text)
        remarks.append(Remark(afterActions: actions.count, text: clean))
        return Self.remarkLine(clean)
    }

    /// The comment line of a remark, newline included.
    public static func remarkLine(_ text: String) -> String { "  # \(oneLine(text))\n" }

    /// `text` on one line, without control characters, at most 2000 characters: safe inside a YAML comment.
    public static func oneLine(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A || v == 0x0D || v == 0x09 { scalars.append(" ") } else if v >= 0x20, v != 0x7F, !(0x80...0x9F).contains(v), v != 0xFEFF, !(0x2028...0x2029).contains(v) { scalars.append(scalar) }
        }
        return String(String(scalars).prefix(2000))
    }

    /// The remarks of a journal's text: the comment lines after `actions:` other than clock checkpoints, each with the number of actions before it.
    public static func remarks(in text: String) -> [Remark] {
        var out: [Remark] = []
        var inActions = false
        var count = 0
        for line in text.split(whereSeparator: \.isNewline) {
            if !inActions { inActions = line.hasPrefix("actions:"); continue }
            if line.hasPrefix("  - ") { count += 1; continue }
            guard line.hasPrefix("  # ") else { continue }
            let body = String(line.dropFirst(4))
            if body.hasPrefix("clock: ") { continue }
            out.append(Remark(afterActions: count, text: body))
        }
        return out
    }

    /// The comment line that records the clock at `time`, newline included.
    public static func checkpointLine(_ time: Int) -> String {
        "  # clock: \(DurationText.format(time))\n"
    }

    /// The latest clock comment in `text`, if any.
    public static func checkpoint(in text: String) -> Int? {
        var latest: Int?
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("# clock: ") else { continue }
            if let t = DurationText.parse(String(trimmed.dropFirst("# clock: ".count)), allowClock: false) {
                latest = max(latest ?? 0, t)
            }
        }
        return latest
    }

    /// `bytes` without a torn last line (one the writer never finished with a newline), and the bytes dropped.
    public static func dropTornLine(_ bytes: [UInt8]) -> (kept: [UInt8], dropped: [UInt8]) {
        guard let last = bytes.last, last != UInt8(ascii: "\n") else { return (bytes, []) }
        guard let cut = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return ([], bytes) }
        return (Array(bytes[...cut]), Array(bytes[(cut + 1)...]))
    }
}
