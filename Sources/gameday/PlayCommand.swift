import ArgumentParser
import GameDayConsole

/// `gameday play DRILL`: solo practice at the terminal.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Practise a drill alone at the terminal, journaled and resumable.",
        discussion: """
        Injects appear when they come due; type commands of the drill vocabulary (Tab completes, 'help' lists \
        them, 'status' shows the clock and what is open). The session ends when time is up or at 'end', with the \
        report 'gameday run' prints for the journal. Exit status: 0 passed, 1 not passed, 2 invalid input.
        """
    )

    @OptionGroup var live: LiveOptions

    @Option(help: "The team's name for the journal and the report.")
    var team: String?

    mutating func run() throws {
        let status = LiveConsole(mode: .play, options: live, team: team).run()
        if status != 0 { throw ExitCode(status) }
    }
}
