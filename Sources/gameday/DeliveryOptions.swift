import ArgumentParser
import Foundation
import GameDayConsole
import GameDayDelivery
import GameDayEngine

/// `--deliver FILE` and `--dry-run`, shared by `facilitate` and `serve`: injects sent to chat, Teams and e-mail as they fire.
struct DeliveryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Deliver injects as they fire to the webhooks and mail servers this YAML file names (see the README).", valueName: "file"))
    var deliver: String?

    @Flag(help: "With --deliver: send nothing; log what would be sent.")
    var dryRun = false

    /// The queue, or nil without --deliver; prints the file's diagnostics and exits 2 when it does not load.
    func queue(drill: Drill) throws -> DeliveryQueue? {
        guard let deliver else {
            if dryRun {
                printError("error: --dry-run goes with --deliver FILE\n")
                throw ExitCode(2)
            }
            return nil
        }
        let environment = ProcessInfo.processInfo.environment
        let (plan, diagnostics) = DeliveryPlan.load(path: deliver, roles: drill.world.names(.roles), environment: environment)
        guard let plan else {
            var printer = DiagnosticPrinter()
            printError(printer.render(diagnostics.filter { $0.severity == .error }))
            throw ExitCode(2)
        }
        // Refused now rather than at the first inject, in front of the room.
        if !dryRun, let reason = DeliveryQueue.transportUnavailable {
            printError("error: --deliver \(deliver): \(reason)\n")
            throw ExitCode(2)
        }
        return DeliveryQueue(plan: plan, dryRun: dryRun, environment: environment)
    }
}
