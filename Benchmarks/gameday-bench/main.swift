// Speed and memory figures for the loader and the simulator.
//
//   swift run -c release gameday-bench [EXAMPLES_DIR]             loading per file, runs/s, events/s, peak memory
//   swift run -c release gameday-bench [EXAMPLES_DIR] --breakdown  also: time in simulator start, feeding the log, scoring
//   swift run -c release gameday-bench whatif [RUNS] [--jobs J]     the what-if workload of ../shared/bench, runs/s
//   gameday-bench --input-path [--gameday BINARY]                 load + validate of drills/ and scenarios/ beside libyaml
//                                                                   on the same bytes, and a whole `gameday validate` process
//   gameday-bench --input-path-fixed N [--events]               N rounds of load + validate of the library (or of libyaml's
//                                                                   events alone) and nothing else, for callgrind
//   gameday-bench --worst-cases [NAME]                              the generated 4 MiB worst cases, validated in process
//   gameday-bench --write-worst-cases DIR                           writes them, to time `gameday validate` on them
//   gameday-bench [EXAMPLES_DIR] --fixed N                          N full runs of the slow example and nothing else,
//                                                                   for instruction counts under valgrind --tool=callgrind
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
        return (line.split(separator: " ").compactMap { Double($0) }.first ?? 0) / 1024
    }
    return 0
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "whatif" {
    whatIfBench(Array(arguments.dropFirst()))
    exit(0)
}
if let i = arguments.firstIndex(of: "--write-worst-cases"), i + 1 < arguments.endIndex {
    try writeWorstCases(to: arguments[i + 1])
    exit(0)
}
if let i = arguments.firstIndex(of: "--input-path-fixed"), i + 1 < arguments.endIndex, let n = Int(arguments[i + 1]) {
    benchmarkInputPath(drills: "drills", scenarios: "scenarios", fixedRounds: n, onlyEvents: arguments.contains("--events"))
    exit(0)
}
if arguments.contains("--input-path") {
    benchmarkInputPath(drills: "drills", scenarios: "scenarios")
    let binary = arguments.firstIndex(of: "--gameday").map { arguments[$0 + 1] } ?? ".build/release/gameday"
    benchmarkValidateProcess(binary: binary, file: "drills/signing-key-compromised.yaml")
    exit(0)
}
if let i = arguments.firstIndex(of: "--worst-cases") {
    try benchmarkWorstCases(only: i + 1 < arguments.endIndex ? arguments[i + 1] : nil)
    exit(0)
}
let examples = arguments.first.flatMap { $0.hasPrefix("--") ? nil : $0 } ?? "../shared/spec/examples"
let drillPath = examples + "/drills/signing-key-compromised.yaml"
let loader = DrillLoader()
guard let drill = loader.loadDrill(path: drillPath).value else { print("cannot load \(drillPath)"); exit(2) }
let compiled = CompiledDrill(drill)
func replay(_ name: String) -> Replay {
    guard let log = loader.loadResponseLog(path: examples + "/responses/signing-key-compromised.\(name).yaml", drill: drill).value else {
        print("cannot load the \(name) log"); exit(2)
    }
    return Replay(compiled, log: log)
}
let date = Date(timeIntervalSince1970: 0)

if let i = arguments.firstIndex(of: "--fixed"), i + 1 < arguments.endIndex, let n = Int(arguments[i + 1]) {
    let slow = replay("slow")
    var total = 0
    for _ in 0..<n { total += slow.run(runDate: date).stories.count }
    print(total)
    exit(0)
}

print("== Loading (per file, 200 rounds) ==")
for file in [drillPath, examples + "/scenarios/acme.yaml", examples + "/responses/signing-key-compromised.good.yaml",
             examples + "/responses/signing-key-compromised.slow.yaml"] {
    guard let data = FileManager.default.contents(atPath: file) else { print("missing \(file)"); exit(2) }
    let bytes = [UInt8](data)
    let rounds = 200
    let parse = seconds { for _ in 0..<rounds { _ = YAMLLoader.countEvents(bytes: bytes) } } / Double(rounds)
    let validator = Validator(loader: loader)
    let load = seconds { for _ in 0..<rounds { _ = validator.validate(file: file) } } / Double(rounds)
    print(String(format: "%-36@ %6d B  validate %8.1f µs (%6.2f MB/s)   libyaml events alone %7.1f µs",
                 (file as NSString).lastPathComponent as NSString, bytes.count, load * 1e6, Double(bytes.count) / load / 1e6, parse * 1e6))
}

print("\n== Simulation (one core) ==")
for name in ["good", "slow"] {
    let r = replay(name)
    _ = r.run(runDate: date)
    var runs = 0, events = 0
    var elapsed = 0.0
    while elapsed < 2.0 {
        elapsed += seconds {
            for _ in 0..<1000 {
                let report = r.run(runDate: date)
                events += report.actions.count + report.injects.count
                runs += 1
            }
        }
    }
    print(String(format: "%@: %9.0f runs/s  %10.0f events/s  (%.2f µs a run)", name, Double(runs) / elapsed, Double(events) / elapsed, elapsed / Double(runs) * 1e6))
}

if arguments.contains("--breakdown") {
    let slow = replay("slow")
    let n = 20_000
    let start = seconds { for _ in 0..<n { _ = slow.makeSimulator(recordEvents: false) } } / Double(n)
    var simulators = (0..<n).map { _ in slow.makeSimulator(recordEvents: false) }
    let feed = seconds { for i in 0..<n { slow.feed(&simulators[i]) } } / Double(n)
    let finish = seconds { for i in 0..<n { _ = simulators[i].finish(team: nil, started: nil, runDate: date, startDate: date) } } / Double(n)
    print(String(format: "slow, breakdown: start %.2f µs, feed the log %.2f µs, finish and score %.2f µs", start * 1e6, feed * 1e6, finish * 1e6))
}
print(String(format: "\npeak resident memory: %.1f MiB", peakResidentMiB()))
