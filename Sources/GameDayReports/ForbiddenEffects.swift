import Foundation
import GameDayEngine

/// What a forbidden move itself brought about, so that the debrief never counts it as something that went well:
/// the outcomes it met and the attacker moves it averted. Found by driving the engine again without the team
/// action that made the move, and comparing the two runs.
struct ForbiddenEffects {
    /// Outcome id → the title of the forbidden move that met it (it is not met as early without the move).
    var outcomes: [String: String] = [:]
    /// Attacker moves averted only because of a forbidden move (`inject`, `at`, `command`) → the move's title.
    var averted: [Move: String] = [:]

    /// One attacker move of the run.
    struct Move: Hashable {
        var inject: String
        var at: Int
        var command: String
    }

    init(_ record: RunRecord) {
        guard let log = record.log, !record.report.violations.isEmpty else { return }
        // The team action (its position in time order) that made each forbidden move, when one did.
        var triggers: [(action: Int, title: String)] = []
        var actionIndex = -1
        var lastWasAction = false
        for event in record.events {
            switch event {
            case .action:
                actionIndex += 1
                lastWasAction = true
            case .inject, .effect:
                lastWasAction = false
            case .violation(let id, _):
                if lastWasAction, let v = record.report.violations.first(where: { $0.id == id }) { triggers.append((actionIndex, v.title)) }
            case .outcomeMet, .exposure:
                break
            }
        }
        guard !triggers.isEmpty else { return }
        let ordered = log.actions.enumerated().sorted { a, b in
            a.element.at != b.element.at ? a.element.at < b.element.at : a.offset < b.offset
        }.map(\.offset)
        let compiled = CompiledDrill(record.drill)
        for (action, title) in triggers where action < ordered.count {
            var without = log
            without.actions.remove(at: ordered[action])
            let other = Replay(compiled, log: without).run(runDate: record.runDate)
            for outcome in record.report.outcomes {
                guard let metAt = outcome.metAt, outcome.status == .met || outcome.status == .late else { continue }
                let otherMet = other.outcomes.first { $0.id == outcome.id }?.metAt
                if otherMet.map({ $0 > metAt }) ?? true, outcomes[outcome.id] == nil { outcomes[outcome.id] = title }
            }
            let applied = Set(other.effects.filter { $0.outcome.reason == nil }.map { Move(inject: $0.inject, at: $0.at, command: $0.command) })
            for effect in record.report.effects where effect.outcome.reason != nil {
                let move = Move(inject: effect.inject, at: effect.at, command: effect.command)
                if applied.contains(move), averted[move] == nil { averted[move] = title }
            }
            let fired = Set(other.injects.filter { $0.status == .fired }.map { "\($0.id)@\($0.at)" })
            for trace in record.report.injects where trace.status == .skipped && fired.contains("\(trace.id)@\(trace.at)") {
                let move = Move(inject: trace.id, at: trace.at, command: "")
                if averted[move] == nil { averted[move] = title }
            }
        }
    }
}
