import Foundation
import GameDayConsole
import GameDayDelivery
import GameDayEngine

/// A finished session's result, as the wall and the facilitator show it.
public struct SessionResult: Sendable, Hashable {
    /// `Score 82.5 of 100 — passed`.
    public var scoreLine: String
    /// The folder of the debrief (report.html), if one was written.
    public var reportFolder: String?

    /// Creates a result.
    public init(scoreLine: String, reportFolder: String?) {
        self.scoreLine = scoreLine
        self.reportFolder = reportFolder
    }
}

/// The one live game day behind every page: the `ConsoleSession` (the same state machine as the terminal console,
/// in facilitation mode), its journal on disk, the delivery queue, and the pages' live feeds.
///
/// Every request goes through this actor, so the session sees one change at a time, and every change is in the
/// journal before any page shows it.
public actor LiveGameDay {
    /// The drill.
    public let drill: Drill
    /// The links' tokens.
    public let tokens: AccessTokens
    /// The journal's path.
    public let journalPath: String
    /// The world sheet participants see.
    public let sheet: WorldSheet
    private(set) var session: ConsoleSession
    private let file: JournalFile
    private let origin = SuspendingClock.now
    private let delivery: DeliveryQueue?
    private let onEnd: @Sendable () -> Void
    private var delivered = 0
    private(set) var facilitatorLog: [ConsoleLine] = []
    private(set) var scribeLog: [ConsoleLine] = []
    private(set) var deliveryProblems: [String] = []
    private(set) var result: SessionResult?
    private(set) var scribeLine = ""
    private(set) var scribeCandidates: [String] = []
    private var subscribers: [Int: (view: ViewKind, continuation: AsyncStream<String>.Continuation)] = [:]
    private var nextSubscriber = 0
    private var lastShownSecond = -1
    private var lastHeartbeat = 0.0
    private var tickerStarted = false

    /// A session of `drill` from `document`, journaled at `journalPath` (created, or appended to when `resuming`).
    public init(drill: Drill, document: JournalDocument, journalPath: String, resuming: Bool, pace: SessionClock.Pace,
                tokens: AccessTokens, delivery: DeliveryQueue?, onEnd: @escaping @Sendable () -> Void) throws {
        self.drill = drill
        self.tokens = tokens
        self.journalPath = journalPath
        self.delivery = delivery
        self.onEnd = onEnd
        sheet = WorldSheet(drill: drill)
        file = resuming ? try JournalFile.openForAppend(path: journalPath) : try JournalFile.create(path: journalPath, text: document.text)
        session = ConsoleSession(drill: drill, journal: document, options: .init(mode: .facilitate, pace: pace), wall: 0)
        // Injects that fired before a restart were delivered then (or their failure logged): only new ones go out.
        // A new session delivers everything, the injects due at T0 too.
        delivered = resuming ? session.messages.count : 0
    }

    /// Seconds on a clock that stops while the machine sleeps, since the actor was made.
    func wall() -> Double {
        let elapsed = SuspendingClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Opens the session (what is due at the start) and starts the ticker that moves a running clock and drains deliveries.
    public func start() throws {
        try carry(session.start(wall: wall()), from: nil)
        guard !tickerStarted else { return }
        tickerStarted = true
        Task { [weak self] in
            while let self, await self.isLive {
                try? await Task.sleep(for: .milliseconds(200))
                try? await self.tick()
            }
        }
    }

    var isLive: Bool { true }

    /// One beat of the ticker: the clock's due injects, deliveries, and the feeds when something changed.
    func tick() throws {
        let w = wall()
        if result == nil { try carry(session.tick(wall: w), from: nil) }
        drainDeliveries()
        let second = session.now(wall: w)
        if second != lastShownSecond || w - lastHeartbeat > 10 {
            lastShownSecond = second
            lastHeartbeat = w
            broadcast()
        }
    }

    // MARK: - Changes

    /// What a form asked for.
    public struct Request: Sendable, Hashable {
        /// The operation (`hold`, `apply`, `wait`, ...).
        public var op: String
        /// The form's fields.
        public var fields: [String: String]

        /// Creates a request.
        public init(op: String, fields: [String: String]) {
            self.op = op
            self.fields = fields
        }

        func field(_ name: String) -> String { fields[name]?.trimmingCharacters(in: .whitespaces) ?? "" }
        func number(_ name: String) -> Int? { Int(field(name)) }
    }

    /// Carries out one form of `view`'s page; returns whether the operation is one `view` may do.
    @discardableResult
    public func perform(_ request: Request, as view: ViewKind) throws -> Bool {
        let w = wall()
        let out: [ConsoleOutput]
        switch (view, request.op) {
        case (.participant(let role), "request"):
            out = session.request(request.field("text"), by: role, wall: w)
        case (.scribe, "hold"):
            out = session.hold(request.field("line"), role: nil, wall: w)
            scribeLine = ""
            scribeCandidates = []
        case (.scribe, "record"):
            let held = session.hold(request.field("line"), role: nil, wall: w)
            var outs = held
            if let entry = session.pending.last, entry.kind == .draft, held.contains(where: { if case .appendJournal = $0 { true } else { false } }) {
                outs += session.apply(entry.number, wall: w)
            }
            out = outs
            scribeLine = ""
            scribeCandidates = []
        case (.scribe, "complete"):
            let line = String(request.field("line").prefix(1000))
            let completion = Completer(vocabulary: session.vocabulary).complete(line, cursor: line.count)
            if let replacement = completion.replacement {
                scribeLine = String(line.prefix(completion.wordStart)) + replacement
            } else {
                scribeLine = line
            }
            scribeCandidates = Array(completion.candidates.prefix(60))
            out = []
        case (.scribe, "apply"):
            out = request.number("n").map { session.apply($0, wall: w) } ?? []
        case (.scribe, "apply-all"):
            out = session.applyAllDrafts(wall: w)
        case (.scribe, "strike"), (.scribe, "dismiss"):
            out = request.number("n").map { session.strike($0, wall: w) } ?? []
        case (.scribe, "confirm"):
            out = request.number("n").map { session.apply($0, line: request.field("line"), wall: w) } ?? []
        case (.scribe, "decision"):
            let role = request.field("role")
            let at = request.field("at")
            if !at.isEmpty, DurationText.parse(at) == nil {
                out = [.line(ConsoleLine(.error, "'\(at)' is not a drill time: write 12m, 1h5m or 0:12"))]
            } else {
                out = session.decision(request.field("text"), by: role.isEmpty ? nil : role, at: at.isEmpty ? nil : DurationText.parse(at), wall: w)
            }
        case (.facilitator, "pause"), (.facilitator, "resume"), (.facilitator, "end"):
            out = session.submit(request.op, wall: w)
        case (.facilitator, "wait"), (.scribe, "wait"):
            // Held entries apply before the clock moves on, at the times they were held at.
            let duration = request.field("duration")
            out = session.applyAllDrafts(wall: w) + session.submit(duration.isEmpty ? "wait" : "wait \(duration)", wall: w)
        case (.facilitator, "inject"):
            let id = request.field("id")
            out = id.contains(where: \.isWhitespace) || id.isEmpty ? [] : session.submit("inject \(id)", wall: w)
        default:
            return false
        }
        try carry(out, from: view)
        broadcast()
        return true
    }

    /// Carries out a session's outputs: the journal first, then the logs the pages show; deliveries are queued.
    private func carry(_ outputs: [ConsoleOutput], from view: ViewKind?) throws {
        var finished = false
        for output in outputs {
            switch output {
            case .line(let line):
                facilitatorLog.append(line)
                if view == .scribe || line.style == .applied || line.style == .rejected || line.style == .finding {
                    scribeLog.append(line)
                }
            case .appendJournal(let text): try file.append(text)
            case .rewriteJournal(let text): try file.rewrite(text)
            case .finished: finished = true
            }
        }
        if facilitatorLog.count > 400 { facilitatorLog.removeFirst(facilitatorLog.count - 400) }
        if scribeLog.count > 200 { scribeLog.removeFirst(scribeLog.count - 200) }
        queueDeliveries()
        if finished { onEnd() }
    }

    private func queueDeliveries() {
        let messages = session.messages
        guard messages.count > delivered else { return }
        defer { delivered = messages.count }
        guard let delivery else { return }
        for m in messages[delivered...] {
            delivery.enqueue(DeliveryMessage(inject: m.id, firing: m.firing, at: m.at, channel: m.channel, from: m.from, to: m.to,
                                             text: m.message, drillTitle: drill.title))
        }
    }

    private func drainDeliveries() {
        guard let delivery else { return }
        let attempts = delivery.drain()
        guard !attempts.isEmpty else { return }
        for attempt in attempts {
            try? file.append(session.remark(attempt.logText).compactMap { if case .appendJournal(let t) = $0 { t } else { nil } }.joined())
            if let line = attempt.problemLine {
                deliveryProblems.append(line)
                if deliveryProblems.count > 50 { deliveryProblems.removeFirst() }
                facilitatorLog.append(ConsoleLine(.error, line))
            } else if case .dryRun(let preview) = attempt.result {
                facilitatorLog.append(ConsoleLine(.muted, "dry run: \(attempt.inject) → \(attempt.target): \(preview)"))
            }
        }
        broadcast()
    }

    // MARK: - Pages and feeds

    /// The whole page of `view`.
    public func page(for view: ViewKind, nonce: String) -> String {
        Pages(game: snapshot(), view: view, csrf: tokens.csrf(for: view), token: tokens.tokens[view] ?? "").page(nonce: nonce)
    }

    /// The live feed of `view`: one server-sent event with its page's live regions now, and one after every change.
    public func subscribe(_ view: ViewKind) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(4))
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = (view, continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        continuation.yield("retry: 1000\n\n")
        continuation.yield(event(for: view))
        return stream
    }

    private func unsubscribe(_ id: Int) { subscribers[id] = nil }

    /// How many pages are listening.
    public var listeners: Int { subscribers.count }

    private func broadcast() {
        for (_, subscriber) in subscribers { subscriber.continuation.yield(event(for: subscriber.view)) }
    }

    private func event(for view: ViewKind) -> String {
        let regions = Pages(game: snapshot(), view: view, csrf: tokens.csrf(for: view), token: tokens.tokens[view] ?? "").regions()
        let data = (try? JSONSerialization.data(withJSONObject: regions, options: [.sortedKeys])) ?? Data("{}".utf8)
        return "data: \(String(decoding: data, as: UTF8.self))\n\n"
    }

    /// Everything a page shows, read from the session at this instant.
    func snapshot() -> GameSnapshot {
        let w = wall()
        return GameSnapshot(drill: drill, sheet: sheet, now: session.now(wall: w), clockText: session.clockText(wall: w),
                            isStep: session.clock.speed == nil, isPaused: session.clock.isPaused,
                            messages: session.messages, findings: session.revealedFindings, actions: session.recordedActions,
                            deadlines: session.deadlines, phase: session.phase(at: session.now(wall: w)),
                            comingUp: session.comingUp, cues: session.cues, pending: session.pending,
                            facilitatorLog: facilitatorLog, scribeLog: scribeLog, deliveryProblems: deliveryProblems,
                            result: result, ended: session.ended != nil, scribeLine: scribeLine, scribeCandidates: scribeCandidates,
                            vocabulary: session.vocabulary, team: session.journal.team, started: session.journal.started)
    }

    /// Shows the scored result (the command line scores and publishes the run once the session is over).
    public func setResult(_ result: SessionResult) {
        self.result = result
        facilitatorLog.append(ConsoleLine(.heading, result.scoreLine))
        broadcast()
    }

    /// The report folder's `report.html`, once the session is over and it was written.
    public func debriefHTML() -> String? {
        guard let folder = result?.reportFolder else { return nil }
        return try? String(contentsOfFile: folder + "/report.html", encoding: .utf8)
    }

    /// Ends every feed (the server is stopping).
    public func closeFeeds() {
        for (_, subscriber) in subscribers { subscriber.continuation.finish() }
        subscribers = [:]
    }

    /// Waits (up to `seconds`) for the queued deliveries and logs them.
    public func flushDeliveries(seconds: Double) {
        _ = delivery?.waitUntilIdle(seconds: seconds)
        drainDeliveries()
    }
}

/// One instant of the game as the pages render it.
struct GameSnapshot: Sendable {
    var drill: Drill
    var sheet: WorldSheet
    var now: Int
    var clockText: String
    var isStep: Bool
    var isPaused: Bool
    var messages: [InjectMessage]
    var findings: [Finding]
    var actions: [RunReport.ActionTrace]
    var deadlines: [Deadline]
    var phase: Phase?
    var comingUp: [Simulator.Due]
    var cues: [FacilitatorCue]
    var pending: [PendingEntry]
    var facilitatorLog: [ConsoleLine]
    var scribeLog: [ConsoleLine]
    var deliveryProblems: [String]
    var result: SessionResult?
    var ended: Bool
    var scribeLine: String
    var scribeCandidates: [String]
    var vocabulary: CompletionVocabulary
    var team: String?
    var started: String?
}
