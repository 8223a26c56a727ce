import Foundation
import Testing
@testable import GameDayModel

/// Where a drill's scenario is looked for, against the same path built with Foundation's path operations and tidied.
@Suite struct ScenarioPathTests {
    @Test(arguments: ["drills/x.yaml", "x.yaml", "/x.yaml", "/srv/game/drills/x.yaml", "./drills/x.yaml", "a/b/../drills/x.yaml",
                      "../lib/drills/x.yaml", "drills//x.yaml", "/a/./b/x.yaml", "caf\u{E9}/drills/x.yaml"])
    func besideTheDrillsFolder(_ drill: String) {
        let expected = ((((drill as NSString).deletingLastPathComponent as NSString).appendingPathComponent("..") as NSString)
            .appendingPathComponent("scenarios") as NSString).appendingPathComponent("acme.yaml")
        #expect(DrillLoader().scenarioPath(for: "acme", drillPath: drill) == DrillLoader.tidy(expected))
    }

    @Test func inAGivenFolder() {
        #expect(DrillLoader(scenariosDirectory: "lib/scenarios/").scenarioPath(for: "acme", drillPath: "x/y.yaml") == "lib/scenarios/acme.yaml")
        #expect(DrillLoader(scenariosDirectory: "/srv/./s").scenarioPath(for: "acme", drillPath: "x/y.yaml") == "/srv/s/acme.yaml")
        #expect(DrillLoader(scenariosDirectory: "").scenarioPath(for: "acme", drillPath: "x/y.yaml") == "acme.yaml")
    }
}
