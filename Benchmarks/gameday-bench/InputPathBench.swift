import Foundation
import GameDayEngine

/// Load + validate of the drill library (every drill with its scenario, and the scenarios) beside libyaml parsing
/// the same bytes into events, and their ratio: the input path's target is at most 2×.
func benchmarkInputPath(drills: String, scenarios: String, fixedRounds: Int? = nil, onlyEvents: Bool = false) {
    let fm = FileManager.default
    let drillFiles = ((try? fm.contentsOfDirectory(atPath: drills)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted().map { drills + "/" + $0 }
    let scenarioFiles = ((try? fm.contentsOfDirectory(atPath: scenarios)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted().map { scenarios + "/" + $0 }
    let loader = DrillLoader()
    let validator = Validator(loader: loader)
    // The bytes each validation reads: a drill and its scenario, or a scenario.
    var inputs: [[UInt8]] = []
    for file in drillFiles {
        guard let drill = fm.contents(atPath: file) else { continue }
        inputs.append([UInt8](drill))
        if let id = loader.loadDrill(path: file).value?.scenarioID,
           let scenario = fm.contents(atPath: loader.scenarioPath(for: id, drillPath: file)) { inputs.append([UInt8](scenario)) }
    }
    for file in scenarioFiles { if let data = fm.contents(atPath: file) { inputs.append([UInt8](data)) } }
    let files = drillFiles + scenarioFiles
    if let rounds = fixedRounds {
        // A fixed amount of work and nothing else, for instruction counts under valgrind --tool=callgrind.
        var count = 0
        for _ in 0..<rounds {
            if onlyEvents { for input in inputs { count += YAMLLoader.countEvents(bytes: input) } }
            else { for file in files { count += validator.validate(file: file).1.count } }
        }
        print(count)
        return
    }
    let bytes = inputs.reduce(0) { $0 + $1.count }
    var errors = 0
    for file in files { errors += validator.validate(file: file).1.filter { $0.severity == .error }.count }
    // The three take turns, round after round, so that a machine's slow spell falls on all of them alike; each is
    // given by its fastest round and its median round.
    let times = interleavedSeconds([
        { for input in inputs { _ = YAMLLoader.countEvents(bytes: input) } },
        { for input in inputs { _ = YAMLLoader.load(bytes: input, file: "x.yaml") } },
        { for file in files { _ = validator.validate(file: file) } },
    ])
    let (events, parse, validate) = (times[0], times[1], times[2])
    print("== Input path: the drill library (\(drillFiles.count) drills with their scenario, \(scenarioFiles.count) scenario(s); \(bytes) bytes read; \(errors) errors) ==")
    print("(\(events.rounds) rounds each, taking turns; fastest round, and median round)")
    print(String(format: "libyaml events alone        %9.1f µs  (%6.1f MB/s)     median %9.1f µs", events.fastest * 1e6,
                 Double(bytes) / events.fastest / 1e6, events.median * 1e6))
    print(String(format: "YAML loader (node tree)     %9.1f µs  %5.2f× libyaml   median %9.1f µs  %5.2f×", parse.fastest * 1e6,
                 parse.fastest / events.fastest, parse.median * 1e6, parse.median / events.median))
    print(String(format: "load + validate (gameday)   %9.1f µs  %5.2f× libyaml   median %9.1f µs  %5.2f×   (target: at most 2×)",
                 validate.fastest * 1e6, validate.fastest / events.fastest, validate.median * 1e6, validate.median / events.median))
}

/// The times of `bodies` run in turn, round after round, for at least `minimum` seconds in all (and 20 rounds):
/// each body's fastest and median round.
func interleavedSeconds(minimum: Double = 3.0, _ bodies: [() -> Void]) -> [(fastest: Double, median: Double, rounds: Int)] {
    var samples = [[Double]](repeating: [], count: bodies.count)
    var elapsed = 0.0
    while elapsed < minimum || samples[0].count < 20 {
        for (i, body) in bodies.enumerated() {
            let t = seconds(body)
            samples[i].append(t)
            elapsed += t
        }
    }
    return samples.map { times in
        let sorted = times.sorted()
        return (sorted[0], sorted[sorted.count / 2], sorted.count)
    }
}

/// The whole-process time of `gameday validate FILE`, from spawn to exit, over `runs` runs (posix_spawn, output to
/// /dev/null: Foundation's `Process` adds tens of milliseconds of its own).
func benchmarkValidateProcess(binary: String, file: String, runs: Int = 100) {
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        print("\n(no \(binary): build it with scripts/build-release to time a whole `gameday validate`)")
        return
    }
    func once() -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(binary), strdup("validate"), strdup(file), nil]
        defer { for a in argv { free(a) } }
        var pid = pid_t()
        return seconds {
            guard posix_spawn(&pid, binary, &actions, nil, argv, environ) == 0 else { return }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }
    for _ in 0..<10 { _ = once() }
    let times = (0..<runs).map { _ in once() }.sorted()
    let mean = times.reduce(0, +) / Double(times.count)
    print(String(format: "\n== Whole process: %@ validate %@ (%d runs) ==\nmean %.2f ms, median %.2f ms, min %.2f ms   (target: at most 10 ms)",
                 binary, file, runs, mean * 1e3, times[times.count / 2] * 1e3, times[0] * 1e3))
}
