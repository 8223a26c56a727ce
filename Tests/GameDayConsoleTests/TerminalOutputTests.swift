import Testing
@testable import GameDayConsole

/// Plain text or colours, the prompt line on wide, narrow and dumb terminals, wrapping.
@Suite struct TerminalOutputTests {
    static let colorful = TerminalCapabilities(interactive: true, ansi: true, color: true)
    static let dumb = TerminalCapabilities(interactive: true, ansi: false, color: false)

    @Test func capabilitiesFollowTheTerminalTermAndNoColor() {
        let tty = ["TERM": "xterm-256color"]
        #expect(TerminalCapabilities.detect(stdinIsTerminal: true, stdoutIsTerminal: true, environment: tty) == Self.colorful)
        #expect(TerminalCapabilities.detect(stdinIsTerminal: true, stdoutIsTerminal: false, environment: tty) == .plain)
        #expect(TerminalCapabilities.detect(stdinIsTerminal: false, stdoutIsTerminal: true, environment: tty)
            == TerminalCapabilities(interactive: false, ansi: true, color: true))
        #expect(TerminalCapabilities.detect(stdinIsTerminal: true, stdoutIsTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": "1"])
            == TerminalCapabilities(interactive: true, ansi: true, color: false))
        #expect(TerminalCapabilities.detect(stdinIsTerminal: true, stdoutIsTerminal: true, environment: ["TERM": "xterm", "NO_COLOR": ""]) == Self.colorful)
        #expect(TerminalCapabilities.detect(stdinIsTerminal: true, stdoutIsTerminal: true, environment: ["TERM": "dumb"]) == Self.dumb)
        #expect(TerminalCapabilities.detect(stdinIsTerminal: true, stdoutIsTerminal: true, environment: [:]) == Self.dumb)
    }

    @Test func linesAreMadeSafeAndColouredOnlyWhenAllowed() {
        let line = ConsoleLine(.rejected, "bad \u{1B}[2J\u{07} news")
        #expect(ConsoleStyle(capabilities: .plain).render(line, width: nil) == "bad \\u{1b}[2J\\u{7} news\n")
        #expect(ConsoleStyle(capabilities: Self.colorful).render(line, width: nil) == "\u{1B}[31mbad \\u{1b}[2J\\u{7} news\u{1B}[0m\n")
        #expect(ConsoleStyle(capabilities: Self.dumb).render(ConsoleLine(.heading, "x"), width: nil) == "x\n")
    }

    @Test func wrappingKeepsWordsAndIndents() {
        #expect(ConsoleStyle.wrap("T+00:00  [chat x] one two three four", width: 20, indent: 9)
            == ["T+00:00  [chat x]", "         one two", "         three four"])
        #expect(ConsoleStyle.wrap("short", width: 20, indent: 4) == ["short"])
        #expect(ConsoleStyle.wrap("abcdefghijklmnopqrstuvwxyz", width: 10, indent: 2) == ["abcdefghij", "  klmnopqr", "  stuvwxyz"])
        #expect(ConsoleStyle.wrap("東京東京東京東京", width: 10, indent: 0) == ["東京東京東", "京東京"])
        #expect(ConsoleStyle.wrap("  lead word word word", width: 12, indent: 2) == ["  lead word", "  word word"])
    }

    @Test func thePromptLineOnAWideColourTerminal() {
        var p = PromptLine(capabilities: Self.colorful)
        let out = p.draw(status: "T+10:00 | ×60", prompt: "on-call> ", buffer: Array("ack x"), cursor: 5, width: 80)
        #expect(out == "\r\u{1B}[7m T+10:00 | ×60 \u{1B}[0m on-call> ack x\u{1B}[K\r\u{1B}[30C")
        #expect(p.erase() == "\r\u{1B}[K")
    }

    @Test func aNarrowTerminalDropsTheStatusAndScrollsTheLine() {
        var p = PromptLine(capabilities: Self.colorful)
        let buffer = Array("revoke-key nw-build-signing")
        let out = p.draw(status: "T+10:00 | ×60 | 2 open", prompt: "> ", buffer: buffer, cursor: buffer.count, width: 20)
        #expect(!out.contains("T+10:00"))
        #expect(out.hasPrefix("\r> ") && out.contains("build-signing"))
        #expect(!out.contains("revoke"))
        #expect(p.drawnWidth <= 19)
        let tiny = p.draw(status: nil, prompt: "security-lead> ", buffer: buffer, cursor: 0, width: 8)
        #expect(tiny.hasPrefix("\r> revo"))
    }

    @Test func aDumbTerminalGetsCarriageReturnsAndSpacesOnly() {
        var p = PromptLine(capabilities: Self.dumb)
        let first = p.draw(status: "T+00:00 | step", prompt: "> ", buffer: Array("wait 10m"), cursor: 8, width: 80)
        #expect(first == "\r[T+00:00 | step] > wait 10m\r[T+00:00 | step] > wait 10m")
        let second = p.draw(status: "T+00:00 | step", prompt: "> ", buffer: Array("wa"), cursor: 1, width: 80)
        #expect(second == "\r[T+00:00 | step] > wa      \r[T+00:00 | step] > w")
        #expect(!(first + second).contains("\u{1B}"))
        #expect(p.erase() == "\r" + String(repeating: " ", count: 21) + "\r")
    }
}
