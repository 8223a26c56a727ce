import Foundation
import GameDayEngine

/// One inject as it reached the team: what a participant's page, a chat webhook or an e-mail shows.
public struct InjectMessage: Sendable, Hashable {
    /// The inject's id.
    public var id: String
    /// When it fired (seconds from T0).
    public var at: Int
    /// Its channel.
    public var channel: Channel
    /// Who sent it, if the drill says.
    public var from: String?
    /// The role it is addressed to; nil: everyone.
    public var to: String?
    /// The message.
    public var message: String
    /// Which firing this is (1 for the first; repeats count up).
    public var firing: Int

    /// Creates a message.
    public init(id: String, at: Int, channel: Channel, from: String?, to: String?, message: String, firing: Int) {
        self.id = id
        self.at = at
        self.channel = channel
        self.from = from
        self.to = to
        self.message = message
        self.firing = firing
    }

    /// Whether `role` should see it: addressed to that role, or to everyone.
    public func isFor(role: String) -> Bool { to.map { NameOrder.same($0, role) } ?? true }
}

/// An expected outcome's deadline, as the facilitator (with its state) and the wall (without) show it.
public struct Deadline: Sendable, Hashable {
    /// Where an outcome stands; only the facilitator sees it.
    public enum State: String, Sendable, Hashable {
        /// Not met yet.
        case open
        /// Met in time.
        case met
        /// Met after its deadline.
        case late
    }
    /// The outcome's id.
    public var id: String
    /// The outcome's title.
    public var title: String
    /// Its phase.
    public var phase: Phase
    /// When it is due, if it has a deadline that is known now (an `after` inject that has not fired has none yet).
    public var due: Int?
    /// Whether it is critical.
    public var critical: Bool
    /// Where it stands.
    public var state: State
    /// When it was met.
    public var metAt: Int?
}

/// A line of the facilitator notes that names a time (`at T0`, `at 10m`, `at 2h`), surfaced when the clock gets there.
public struct FacilitatorCue: Sendable, Hashable {
    /// The time it names.
    public var at: Int
    /// The sentence.
    public var text: String

    /// The cues of `notes`: each sentence that says `at T0` or `at DURATION`, at the first time it names.
    public static func cues(in notes: String?) -> [FacilitatorCue] {
        guard let notes else { return [] }
        let flat = notes.split(whereSeparator: \.isNewline).joined(separator: " ")
        var sentences: [String] = []
        var current = ""
        for c in flat {
            current.append(c)
            if c == "." || c == "?" || c == "!" {
                sentences.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { sentences.append(current.trimmingCharacters(in: .whitespaces)) }
        var out: [FacilitatorCue] = []
        for sentence in sentences {
            let words = sentence.split(separator: " ").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ",;:.()\"'")) }
            for (i, word) in words.enumerated() where i + 1 < words.count && word.lowercased() == "at" {
                let next = words[i + 1]
                if next == "T0" { out.append(FacilitatorCue(at: 0, text: sentence)); break }
                if next.first?.isNumber == true, let t = DurationText.parse(next, allowClock: false) {
                    out.append(FacilitatorCue(at: t, text: sentence))
                    break
                }
            }
        }
        return out.sorted { $0.at < $1.at }
    }
}

extension ConsoleSession {
    /// Every inject firing the team was shown (never a silent one), in time order.
    public var messages: [InjectMessage] {
        var firings: [String: Int] = [:]
        var out: [InjectMessage] = []
        for case .inject(let trace) in simulator.events where trace.status == .fired {
            guard let inject = drill.inject(trace.id), inject.channel != .silent else { continue }
            firings[trace.id, default: 0] += 1
            out.append(InjectMessage(id: trace.id, at: trace.at, channel: inject.channel, from: inject.from, to: inject.to,
                                     message: (inject.message ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                                     firing: firings[trace.id]!))
        }
        return out
    }

    /// The findings the team has revealed, in the order they were revealed.
    public var revealedFindings: [Finding] {
        simulator.context.state.findings.compactMap { symbol in
            let id = simulator.context.symbols[symbol]
            return drill.findings.first { $0.id == id }
        }
    }

    /// The team's recorded actions with their answers, in time order.
    public var recordedActions: [RunReport.ActionTrace] {
        simulator.events.compactMap { if case .action(let a) = $0 { a } else { nil } }
    }

    /// The expected outcomes with their deadlines as known now, in the drill's order.
    public var deadlines: [Deadline] {
        var met: [String: Int] = [:]
        for case .outcomeMet(let id, let at) in simulator.events where met[id] == nil { met[id] = at }
        return drill.outcomes.map { outcome in
            var due = outcome.within
            if let after = outcome.after {
                let fired = drill.injects.firstIndex { $0.id == after }.flatMap { simulator.firstShown($0) }
                    ?? firstFired(after)
                due = fired.flatMap { f in outcome.within.map { f + $0 } }
            }
            let state: Deadline.State
            if let at = met[outcome.id] { state = due.map { at > $0 } == true ? .late : .met } else { state = .open }
            return Deadline(id: outcome.id, title: outcome.title, phase: outcome.phase, due: due, critical: outcome.critical,
                            state: state, metAt: met[outcome.id])
        }
    }

    private func firstFired(_ id: String) -> Int? {
        for case .inject(let trace) in simulator.events where trace.id == id && trace.status == .fired { return trace.at }
        return nil
    }

    /// The phase the room is in at `t`, read from the clock alone (never from what was met): the phase of the next
    /// deadline still ahead, or of the last one once all have passed.
    public func phase(at t: Int) -> Phase? {
        let dated = deadlines.compactMap { d in d.due.map { (d.phase, $0) } }.sorted { $0.1 < $1.1 }
        return dated.first { $0.1 >= t }?.0 ?? dated.last?.0
    }

    /// The facilitator notes' cues.
    public var cues: [FacilitatorCue] { FacilitatorCue.cues(in: drill.facilitatorNotes) }

    /// The lines the facilitator's view shows for the engine's events: the same as the facilitator's console.
    public func facilitatorLines(for event: Simulator.Event) -> [ConsoleLine] { render(event) }
}
