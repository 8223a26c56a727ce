import ArgumentParser
import GameDayConsole
import GameDayDelivery

/// `gameday facilitate DRILL --team NAME`: the facilitator's and scribe's console of a live game day.
struct FacilitateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facilitate",
        abstract: "Run a live game day: the script and clock for the facilitator, the record for the scribe.",
        discussion: """
        The console shows the clock, the whole script and each inject as it comes due (to read out or send). The \
        scribe records each action as 'ROLE: COMMAND' (or sets the role with 'as ROLE'); 'pause', 'resume' and \
        'inject ID' (bring an inject forward) steer the day. Exit status: 0 passed, 1 not passed, 2 invalid input.
        """
    )

    @OptionGroup var live: LiveOptions

    @Option(help: "The team taking part (required, except with --resume, which takes it from the journal).")
    var team: String?

    @OptionGroup var delivery: DeliveryOptions

    mutating func run() throws {
        var console = LiveConsole(mode: .facilitate, options: live, team: team)
        console.delivery = delivery
        let status = console.run()
        if status != 0 { throw ExitCode(status) }
    }
}
