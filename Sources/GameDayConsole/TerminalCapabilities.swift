/// What the console may do with its terminal, decided once from whether stdin and stdout are terminals and the environment.
public struct TerminalCapabilities: Sendable, Hashable {
    /// Read keys in raw mode with line editing, completion and a prompt (stdin and stdout are terminals).
    public var interactive: Bool
    /// Use escape sequences to redraw the line (a terminal that is not `dumb`).
    public var ansi: Bool
    /// Use colours (and the status bar's reverse video): `ansi`, and `NO_COLOR` unset or empty.
    public var color: Bool

    /// Creates capabilities.
    public init(interactive: Bool, ansi: Bool, color: Bool) {
        self.interactive = interactive
        self.ansi = ansi
        self.color = color
    }

    /// Plain text: no prompt, no escapes, no colours (output to a file or a pipe).
    public static let plain = TerminalCapabilities(interactive: false, ansi: false, color: false)

    /// The capabilities for these facts: stdin and stdout being terminals, and `TERM` and `NO_COLOR`.
    public static func detect(stdinIsTerminal: Bool, stdoutIsTerminal: Bool, environment: [String: String]) -> TerminalCapabilities {
        guard stdoutIsTerminal else { return .plain }
        let term = environment["TERM"] ?? ""
        let ansi = !term.isEmpty && term != "dumb"
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return TerminalCapabilities(interactive: stdinIsTerminal, ansi: ansi, color: ansi && !noColor)
    }
}
