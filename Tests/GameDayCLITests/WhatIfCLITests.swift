import Foundation
import Testing

/// `gameday whatif` as a user runs it: the spec's counts through the command line, the same bytes for any --jobs,
/// --run I replaying to run i's result, --out, the summary's layout, and invalid input.
@Suite struct WhatIfCLITests {
    static let fixtures = CLITests.root.appendingPathComponent("Tests/GameDayRunbookTests/Fixtures")
    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static let drill = path("drills/signing-key-compromised.yaml")
    static let example = [drill, "--runbook", path("signing-key-compromised.md"), "--aliases", path("aliases.yaml")]

    private func gameday(_ arguments: [String]) throws -> CLITests.Output {
        try CLITests.run(CLITests.binary, arguments, in: CLITests.root)
    }

    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Seed 7, 300 runs: every key of the spec's expected file, exactly, from the command line.
    @Test func theSpecsCountsFromTheCommandLine() throws {
        let out = try gameday(["whatif"] + Self.example + ["--runs", "300", "--seed", "7", "--json"])
        #expect(out.status == 0)
        #expect(out.stderr.isEmpty, "no progress bar into a pipe: \(out.stderr)")
        let mine = try object(out.stdout)
        let url = CLITests.root.appendingPathComponent("../shared/spec/runbook-examples/whatif.signing-key-compromised.seed7.json").standardizedFileURL
        let data = try (try? Data(contentsOf: url)) ?? Data(contentsOf: Self.fixtures.appendingPathComponent("whatif.signing-key-compromised.seed7.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for (key, value) in expected {
            #expect(NSDictionary(dictionary: [key: value]).isEqual(to: [key: mine[key] as Any]), "\(key)")
        }
    }

    @Test func oneThreadAndTwoGiveTheSameBytes() throws {
        let one = try gameday(["whatif"] + Self.example + ["--runs", "2000", "--seed", "99", "--json", "--jobs", "1"])
        let two = try gameday(["whatif"] + Self.example + ["--runs", "2000", "--seed", "99", "--json", "--jobs", "2"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
    }

    /// Run i of seed S draws from the stream that run 0 of seed S + i × 0x9E3779B97F4A7C15 draws from (spec 4), so
    /// a one-run what-if at that seed counts run i alone: its mean score is run i's score, its pass count says
    /// whether run i passed. The log --run i prints must replay with `gameday run` to exactly that.
    @Test(arguments: [0, 5, 41])
    func theLogOfRunIReplaysToItsCountedResult(_ i: Int) throws {
        let seed: UInt64 = 7
        let shifted = seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15
        let alone = try object(try gameday(["whatif"] + Self.example + ["--runs", "1", "--seed", String(shifted), "--json"]).stdout)
        let log = try gameday(["whatif"] + Self.example + ["--seed", "7", "--run", String(i)])
        #expect(log.status == 0)
        let folder = try CLITests.scratchFolder("whatif-run")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("run.yaml").path
        try log.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let replay = try gameday(["run", Self.drill, "--responses", file, "--json", "--no-record", "--no-reports"])
        #expect(replay.status == 0 || replay.status == 1)
        let report = try object(replay.stdout)
        let score = try #require(report["score"] as? Double)
        let mean = try #require((alone["score"] as? [String: Any])?["mean"] as? Double)
        #expect(score == mean)
        #expect((report["passed"] as? Bool) == ((alone["passed"] as? Int) == 1))
    }

    @Test func outWritesTheReportAndTheSameJSON() throws {
        let folder = try CLITests.scratchFolder("whatif-out")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report").path
        let out = try gameday(["whatif"] + Self.example + ["--runs", "500", "--seed", "3", "--json", "--out", target])
        #expect(out.status == 0)
        let written = try String(contentsOfFile: target + "/whatif.json", encoding: .utf8)
        #expect(try object(written) as NSDictionary == (try object(out.stdout) as NSDictionary))
        let html = try String(contentsOfFile: target + "/whatif.html", encoding: .utf8)
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script"))
    }

    /// The summary a facilitator reads, on the library's signing-key drill (times of an hour and more): each row of
    /// the times table gives the three percentiles of the JSON whole, its columns line up, and a step is named by
    /// its headline, not its whole text.
    @Test func theSummaryGivesWholeTimesInColumns() throws {
        let library = ["drills/signing-key-compromised.yaml", "--runbook", "runbooks/signing-key-compromised.md", "--runs", "400", "--seed", "11"]
        let out = try gameday(["whatif"] + library)
        let json = try object(try gameday(["whatif"] + library + ["--json"]).stdout)
        #expect(out.status == 0)
        let metrics = try #require(json["metrics"] as? [String: [String: Any]])
        let lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("Times") })
        let runsEnd = try #require(lines[header].range(of: "runs")).upperBound.utf16Offset(in: lines[header])
        for (offset, name) in ["acknowledge", "detect", "contain", "eradicate", "recover", "learn"].enumerated() {
            let row = lines[header + 1 + offset]
            let words = row.split(separator: " ").map(String.init)
            #expect(words.first == name, "\(row)")
            let metric = try #require(metrics["time_to_" + name])
            let shown = [words[1], words[3], words[5]].map(Self.seconds)
            #expect(shown == ["p50", "p90", "p95"].map { metric[$0] as? Int }, "\(row)")
            let chars = Array(row.utf16)
            #expect(chars.count > runsEnd && chars[runsEnd] == 0x20 && (0x30...0x39).contains(chars[runsEnd - 1]), "the run count ends under 'runs': \(row)")
        }
        let steps = try #require(lines.firstIndex { $0.hasPrefix("Steps whose time matters most") })
        for line in lines[(steps + 1)...].prefix(3) where line.hasPrefix("  ") {
            #expect(!line.contains("`") && line.count < 200, "a headline, not the step's whole text: \(line)")
        }
    }

    /// Seconds of a duration the way the summary writes it (`1h10m57s`, `59s`), nil for anything else.
    static func seconds(_ text: String) -> Int? {
        guard !text.isEmpty, text.range(of: #"^(\d+h)?(\d+m)?(\d+s)?$"#, options: .regularExpression) != nil else { return nil }
        var total = 0, number = 0
        for c in text {
            if let d = c.wholeNumberValue { number = number * 10 + d; continue }
            total += number * (c == "h" ? 3600 : c == "m" ? 60 : 1)
            number = 0
        }
        return total
    }

    @Test func invalidInputExitsTwoWithPlacedErrors() throws {
        let bad = try gameday(["whatif", Self.drill, "--runbook", Self.path("invalid/unknown-command.md"), "--aliases", Self.path("aliases.yaml")])
        #expect(bad.status == 2)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.range(of: #"unknown-command\.md:\d+:\d+: error: "#, options: .regularExpression) != nil, "\(bad.stderr)")
        for arguments in [["--runs", "0"], ["--seed", "seven"], ["--sigma=-1"], ["--jobs", "0"]] {
            let out = try gameday(["whatif"] + Self.example + arguments)
            #expect(out.status == 2, "\(arguments): \(out.status)")
            #expect(out.stdout.isEmpty)
            #expect(out.stderr.lowercased().contains("error"), "\(arguments)")
        }
    }
}
