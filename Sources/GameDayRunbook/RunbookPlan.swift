/// Runbooks compiled for one drill, ready to be played on a `Simulator` any number of times (runbook-format.md 3
/// and 4): one scripted responder per runbook, all on one shared simulation.
public struct RunbookPlan: Sendable {
    /// One command of a step, compiled for the drill (or why its line does not fit its verb: it is then rejected).
    struct PlannedCommand: Sendable {
        let command: Result<CompiledCommand, CommandShapeError>
        let line: String
    }


    /// The drill, compiled with every command's words interned.
    public let compiled: CompiledDrill
    /// The runbooks, in `--runbook` order.
    public let runbooks: [Runbook]
    // The steps, flat (runbooks in order, then steps in order, like the durations), one list per field, so that
    // the player reads a field in place instead of copying a step out on every event of every what-if run.
    /// Per runbook, how many steps it has.
    let stepCounts: [Int]
    /// Per step, the role that acts.
    let roles: [String]
    /// Per step, that role's symbol, or -1.
    let roleSymbols: [Int32]
    /// Per step, the inject it waits for (`after`), or -1.
    let after: [Int]
    /// Per step, where its commands start in `commands`; one more entry for the end of the last step's.
    let commandStarts: [Int]
    /// Every step's commands, in step order.
    let commands: [PlannedCommand]
    /// The same commands, unretained, nil where a line does not fit its verb: `commands` keeps each alive for as long
    /// as the plan, and the player borrows them from here, so that applying a command retains and releases nothing.
    let borrowedCommands: [Unmanaged<CompiledCommand>?]
    /// Per runbook, the positions of its trigger injects; empty means it starts at 0.
    let triggers: [[Int]]
    /// Per runbook, where its steps start in a flat list of durations (runbooks in order, then steps in order).
    public let offsets: [Int]

    /// Compiles `runbooks` for `drill`. Every trigger and `after` must name an inject of the drill (the loader checks).
    public init(drill: CompiledDrill, runbooks: [Runbook]) {
        var compiled = drill
        var stepCounts: [Int] = [], roles: [String] = [], roleSymbols: [Int32] = [], after: [Int] = []
        var commandStarts: [Int] = [], planned: [PlannedCommand] = []
        var triggers: [[Int]] = []
        var offsets: [Int] = []
        var total = 0
        for runbook in runbooks {
            offsets.append(total)
            total += runbook.steps.count
            stepCounts.append(runbook.steps.count)
            for step in runbook.steps {
                commandStarts.append(planned.count)
                for command in step.commands {
                    switch CommandParser.parse(words: command.words, text: command.line) {
                    case .success(let parsed): planned.append(PlannedCommand(command: .success(compiled.compile(parsed)), line: command.line))
                    case .failure(let error): planned.append(PlannedCommand(command: .failure(error), line: command.line))
                    }
                }
                roles.append(step.by)
                roleSymbols.append(compiled.symbols.lookup(step.by) ?? -1)
                after.append(step.after.flatMap { Self.position(of: $0, in: compiled.drill) } ?? -1)
            }
            triggers.append(runbook.triggers.compactMap { Self.position(of: $0, in: compiled.drill) })
        }
        self.compiled = compiled
        self.runbooks = runbooks
        commandStarts.append(planned.count)
        self.stepCounts = stepCounts
        self.roles = roles
        self.roleSymbols = roleSymbols
        self.after = after
        self.commandStarts = commandStarts
        commands = planned
        borrowedCommands = planned.map { planned in
            if case .success(let command) = planned.command { Unmanaged.passUnretained(command) } else { nil }
        }
        self.triggers = triggers
        self.offsets = offsets
    }

    private static func position(of id: String, in drill: Drill) -> Int? {
        drill.injects.firstIndex { $0.id == id }
    }

    /// How many steps all runbooks have together: the length of a list of durations.
    public var stepCount: Int { roles.count }

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

    /// Plays every runbook on `simulator` with `durations` (flat: runbooks in order, then steps in order), applying
    /// each step's commands at its done time, and keeps each step's result. The simulator is left where the last
    /// step was done: `finish` it to score the run.
    @discardableResult
    public func play(on simulator: inout Simulator, durations: [Int], record: Bool = true) -> PlayResult {
        var player = RunbookPlayer(plan: self)
        var results: [[StepResult]] = record ? stepCounts.map { Array(repeating: StepResult(), count: $0) } : []
        player.play(self, on: &simulator, durations: durations) { r, k, start, done, outcomes in
            if record { results[r][k] = StepResult(start: start, done: done, outcomes: outcomes) }
        }
        return PlayResult(starts: player.starts.map { $0 < 0 ? nil : $0 }, steps: results)
    }
}

/// The responders' state for playing a plan, kept between plays so that a what-if run allocates nothing for it.
public struct RunbookPlayer: Sendable {
    /// Where one responder is.
    struct Cursor: Sendable {
        var step = 0
        var stepStart = 0
        var due = -1
        var lastDone = 0
        var waiting = false
        var finished = false
    }

    var cursors: [Cursor]
    /// Per runbook, when it started in the last play, or -1.
    public private(set) var starts: [Int]
    /// Per step (flat, like the durations), when it was done in the last play, or -1 when not reached.
    public private(set) var done: [Int]
    private var outcomes: [CommandOutcome] = []

    /// A player for `plan`.
    public init(plan: RunbookPlan) {
        cursors = Array(repeating: Cursor(), count: plan.stepCounts.count)
        starts = Array(repeating: -1, count: plan.stepCounts.count)
        done = Array(repeating: -1, count: plan.stepCount)
    }

    /// How many steps were reached in the last play.
    public var reached: Int { done.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }

    /// Plays `plan` on `simulator` with `durations`, without recording the steps' answers.
    public mutating func play(_ plan: RunbookPlan, on simulator: inout Simulator, durations: [Int]) {
        play(plan, on: &simulator, durations: durations, observe: nil)
    }

    /// The responders of runbook-format.md 3 and 4 on one shared simulation: each starts when one of its triggers
    /// fires where the team sees it (at 0 without triggers), plays its steps one after another (a step with
    /// `after X` no earlier than X's first firing the team saw), and applies a step's commands at its done time;
    /// at one instant team actions go before injects, runbooks in order. `observe` gets each step done.
    mutating func play(_ plan: RunbookPlan, on simulator: inout Simulator, durations: [Int],
                       observe: ((_ runbook: Int, _ step: Int, _ start: Int, _ done: Int, _ outcomes: [CommandOutcome]) -> Void)?) {
        // The cursors and done times move out of `self` and are played through their buffers: one uniqueness check
        // per play instead of one for every write (a what-if run writes them on every step of thousands of runs).
        var cursors: [Cursor] = [], done: [Int] = []
        swap(&cursors, &self.cursors)
        swap(&done, &self.done)
        defer {
            swap(&cursors, &self.cursors)
            swap(&done, &self.done)
        }
        cursors.withUnsafeMutableBufferPointer { cursors in
            done.withUnsafeMutableBufferPointer { done in
                play(plan, on: &simulator, durations: durations, observe: observe, cursors: cursors, done: done)
            }
        }
    }

    private mutating func play(_ plan: RunbookPlan, on simulator: inout Simulator, durations: [Int],
                               observe: ((_ runbook: Int, _ step: Int, _ start: Int, _ done: Int, _ outcomes: [CommandOutcome]) -> Void)?,
                               cursors: UnsafeMutableBufferPointer<Cursor>, done: UnsafeMutableBufferPointer<Int>) {
        let end = simulator.end
        let stepCounts = plan.stepCounts, triggers = plan.triggers, offsets = plan.offsets
        for r in cursors.indices { cursors[r] = Cursor() }
        for r in starts.indices { starts[r] = -1 }
        for k in done.indices { done[k] = -1 }

        /// Schedules runbook `r`'s current step, ready at `ready`, or marks the rest not reached.
        func schedule(_ r: Int, ready: Int, _ simulator: inout Simulator) {
            guard cursors[r].step < stepCounts[r] else { cursors[r].finished = true; return }
            var start = ready
            let after = plan.after[offsets[r] + cursors[r].step]
            if after >= 0 {
                guard let shown = simulator.firstShown(after) else { cursors[r].waiting = true; return }
                start = max(start, shown)
            }
            cursors[r].waiting = false
            let due = start + durations[offsets[r] + cursors[r].step]
            if due > end { cursors[r].finished = true; return }
            cursors[r].stepStart = start
            cursors[r].due = due
        }

        for r in stepCounts.indices {
            if triggers[r].isEmpty {
                starts[r] = 0
                schedule(r, ready: 0, &simulator)
            } else {
                cursors[r].waiting = true
            }
        }
        while true {
            var next = Int.max
            for r in cursors.indices where !cursors[r].finished && cursors[r].due >= 0 && cursors[r].due < next { next = cursors[r].due }
            let injectTime = simulator.nextInjectDue()
            if next != Int.max, injectTime.map({ next <= $0 }) ?? true {
                // Team actions come first at one instant: runbooks in order, one step each.
                for r in cursors.indices where cursors[r].due == next && !cursors[r].finished {
                    // Read in place, not copied out: a what-if run plays every step thousands of times.
                    let k = offsets[r] + cursors[r].step
                    if observe != nil { outcomes.removeAll(keepingCapacity: true) }
                    for c in plan.commandStarts[k]..<plan.commandStarts[k + 1] {
                        let outcome: CommandOutcome
                        if let command = plan.borrowedCommands[c] {
                            outcome = command._withUnsafeGuaranteedRef { command in
                                simulator.apply(command, line: plan.commands[c].line, at: next, by: plan.roles[k], roleSymbol: plan.roleSymbols[k])
                            }
                        } else if case .failure(let error) = plan.commands[c].command {
                            simulator.reject(line: plan.commands[c].line, reason: error.message, at: next, by: plan.roles[k])
                            outcome = .rejected(error.message)
                        } else {
                            preconditionFailure("a planned command is either compiled or refused")
                        }
                        if observe != nil { outcomes.append(outcome) }
                    }
                    done[k] = next
                    observe?(r, cursors[r].step, cursors[r].stepStart, next, outcomes)
                    cursors[r].lastDone = next
                    cursors[r].due = -1
                    cursors[r].step += 1
                    schedule(r, ready: next, &simulator)
                }
                continue
            }
            guard let injectTime else { break }
            simulator.advance(to: injectTime)
            for r in cursors.indices where cursors[r].waiting && !cursors[r].finished {
                if starts[r] < 0 {
                    guard triggers[r].contains(where: { simulator.firstShown($0) != nil }) else { continue }
                    starts[r] = injectTime
                    schedule(r, ready: injectTime, &simulator)
                } else {
                    schedule(r, ready: cursors[r].lastDone, &simulator)
                }
            }
        }
    }
}
