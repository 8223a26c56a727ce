import ArgumentParser

/// The options `play` and `facilitate` share: the drill, the clock, the journal.
struct LiveOptions: ParsableArguments {
    @Argument(help: "The drill file.")
    var drill: String

    @Option(help: "Folder of scenarios (default: ../scenarios beside the drill's folder).")
    var scenarios: String?

    @Option(help: "Run the clock at N times real time (default 1).")
    var speed: Double?

    @Flag(help: "Move the clock only when told: 'wait 5m', or 'wait' for the next inject.")
    var step = false

    @Option(help: "Write the journal (a response log) here (default: DRILL.UTCTIME.responses.yaml in the current folder).")
    var journal: String?

    @Option(help: "Continue the session recorded in this journal, and keep appending to it.")
    var resume: String?

    @Option(help: "Record actions as taken by this role (change it in the session with 'as ROLE').")
    var role: String?

    @Option(help: "Also write the final report as JSON (gameday.report/v1) to this file.")
    var report: String?

    @OptionGroup var publishing: PublishOptions

    /// What is wrong with the options taken together (checked in `run`, so that it exits 2 like every input error).
    var problem: String? {
        if step, speed != nil { return "--step and --speed exclude each other" }
        if let speed, !(speed > 0 && speed <= 1_000_000) { return "--speed must be a number above 0 (and at most 1000000)" }
        if journal != nil, resume != nil { return "--resume continues its own journal: leave out --journal" }
        return nil
    }
}
