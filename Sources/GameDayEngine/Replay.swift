import Foundation

/// Runs a drill against a response log from start to end: the `gameday run` path.
public struct Replay: Sendable {
    /// The compiled drill with the log's words interned.
    public private(set) var compiled: CompiledDrill
    /// The log.
    public let log: ResponseLog
    /// The log's `started`, parsed once.
    public let startDate: Date?
    /// Story due dates by severity for stories filed on `startDate`, computed once.
    private let dueDates: [String]?
    /// One action ready to apply: its time, role, line and compiled command (or why it has no valid shape).
    struct PreparedAction: Sendable {
        let at: Int
        let by: String?
        let line: String
        let command: Result<CompiledCommand, CommandShapeError>
    }
    let actions: [PreparedAction]

    /// Prepares a replay of `log` on `compiled` (compile a drill once, replay many logs).
    public init(_ compiled: CompiledDrill, log: ResponseLog) {
        var compiled = compiled
        self.log = log
        startDate = log.started.flatMap(Timestamp.parse)
        dueDates = startDate.map { compiled.tables.stories.dueDates(for: $0) }
        let ordered = log.actions.enumerated().sorted { a, b in
            a.element.at != b.element.at ? a.element.at < b.element.at : a.offset < b.offset
        }.map(\.element)
        let parsed = ordered.map { CommandParser.parse(words: $0.words, text: $0.line) }
        var commands = compiled.compile(parsed.compactMap { try? $0.get() })[...]
        actions = zip(ordered, parsed).map { action, parse in
            switch parse {
            case .success: PreparedAction(at: action.at, by: action.by, line: action.line, command: .success(commands.removeFirst()))
            case .failure(let error): PreparedAction(at: action.at, by: action.by, line: action.line, command: .failure(error))
            }
        }
        self.compiled = compiled
    }

    /// Runs the log through a fresh simulator and scores it.
    public func run(runDate: Date, recordEvents: Bool = false) -> RunReport {
        var simulator = makeSimulator(recordEvents: recordEvents)
        feed(&simulator)
        return simulator.finish(team: log.team, started: log.started, runDate: runDate, startDate: startDate, dueDates: dueDates)
    }

    /// A simulator at T0 for this log's end and brought-forward injects.
    public func makeSimulator(recordEvents: Bool = true) -> Simulator {
        let firstDue = Dictionary(log.injected.map { ($0.inject, $0.at) }, uniquingKeysWith: { a, _ in a })
        return Simulator(compiled, end: log.end(for: compiled.drill), firstDue: firstDue, recordEvents: recordEvents)
    }

    /// Applies every action of the log, in time order, to `simulator`.
    public func feed(_ simulator: inout Simulator) {
        simulator.reserve(actions: actions.count)
        for action in actions {
            switch action.command {
            case .success(let compiledCommand):
                simulator.apply(compiledCommand, line: action.line, at: action.at, by: action.by)
            case .failure(let error):
                simulator.reject(line: action.line, reason: error.message, at: action.at, by: action.by)
            }
        }
    }
}
