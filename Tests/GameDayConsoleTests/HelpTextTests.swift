import GameDayEngine
import Testing
@testable import GameDayConsole

/// The console's `help`: every command's usage is shown whole, no option name cut by the column.
@Suite struct HelpTextTests {
    @Test func helpNeverCutsAnOptionName() throws {
        var d = SessionDriver(try ConsoleFixture.drill())
        let text = d.type("help").map(\.text).joined(separator: "\n")
        for spec in CommandSpec.all where !spec.attackerOnly {
            #expect(text.contains("  \(spec.usage) "), "cut: \(spec.usage)")
        }
        #expect(text.contains("create-runner-pool POOL [--ephemeral] [--egress EGRESS] "))
        #expect(text.contains("push-image") == false, "attacker-only commands are not the team's")
    }
}
