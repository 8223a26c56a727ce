import ArgumentParser
import Dispatch
import Foundation
import GameDayConsole
import GameDayWhatIf

/// `gameday whatif DRILL --runbook R...`: "could on-call contain this in 15 minutes?"
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Play runbooks against a drill thousands of times with random step times, and count the odds.",
        discussion: """
        Each --runbook is one responder; all play on one shared simulation, as 'runbook test' plays one. Every \
        step's time is drawn from a log-normal distribution (median: the step's time; shape: --sigma, or the \
        range a..b as its 5th and 95th percentiles), from a generator of its own per run (runbook-format.md 4), \
        so the counts are the same on every machine and for any --jobs. Exit status: 0 when the what-if ran, \
        2 on invalid input, 130 when interrupted.
        """
    )

    @Argument(help: "The drill.")
    var drill: String

    @Option(name: .customLong("runbook"), help: ArgumentHelp("A runbook (Markdown); repeat for several responders.", valueName: "runbook"))
    var runbooks: [String] = []

    @Option(help: "How many runs.")
    var runs: Int = 10_000

    @Option(help: ArgumentHelp("The seed S (run i's generator starts at S + (i + 1) × 0x9E3779B97F4A7C15).", valueName: "seed"))
    var seed: String = "0"

    @Option(help: "The shape σ of a step written with a single time.")
    var sigma: Double = 0.5

    @Option(help: ArgumentHelp("Threads (default: the number of cores); the result is the same for any number.", valueName: "jobs"))
    var jobs: Int?

    @Option(help: ArgumentHelp("An alias file searched before the catalog.", valueName: "file"))
    var aliases: String?

    @Option(help: "Folder of scenarios (default: ../scenarios beside the drill's folder).")
    var scenarios: String?

    @Flag(help: "Print the gameday.whatif/v1 JSON object on stdout.")
    var json = false

    @Option(help: ArgumentHelp("Write whatif.html and whatif.json to this folder.", valueName: "dir"))
    var out: String?

    @Option(name: .customLong("run"), help: ArgumentHelp("Print the response log of run I (0-based) instead; 'gameday run' replays it to that run's result.", valueName: "i"))
    var replayRun: Int?

    mutating func validate() throws {
        guard !runbooks.isEmpty else { throw ValidationError("give at least one --runbook") }
        guard runs >= 1, runs <= 1_000_000_000 else { throw ValidationError("--runs must be between 1 and 1000000000") }
        guard sigma.isFinite, sigma > 0 else { throw ValidationError("--sigma must be a positive number") }
        guard Self.seedValue(seed) != nil else { throw ValidationError("--seed must be an integer, not '\(seed)'") }
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be between 1 and 1024") }
        if let replayRun, replayRun < 0 { throw ValidationError("--run must be 0 or more") }
    }

    /// The seed's bits: an unsigned 64-bit integer, or a negative one as its two's complement.
    static func seedValue(_ text: String) -> UInt64? {
        UInt64(text) ?? Int64(text).map { UInt64(bitPattern: $0) }
    }

    mutating func run() throws {
        var options = RunbookOptions()
        options.drill = drill
        options.aliases = aliases
        options.scenarios = scenarios
        let (loaded, diagnostics) = RunbookInputs(options: options).load(runbooks)
        guard let loaded else { throw failInput(diagnostics) }
        let plan = RunbookPlan(drill: CompiledDrill(loaded.drill), runbooks: loaded.runbooks)
        let whatIf = WhatIf(plan: plan, seed: Self.seedValue(seed)!, sigma: sigma)
        if let replayRun {
            let run = whatIf.replay(run: replayRun, runDate: Date(timeIntervalSince1970: 0))
            print(run.log, terminator: "")
            return
        }
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let progress = WhatIf.Progress()
        let interrupt = Interrupt { progress.cancel() }
        let bar = ProgressBar(total: runs, progress: progress)
        let aggregate = whatIf.aggregate(runs: runs, jobs: jobs, progress: progress)
        bar.stop()
        interrupt.restore()
        guard let aggregate else {
            printError("gameday: interrupted after \(progress.done) of \(runs) runs; nothing was written\n")
            throw ExitCode(130)
        }
        let report = WhatIfReport(whatIf: whatIf, aggregate: aggregate, seedText: seed)
        if let out {
            try WhatIfOutput.write(report, to: out)
        }
        if json {
            print(report.json.rendered())
        } else {
            print(WhatIfText(report: report).text, terminator: "")
        }
    }
}

/// Turns Ctrl-C into a request to stop, and puts the default handler back afterwards.
final class Interrupt {
    private let source: DispatchSourceSignal

    init(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
    }

    func restore() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

/// A progress bar on stderr (runs done, runs/s, time left), only when stderr is a terminal: never into a pipe.
final class ProgressBar {
    private let timer: DispatchSourceTimer?

    init(total: Int, progress: WhatIf.Progress) {
        guard isatty(2) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { timer = nil; return }
        let started = DispatchTime.now().uptimeNanoseconds
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .milliseconds(300), repeating: .milliseconds(200))
        timer.setEventHandler {
            let done = progress.done
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            let rate = seconds > 0 ? Double(done) / seconds : 0
            let left = rate > 0 ? Double(total - done) / rate : 0
            let width = 30, filled = total > 0 ? min(width, width * done / total) : 0
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = String(format: "\r%@ %d/%d runs  %.0f runs/s  %.0fs left ", bar, done, total, rate, left)
            FileHandle.standardError.write(Data(line.utf8))
        }
        timer.resume()
        self.timer = timer
    }

    func stop() {
        guard let timer else { return }
        timer.cancel()
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
