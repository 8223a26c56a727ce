import Foundation
import Testing

/// End-to-end tests of the built `gameday` binary: exit codes, output streams, the spec's example checker.
@Suite struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `gameday` binary beside the test bundle.
    static var binary: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while !dir.path.hasSuffix("debug") && !dir.path.hasSuffix("release") && dir.path != "/" { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("gameday").path
    }

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    /// A fresh GAMEDAY_HOME for this test process: nothing a test runs ever writes into the user's home.
    static let home: String = {
        let path = Scratch.root + "gameday-cli-home-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func run(_ executable: String, _ arguments: [String], in directory: URL = root, environment extra: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["GAMEDAY_HOME"] = home
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func gameday(_ arguments: String...) throws -> Output { try run(binary, arguments) }

    /// A new empty folder under the temporary directory.
    static func scratchFolder(_ name: String) throws -> URL {
        let dir = URL(fileURLWithPath: Scratch.root).appendingPathComponent("gameday-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func theBinaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "gameday not found at \(Self.binary)")
    }

    /// The spec's own checker passes on the worked examples (needs ../shared beside the project, as CI has it).
    /// It runs `gameday run` without `--out`, so it runs in a scratch folder where the default reports/ go.
    @Test func specExamplesCheckerPasses() throws {
        let checker = Self.root.appendingPathComponent("../shared/tools/check-spec-examples").standardizedFileURL.path
        try #require(FileManager.default.fileExists(atPath: checker), "the spec's checker is missing at \(checker)")
        let scratch = try Self.scratchFolder("checker")
        let result = try Self.run("/usr/bin/env", ["python3", checker, Self.binary], in: scratch)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("2 passed, 0 failed"))
        let reports = try FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("reports").path).sorted()
        #expect(reports == ["signing-key-compromised-2026-11-29-platform-security", "signing-key-compromised-2026-11-29-platform-security-2"])
        try? FileManager.default.removeItem(at: scratch)
    }

    @Test func exitCodesOfRun() throws {
        let passed = try Self.gameday("run", "drills/signing-key-compromised.yaml", "--responses", "drills/responses/signing-key-compromised.exemplary.yaml", "--no-record", "--no-reports")
        #expect(passed.status == 0)
        #expect(passed.stdout.contains("PASSED"))
        let failed = try Self.gameday("run", "drills/signing-key-compromised.yaml", "--responses", "drills/responses/signing-key-compromised.slow.yaml", "--json", "--no-record", "--no-reports")
        #expect(failed.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [String: Any]
        #expect(json?["format"] as? String == "gameday.report/v1")
        #expect(json?["passed"] as? Bool == false)
    }

    /// A silent inject is headed by its actor in the summary's timeline: the release schedule's poisoned build is
    /// the world's move, the push with the stolen key the attacker's (spec 3.4: only the attacker's moves are what
    /// the attacker achieved).
    @Test func theSummaryNamesTheActorOfASilentMove() throws {
        let result = try Self.gameday("run", "drills/runner-compromise.yaml", "--responses", "drills/responses/runner-compromise.slow.yaml", "--no-record", "--no-reports")
        #expect(result.stdout.contains("  T+45:00 (14:45:00Z)  [world] poisoned-build\n"))
        #expect(result.stdout.contains("    world: rebuild ecr.northwind.io/checkout-api:3.8.1 --as ecr.northwind.io/checkout-api:3.8.2  — applied\n"))
        #expect(result.stdout.contains("  T+1:30:00 (15:30:00Z)  [attacker] cloud-key-abuse\n"))
        #expect(!result.stdout.contains("[attacker] poisoned-build"))
    }

    @Test func invalidInputExitsTwoWithSortedErrorsAndNothingOnStdout() throws {
        let dir = URL(fileURLWithPath: Scratch.root).appendingPathComponent("gameday-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("drills"), withIntermediateDirectories: true)
        let drill = dir.appendingPathComponent("drills/broken.yaml")
        try """
        drill: broken
        title: Broken
        severity: P9
        owner: nobody
        scenario: northwind
        duration: 0
        expect:
          - {id: x, phase: detect, check: 'keys["k"].stat == "disabled"'}
        """.write(to: drill, atomically: true, encoding: .utf8)
        let result = try Self.gameday("run", drill.path, "--scenarios", Self.root.appendingPathComponent("scenarios").path, "--no-record", "--no-reports")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        #expect(lines.count == 4, "\(result.stderr)")
        #expect(lines.first?.hasSuffix("3:11: error: 'P9' is not a valid severity: use one of P1, P2, P3, P4") == true)
        #expect(lines.last?.contains("8:46: error: a key has no field 'stat'; did you mean 'state'?") == true)
        let places = lines.map { line -> [Int] in
            let parts = line.split(separator: ":")
            return [Int(parts[1])!, Int(parts[2])!]
        }
        #expect(places == places.sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// Usage mistakes caught by the argument parser exit 2 like every other input failure (spec 9.29).
    @Test func usageMistakesExitTwo() throws {
        let unknown = try Self.gameday("run", "--bogus")
        #expect(unknown.status == 2)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.hasPrefix("Error: "))
        #expect(try Self.gameday("run").status == 2)
        #expect(try Self.gameday("frobnicate").status == 2)
        #expect(try Self.gameday("--help").status == 0)
    }

    @Test func validateTheLibraryAndTheExamples() throws {
        let result = try Self.gameday("validate", "drills", "scenarios")
        #expect(result.status == 0, "\(result.stderr)")
        let json = try Self.gameday("validate", "--format", "json", "drills/signing-key-compromised.yaml")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["valid"] as? Bool == true)
    }

    /// `validate PATH...` without options skips the argument parser (`ValidateCommand.plain`); the same paths after
    /// `--` go through it, with the parser's own defaults. Both must answer alike, for valid, invalid and missing files.
    @Test func plainValidateAnswersAsTheParsedCommandDoes() throws {
        let cases: [[String]] = [
            ["drills/signing-key-compromised.yaml"],
            ["drills", "scenarios"],
            ["Tests/GameDayEngineTests/Fixtures/invalid", "no-such-file.yaml"],
            ["help"],
        ]
        for paths in cases {
            let plain = try Self.run(Self.binary, ["validate"] + paths)
            let parsed = try Self.run(Self.binary, ["validate", "--"] + paths)
            #expect(plain.status == parsed.status, "\(paths)")
            #expect(plain.stdout == parsed.stdout, "\(paths)")
            #expect(plain.stderr == parsed.stderr, "\(paths)")
            #expect(!(plain.stdout + plain.stderr).isEmpty, "\(paths)")
        }
        #expect(try Self.run(Self.binary, ["validate", "Tests/GameDayEngineTests/Fixtures/invalid"]).status == 2)
        #expect(try Self.run(Self.binary, ["validate", "drills"]).status == 0)
    }

    @Test func validateRefusesHostileFiles() throws {
        let dir = URL(fileURLWithPath: Scratch.root).appendingPathComponent("gameday-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let big = dir.appendingPathComponent("big.yaml")
        try Data(repeating: UInt8(ascii: "a"), count: 5 * 1024 * 1024).write(to: big)
        let deep = dir.appendingPathComponent("deep.yaml")
        try (String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).write(to: deep, atomically: true, encoding: .utf8)
        var laughs = "l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n"
        for i in 1...9 { laughs += "l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let bomb = dir.appendingPathComponent("bomb.yaml")
        try laughs.write(to: bomb, atomically: true, encoding: .utf8)
        for file in [big, deep, bomb] {
            let result = try Self.gameday("validate", "--no-source", file.path)
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("\(file.path):"), "\(result.stderr)")
        }
    }
}
