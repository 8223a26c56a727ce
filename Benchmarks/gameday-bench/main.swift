// Prints speed and memory figures for the loader and the simulator. Run: swift run -c release gameday-bench [EXAMPLES_DIR]
import Foundation
import GameDayEngine

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakResidentMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}

let examples = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../shared/spec/examples"
let drillPath = examples + "/drills/signing-key-compromised.yaml"
let files = [drillPath, examples + "/scenarios/acme.yaml", examples + "/responses/signing-key-compromised.good.yaml",
             examples + "/responses/signing-key-compromised.slow.yaml"]

print("== Loading (per file, 200 rounds) ==")
let loader = DrillLoader()
for file in files {
    guard let data = FileManager.default.contents(atPath: file) else { print("missing \(file)"); exit(2) }
    let bytes = [UInt8](data)
    let rounds = 200
    let parse = seconds { for _ in 0..<rounds { _ = YAMLLoader.countEvents(bytes: bytes) } } / Double(rounds)
    let validator = Validator(loader: loader)
    let load = seconds { for _ in 0..<rounds { _ = validator.validate(file: file) } } / Double(rounds)
    let mbps = Double(bytes.count) / load / 1e6
    print(String(format: "%-48@ %6d B  load %8.1f µs (%6.2f MB/s)   libyaml events alone %7.1f µs",
                 (file as NSString).lastPathComponent as NSString, bytes.count, load * 1e6, mbps, parse * 1e6))
}

print("\n== Simulation ==")
guard let drill = loader.loadDrill(path: drillPath).value else { print("cannot load \(drillPath)"); exit(2) }
let compiled = CompiledDrill(drill)
for name in ["good", "slow"] {
    guard let log = loader.loadResponseLog(path: examples + "/responses/signing-key-compromised.\(name).yaml", drill: drill).value else { exit(2) }
    let replay = Replay(compiled, log: log)
    let date = Date(timeIntervalSince1970: 0)
    _ = replay.run(runDate: date)
    var runs = 0
    var events = 0
    let budget = 2.0
    var elapsed = 0.0
    while elapsed < budget {
        elapsed += seconds {
            for _ in 0..<1000 {
                let report = replay.run(runDate: date)
                events += report.actions.count + report.injects.count
                runs += 1
            }
        }
    }
    let scoreOnly = seconds {
        for _ in 0..<1000 {
            var simulator = replay.makeSimulator(recordEvents: false)
            replay.feed(&simulator)
        }
    } / 1000
    print(String(format: "%@: %9.0f runs/s  %10.0f events/s  (%.2f µs a run, %.2f µs without scoring)",
                 name, Double(runs) / elapsed, Double(events) / elapsed, elapsed / Double(runs) * 1e6, scoreOnly * 1e6))
}
print(String(format: "\npeak resident memory: %.1f MiB", peakResidentMiB()))

if CommandLine.arguments.contains("--breakdown") {
    guard let log = loader.loadResponseLog(path: examples + "/responses/signing-key-compromised.slow.yaml", drill: drill).value else { exit(2) }
    let replay = Replay(compiled, log: log)
    let n = 20000
    let initTime = seconds { for _ in 0..<n { _ = replay.makeSimulator(recordEvents: false) } } / Double(n)
    var sims: [Simulator] = []
    sims.reserveCapacity(n)
    for _ in 0..<n { sims.append(replay.makeSimulator(recordEvents: false)) }
    let feedTime = seconds { for i in 0..<n { replay.feed(&sims[i]) } } / Double(n)
    let finishTime = seconds { for i in 0..<n { _ = sims[i].finish(team: nil, started: nil, runDate: Date(timeIntervalSince1970: 0), startDate: Date(timeIntervalSince1970: 0)) } } / Double(n)
    print(String(format: "breakdown: init %.2f µs, feed %.2f µs, finish %.2f µs", initTime * 1e6, feedTime * 1e6, finishTime * 1e6))
}

if CommandLine.arguments.contains("--feed-only") {
    guard let log = loader.loadResponseLog(path: examples + "/responses/signing-key-compromised.slow.yaml", drill: drill).value else { exit(2) }
    let replay = Replay(compiled, log: log)
    var total = 0
    for _ in 0..<200_000 {
        var simulator = replay.makeSimulator(recordEvents: false)
        replay.feed(&simulator)
        total += simulator.now
    }
    print(total)
}

if CommandLine.arguments.contains("--finish-only") {
    guard let log = loader.loadResponseLog(path: examples + "/responses/signing-key-compromised.slow.yaml", drill: drill).value else { exit(2) }
    let replay = Replay(compiled, log: log)
    var simulator = replay.makeSimulator(recordEvents: false)
    replay.feed(&simulator)
    var total = 0
    for _ in 0..<300_000 {
        var copy = simulator
        total += copy.finish(team: nil, started: nil, runDate: Date(timeIntervalSince1970: 0), startDate: Date(timeIntervalSince1970: 0)).stories.count
    }
    print(total)
}
