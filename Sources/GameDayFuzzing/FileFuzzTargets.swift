import GameDayEngine

extension FuzzTarget {
    /// A drill file: loaded against the spec's scenarios; a valid one is compiled and replayed twice with an empty log.
    static let drill = FuzzTarget("drill", "DrillLoader.loadDrill, then a replay of an empty log") { bytes in
        let path = "fuzz/drills/fuzz.yaml"
        let document = YAMLLoader.load(bytes: bytes, file: path)
        let result = FuzzFixtures.loader.loadDrill(path: path, document: document)
        if let problem = Invariants.places(result.diagnostics, files: [path, FuzzFixtures.scenarioFile])
            ?? Invariants.valueIffValid(result) { return problem }
        guard let drill = result.value else { return nil }
        return Invariants.deterministic(drill, ResponseLog(drillID: drill.id))
    }

    /// A scenario file.
    static let scenario = FuzzTarget("scenario", "DrillLoader.loadScenario") { bytes in
        let path = "fuzz/scenarios/fuzz.yaml"
        let result = FuzzFixtures.loader.loadScenario(path: path, document: YAMLLoader.load(bytes: bytes, file: path))
        return Invariants.places(result.diagnostics, files: [path]) ?? Invariants.valueIffValid(result)
    }

    /// A response log for the spec's example drill; a valid one is replayed twice, to the same report.
    static let responses = FuzzTarget("responses", "DrillLoader.loadResponseLog for the example drill, then two replays") { bytes in
        let path = "fuzz.responses.yaml"
        let drill = FuzzFixtures.drill
        let result = FuzzFixtures.loader.loadResponseLog(path: path, drill: drill, document: YAMLLoader.load(bytes: bytes, file: path))
        if let problem = Invariants.places(result.diagnostics, files: [path]) ?? Invariants.valueIffValid(result) { return problem }
        guard let log = result.value else { return nil }
        for action in log.actions where (try? ShellWords.split(action.line)) != action.words {
            return "an action's words are not the split of its line: \(action.line)"
        }
        return Invariants.deterministic(drill, log)
    }
}
