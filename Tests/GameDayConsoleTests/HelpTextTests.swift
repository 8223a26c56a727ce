import GameDayEngine
import Testing
@testable import GameDayConsole

/// The console's `help`: the list names every verb whole, and `help VERB` shows its usage whole, no option name cut.
@Suite struct HelpTextTests {
    @Test func helpNeverCutsAnOptionName() throws {
        var d = SessionDriver(try ConsoleFixture.drill())
        let text = d.type("help").map(\.text).joined(separator: "\n")
        let listed = Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        for spec in CommandSpec.all where !spec.attackerOnly {
            #expect(listed.contains(spec.verb), "missing or cut: \(spec.verb)")
            let usage = d.type("help \(spec.verb)").first?.text ?? ""
            #expect(usage.hasPrefix("\(spec.usage) — "), "cut: \(spec.usage)")
        }
        #expect(d.type("help create-runner-pool").first?.text.hasPrefix("create-runner-pool POOL [--ephemeral] [--egress EGRESS] ") == true)
        #expect(text.contains("push-image") == false, "attacker-only commands are not the team's")
    }
}
