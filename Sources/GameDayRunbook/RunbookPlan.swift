/// Runbooks compiled for one drill, ready to be played on a `Simulator` any number of times (runbook-format.md 3
/// and 4): one scripted responder per runbook, all on one shared simulation.
public struct RunbookPlan: Sendable {
    /// One command of a step, compiled for the drill (or why its line does not fit its verb: it is then rejected).
    struct PlannedCommand: Sendable {
        let command: Result<CompiledCommand, CommandShapeError>
        let line: String
    }

    /// One step, ready to play.
    struct PlannedStep: Sendable {
        let commands: [PlannedCommand]
        let role: String
        let after: Int?
    }

    /// The drill, compiled with every command's words interned.
    public let compiled: CompiledDrill
    /// The runbooks, in `--runbook` order.
    public let runbooks: [Runbook]
    let steps: [[PlannedStep]]
    /// Per runbook, the positions of its trigger injects; empty means it starts at 0.
    let triggers: [[Int]]
    /// Per runbook, where its steps start in a flat list of durations (runbooks in order, then steps in order).
    public let offsets: [Int]

    /// Compiles `runbooks` for `drill`. Every trigger and `after` must name an inject of the drill (the loader checks).
    public init(drill: CompiledDrill, runbooks: [Runbook]) {
        var compiled = drill
        var planned: [[PlannedStep]] = []
        var triggers: [[Int]] = []
        var offsets: [Int] = []
        var total = 0
        for runbook in runbooks {
            offsets.append(total)
            total += runbook.steps.count
            planned.append(runbook.steps.map { step in
                let commands = step.commands.map { command -> PlannedCommand in
                    switch CommandParser.parse(words: command.words, text: command.line) {
                    case .success(let parsed): PlannedCommand(command: .success(compiled.compile(parsed)), line: command.line)
                    case .failure(let error): PlannedCommand(command: .failure(error), line: command.line)
                    }
                }
                return PlannedStep(commands: commands, role: step.by, after: step.after.flatMap { Self.position(of: $0, in: compiled.drill) })
            })
            triggers.append(runbook.triggers.compactMap { Self.position(of: $0, in: compiled.drill) })
        }
        self.compiled = compiled
        self.runbooks = runbooks
        steps = planned
        self.triggers = triggers
        self.offsets = offsets
    }

    private static func position(of id: String, in drill: Drill) -> Int? {
        drill.injects.firstIndex { $0.id == id }
    }

    /// How many steps all runbooks have together: the length of a list of durations.
    public var stepCount: Int { steps.reduce(0) { $0 + $1.count } }

    /// The durations `runbook test` uses: each step's median, or the geometric mean of its range.
    public var testDurations: [Int] { runbooks.flatMap { $0.steps.map(\.duration.testSeconds) } }

    /// How one step went.
    public struct StepResult: Sendable, Hashable {
        /// When it started, nil when not reached.
        public var start: Int?
        /// When it was done, nil when not reached.
        public var done: Int?
        /// How the system answered each of its commands, nil when not reached.
        public var outcomes: [CommandOutcome]?
    }

    /// How a play went: when each runbook started and how each of its steps went.
    public struct PlayResult: Sendable, Hashable {
        /// Per runbook, when it started (nil when none of its triggers fired where the team could see it).
        public var starts: [Int?]
        /// Per runbook, per step (empty when the play did not record).
        public var steps: [[StepResult]]
    }

    /// Where one responder is.
    private struct Cursor {
        var step = 0
        var start: Int?
        var stepStart = 0
        var due: Int?
        var lastDone = 0
        var waiting = false
        var finished = false
    }

    /// Plays every runbook on `simulator` with `durations` (flat: runbooks in order, then steps in order), applying
    /// each step's commands at its done time; `record` keeps each step's result. The simulator is left where the
    /// last step was done: `finish` it to score the run.
    @discardableResult
    public func play(on simulator: inout Simulator, durations: [Int], record: Bool = true) -> PlayResult {
        let end = simulator.end
        var cursors = [Cursor](repeating: Cursor(), count: steps.count)
        var results: [[StepResult]] = record ? steps.map { Array(repeating: StepResult(), count: $0.count) } : []

        /// Schedules runbook `r`'s current step, ready at `ready`, or marks the rest not reached.
        func schedule(_ r: Int, ready: Int) {
            guard cursors[r].step < steps[r].count else { cursors[r].finished = true; return }
            var start = ready
            if let after = steps[r][cursors[r].step].after {
                guard let shown = simulator.firstShown(after) else { cursors[r].waiting = true; return }
                start = max(start, shown)
            }
            cursors[r].waiting = false
            let done = start + durations[offsets[r] + cursors[r].step]
            if done > end { cursors[r].finished = true; return }
            cursors[r].stepStart = start
            cursors[r].due = done
        }

        for r in steps.indices {
            if triggers[r].isEmpty {
                cursors[r].start = 0
                schedule(r, ready: 0)
            } else {
                cursors[r].waiting = true
            }
        }
        while true {
            var next: Int?
            for cursor in cursors where !cursor.finished { if let due = cursor.due, due < (next ?? Int.max) { next = due } }
            let injectTime = simulator.nextInjectTime
            if let next, injectTime.map({ next <= $0 }) ?? true {
                // Team actions come first at one instant: runbooks in order, each one step.
                for r in cursors.indices where cursors[r].due == next && !cursors[r].finished {
                    let step = steps[r][cursors[r].step]
                    var outcomes: [CommandOutcome] = []
                    for planned in step.commands {
                        let outcome: CommandOutcome
                        switch planned.command {
                        case .success(let command): outcome = simulator.apply(command, line: planned.line, at: next, by: step.role)
                        case .failure(let error):
                            simulator.reject(line: planned.line, reason: error.message, at: next, by: step.role)
                            outcome = .rejected(error.message)
                        }
                        if record { outcomes.append(outcome) }
                    }
                    if record {
                        results[r][cursors[r].step] = StepResult(start: cursors[r].stepStart, done: next, outcomes: outcomes)
                    }
                    cursors[r].lastDone = next
                    cursors[r].due = nil
                    cursors[r].step += 1
                    schedule(r, ready: next)
                }
                continue
            }
            guard let injectTime else { break }
            simulator.advance(to: injectTime)
            for r in cursors.indices where cursors[r].waiting && !cursors[r].finished {
                if cursors[r].start == nil {
                    guard triggers[r].contains(where: { simulator.firstShown($0) != nil }) else { continue }
                    cursors[r].start = injectTime
                    schedule(r, ready: injectTime)
                } else {
                    schedule(r, ready: cursors[r].lastDone)
                }
            }
        }
        return PlayResult(starts: cursors.map(\.start), steps: results)
    }
}
