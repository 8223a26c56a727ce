import Foundation
import Testing

/// Runbooks and the history, end to end: `runbook test` records its runbook as the run's source, `runbook list` says
/// when each runbook was last tested, and `whatif --from-history` takes step times from a team's recorded runs.
@Suite struct RunbookHistoryCLITests {
    static let fixtures = RunbookCLITests.fixtures

    /// A folder laid out like a team's repository: the worked example's drill and scenarios, and `runbooks/` with its
    /// runbook (`key.md`) and aliases.
    static func repository(_ name: String) throws -> URL {
        let folder = try CLITests.scratchFolder(name)
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("drills"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: fixtures.appendingPathComponent("scenarios").path, toPath: folder.appendingPathComponent("scenarios").path)
        try fm.copyItem(atPath: RunbookCLITests.drill, toPath: folder.appendingPathComponent("drills/signing-key-compromised.yaml").path)
        try fm.createDirectory(at: folder.appendingPathComponent("runbooks"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: RunbookCLITests.path("signing-key-compromised.md"), toPath: folder.appendingPathComponent("runbooks/key.md").path)
        try fm.copyItem(atPath: RunbookCLITests.path("aliases.yaml"), toPath: folder.appendingPathComponent("runbooks/aliases.yaml").path)
        return folder
    }

    private func gameday(_ arguments: [String], in folder: URL) throws -> CLITests.Output {
        try CLITests.run(CLITests.binary, arguments, in: folder)
    }

    private func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    private func write(_ text: String, _ name: String, in folder: URL) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test func aRunbookTestIsRecordedWithItsRunbook() throws {
        let repo = try Self.repository("rb-record")
        defer { try? FileManager.default.removeItem(at: repo) }
        let db = repo.appendingPathComponent("history.sqlite").path
        let key = try String(contentsOf: repo.appendingPathComponent("runbooks/key.md"), encoding: .utf8)
        try write(key.replacingOccurrences(of: "`ack laptop-lost` (1m)", with: "`ack laptop-lost` (25m)"), "runbooks/slow.md", in: repo)

        let test = try gameday(["runbook", "test", "./runbooks/slow.md", "--db", db, "--out", "debrief", "--date", "2026-11-29",
                                "--team", "blue"], in: repo)
        #expect(test.status == 1, "\(test.stderr)")
        #expect(test.stdout.contains("recorded as run #1 in \(db), source: runbook:runbooks/slow.md"))
        let html = try String(contentsOf: repo.appendingPathComponent("debrief/report.html"), encoding: .utf8)
        #expect(html.contains("Recorded as run #1, a test of runbook runbooks/slow.md (Signing key compromised)."))

        // A plain replay of the runbook's log is recorded as a log.
        let log = try gameday(["runbook", "log", "runbooks/key.md", "--team", "blue"], in: repo)
        try write(log.stdout, "key.responses.yaml", in: repo)
        let run = try gameday(["run", "drills/signing-key-compromised.yaml", "--responses", repo.appendingPathComponent("key.responses.yaml").path,
                               "--db", db, "--no-reports", "--date", "2026-11-30"], in: repo)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("recorded as run #2 in \(db)\n"), "a log's source is not named in the notes")

        let table = try gameday(["history", "--db", db], in: repo).stdout.split(separator: "\n").map(String.init)
        #expect(table.first?.hasSuffix("GAPS  SOURCE") == true)
        #expect(table.first { $0.hasPrefix("#1 ") }?.hasSuffix("runbook:runbooks/slow.md") == true)
        #expect(table.first { $0.hasPrefix("#2 ") }?.hasSuffix("  log") == true)
        let entries = try #require(try json(try gameday(["history", "--json", "--db", db], in: repo).stdout) as? [[String: Any]])
        #expect(entries.map { ($0["source"] as? [String: Any])?["kind"] as? String } == ["runbook", "log"])
        #expect((entries[0]["source"] as? [String: Any])?["path"] as? String == "runbooks/slow.md")
        #expect((entries[0]["source"] as? [String: Any])?["title"] as? String == "Signing key compromised")
        #expect((entries[1]["source"] as? [String: Any])?["path"] as? String == "key.responses.yaml")

        // A story the runbook test filed says which runbook found the gap.
        let stories = try #require(try json(try gameday(["stories", "list", "--json", "--db", db], in: repo).stdout) as? [[String: Any]])
        let first = try #require(stories.first { ($0["first_run"] as? Int) == 1 }?["id"] as? Int)
        let show = try gameday(["stories", "show", "\(first)", "--db", db], in: repo)
        #expect(show.stdout.contains("filed (run #1, runbook:runbooks/slow.md)"), "\(show.stdout)")
        let shown = try #require(try json(try gameday(["stories", "show", "\(first)", "--json", "--db", db], in: repo).stdout) as? [String: Any])
        #expect((shown["events"] as? [[String: Any]])?.first?["source"] as? String == "runbook:runbooks/slow.md")
    }

    /// The report folder of a runbook test shows the runbook's steps; its JUnit file has a case per outcome, per
    /// forbidden move and per step. Expected times follow runbook-format.md 3: steps one after another from the first
    /// trigger shown (laptop-lost at T+00:00), each taking its time, a range its geometric mean (2m..8m is 4m).
    @Test func aRunbookTestsReportsShowItsSteps() throws {
        let repo = try Self.repository("rb-reports")
        defer { try? FileManager.default.removeItem(at: repo) }
        let key = try String(contentsOf: repo.appendingPathComponent("runbooks/key.md"), encoding: .utf8)
        // The new key trusted before it is created: the system rejects the first command of Eradication 2.
        let swapped = key.replacingOccurrences(of: "   - `create-key prod-signing-2 --backend kms`\n   - `trust-key prod-signing-2`",
                                               with: "   - `trust-key prod-signing-2`\n   - `create-key prod-signing-2 --backend kms`")
        #expect(swapped != key)
        try write(swapped, "runbooks/swapped.md", in: repo)
        let test = try gameday(["runbook", "test", "runbooks/swapped.md", "--no-record", "--out", "out"], in: repo)
        #expect(test.status != 2, "\(test.stderr)")
        #expect(test.stderr.contains("reports written to out/"))
        let md = try String(contentsOf: repo.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(md.contains("## Runbook steps\n\nRunbook Signing key compromised (runbooks/swapped.md): started at T+00:00, the first time laptop-lost or anomalous-signature was shown.\n"))
        let expected = [
            "| Triage 1: Acknowledge the report: \\`ack laptop-lost\\` | on-call | 1m | T+00:00 | T+01:00 | ack laptop-lost → applied |",
            "| Triage 3: Page the incident commander: \\`page incident-commander\\` | on-call | 1m | T+03:00 | T+04:00 | page incident-commander → applied |",
            "| Containment 1: Disable the key in KMS: \\`aws kms disable-key --key-id prod-signing --region eu-west-1\\` | security-lead | 3m | T+04:00 | T+07:00 | revoke-key prod-signing → applied (written: aws kms disable-key --key-id prod-signing --region eu-west-1) |",
            "| Containment 2: Make admission stop trusting it: | security-lead | 2m..8m | T+07:00 | T+11:00 | distrust-key prod-signing → applied |",
            "| Eradication 2: Issue a new key in KMS and trust it | security-lead | 10m | T+21:00 | T+31:00 | trust-key prod-signing-2 → rejected: key 'prod-signing-2' not found; create-key prod-signing-2 --backend kms → applied |",
            "| Recovery 2: Check the rollout by eye | on-call | 5m | T+36:00 | T+41:00 | manual step, no command |",
            "| Learn 1: File the improvement: \\`file-story \"Alert on signatures made outside CI\" --owner security-lead\\` | incident-commander | 5m | T+41:00 | T+46:00 | file-story \"Alert on signatures made outside CI\" --owner security-lead → applied |",
        ]
        for row in expected { #expect(md.contains(row + "\n"), "\(row)") }
        let html = try String(contentsOf: repo.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(html.contains("<h2>Runbook steps</h2>"))
        #expect(html.contains("<li><code>trust-key prod-signing-2</code> <span class=\"status rejected\">rejected: key &#39;prod-signing-2&#39; not found</span></li>")
                || html.contains("<li><code>trust-key prod-signing-2</code> <span class=\"status rejected\">rejected: key &#x27;prod-signing-2&#x27; not found</span></li>"),
                "\(html.components(separatedBy: "trust-key prod-signing-2").dropFirst().first?.prefix(200) ?? "")")
        let junit = try String(contentsOf: repo.appendingPathComponent("out/junit.xml"), encoding: .utf8)
        func cases(_ classname: String) -> Int { junit.components(separatedBy: "<testcase classname=\"signing-key-compromised.\(classname)\"").count - 1 }
        // The drill's seven expected outcomes and one forbidden move; the runbook's ten steps.
        #expect(cases("expect") == 7 && cases("forbid") == 1 && cases("runbook") == 10)
        #expect(junit.contains("<testcase classname=\"signing-key-compromised.runbook\" name=\"Eradication 2 (security-lead): Issue a new key in KMS and trust it\" time=\"1860\">\n      <failure type=\"rejected\""))
        #expect(junit.contains("name=\"Containment 2 (security-lead): Make admission stop trusting it:\" time=\"660\">\n      <system-out>started at T+07:00, done at T+11:00; $ distrust-key prod-signing — applied</system-out>"))

        // A first step that takes 119 minutes of the drill's two hours: the second step is never done.
        try write(key.replacingOccurrences(of: "`ack laptop-lost` (1m)", with: "`ack laptop-lost` (119m)"), "runbooks/late.md", in: repo)
        let late = try gameday(["runbook", "test", "runbooks/late.md", "--no-record", "--out", "late"], in: repo)
        #expect(late.status == 1, "\(late.stderr)")
        let lateMD = try String(contentsOf: repo.appendingPathComponent("late/report.md"), encoding: .utf8)
        #expect(lateMD.contains("| Triage 1: Acknowledge the report: \\`ack laptop-lost\\` | on-call | 1h59m | T+00:00 | T+1:59:00 | ack laptop-lost → applied |\n"))
        #expect(lateMD.contains("| Triage 2: Page the security lead: \\`page security-lead\\` | on-call | 2m | — | not reached | page security-lead → not reached |\n"))
        let lateJUnit = try String(contentsOf: repo.appendingPathComponent("late/junit.xml"), encoding: .utf8)
        #expect(lateJUnit.components(separatedBy: "<failure type=\"not-reached\"").count - 1 == 9)

        // --no-reports writes no folder.
        let quiet = try gameday(["runbook", "test", "runbooks/key.md", "--no-record", "--no-reports"], in: repo)
        #expect(quiet.status == 0 && !FileManager.default.fileExists(atPath: repo.appendingPathComponent("reports").path))
        // The debrief of a runbook test is the debrief of `gameday run` of its log (exposure windows and all), plus the
        // Runbook steps section; a plain run's reports have no runbook section and no step cases.
        let tested = try gameday(["runbook", "test", "runbooks/key.md", "--no-record", "--out", "tested", "--date", "2026-12-01"], in: repo)
        #expect(tested.status == 0, "\(tested.stderr)")
        let log = try gameday(["runbook", "log", "runbooks/key.md"], in: repo)
        try write(log.stdout, "key.responses.yaml", in: repo)
        let run = try gameday(["run", "drills/signing-key-compromised.yaml", "--responses", "key.responses.yaml", "--no-record", "--out", "plain",
                               "--date", "2026-12-01"], in: repo)
        #expect(run.status == 0, "\(run.stderr)")
        let plain = try String(contentsOf: repo.appendingPathComponent("plain/report.md"), encoding: .utf8)
        let withSteps = try String(contentsOf: repo.appendingPathComponent("tested/report.md"), encoding: .utf8)
        let section = try #require(withSteps.range(of: "## Runbook steps\n"))
        let outcomes = try #require(withSteps.range(of: "## Outcomes\n"))
        #expect(withSteps.replacingCharacters(in: section.lowerBound..<outcomes.lowerBound, with: "") == plain)
        #expect(!plain.contains("Runbook steps"))
        #expect(!(try String(contentsOf: repo.appendingPathComponent("plain/junit.xml"), encoding: .utf8)).contains(".runbook\""))
    }

    @Test(arguments: HistoryBackend.all) func runbookListSaysWhenEachRunbookWasLastTested(_ backend: HistoryBackend) throws {
        let repo = try Self.repository("rb-list-\(backend.rawValue)")
        defer { try? FileManager.default.removeItem(at: repo) }
        let db = try backend.location(in: repo)
        let key = try String(contentsOf: repo.appendingPathComponent("runbooks/key.md"), encoding: .utf8)
        try write(key.replacingOccurrences(of: "# Runbook: Signing key compromised", with: "# Runbook: Second key"), "runbooks/second.md", in: repo)
        try write("# Runbook: Broken\n", "runbooks/broken.md", in: repo)
        try write("# The team's runbooks\n", "runbooks/README.md", in: repo)
        let first = try gameday(["runbook", "test", "runbooks/key.md", "--db", db, "--no-reports", "--date", "2026-09-01", "--team", "blue"], in: repo)
        #expect(first.status == 0, "\(first.stderr)")

        func row(_ out: CLITests.Output, _ name: String) -> String {
            out.stdout.split(separator: "\n").map(String.init).first { $0.hasPrefix("runbooks/\(name) ") } ?? ""
        }
        let list = try gameday(["runbook", "list", "--db", db, "--today", "2026-12-15"], in: repo)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.hasPrefix("RUNBOOK "))
        #expect(!list.stdout.contains("README"))
        let keyRow = row(list, "key.md")
        for part in ["laptop-lost, anomalous-signature", "on-call", "signing-key-compromised", "2026-09-01 #1", "100.0 passed",
                     "NOT TESTED FOR 105 DAYS"] {
            #expect(keyRow.contains(part), "\(keyRow)")
        }
        #expect(row(list, "second.md").contains("never") && row(list, "second.md").hasSuffix("NEVER TESTED"))
        #expect(row(list, "broken.md").hasSuffix("NEVER TESTED; DOES NOT LOAD"))
        #expect(list.stdout.contains("3 runbooks: 0 tested within 90d, 1 not tested for 90d or more, 2 never tested.\n"))
        #expect(list.stdout.contains("runbooks/broken.md:1:1: error: "))

        let again = try gameday(["runbook", "test", "runbooks/key.md", "--db", db, "--no-reports", "--date", "2026-12-01", "--team", "blue"], in: repo)
        #expect(again.status == 0)
        let fresh = try gameday(["runbook", "list", "--db", db, "--today", "2026-12-15"], in: repo)
        #expect(row(fresh, "key.md").hasSuffix("2026-12-01 #2  100.0 passed"), "\(row(fresh, "key.md"))")
        #expect(fresh.stdout.contains("3 runbooks: 1 tested within 90d, 0 not tested for 90d or more, 2 never tested.\n"))
        // GAMEDAY_DB names the history as --db does.
        let viaEnvironment = try CLITests.run(CLITests.binary, ["runbook", "list", "--today", "2026-12-15"], in: repo, environment: ["GAMEDAY_DB": db])
        #expect(viaEnvironment.status == 0 && viaEnvironment.stdout == fresh.stdout, "\(viaEnvironment.stderr)")
        #expect(row(try gameday(["runbook", "list", "--db", db, "--today", "2026-12-15", "--stale", "14d"], in: repo), "key.md")
            .hasSuffix("NOT TESTED FOR 14 DAYS"))
        #expect(row(try gameday(["runbook", "list", "--db", db, "--today", "2026-12-15", "--stale", "15d"], in: repo), "key.md")
            .hasSuffix("passed"))
        #expect(row(try gameday(["runbook", "list", "--db", db, "--today", "2026-12-15", "--team", "red"], in: repo), "key.md")
            .hasSuffix("NEVER TESTED"))
        // A day that is not YYYY-MM-DD is a usage error that names the option and the value, and lists nothing.
        for bad in ["2026-13-01", "15 Dec", "2026-1-5", "2026-12-15T00:00:00Z"] {
            let refused = try gameday(["runbook", "list", "--db", db, "--today", bad], in: repo)
            #expect(refused.status == 2 && refused.stdout.isEmpty, "\(bad): \(refused.stdout)")
            #expect(refused.stderr.contains("error: --today must be YYYY-MM-DD, got '\(bad)'"), "\(bad): \(refused.stderr)")
        }

        let array = try #require(try json(try gameday(["runbook", "list", "--json", "--db", db, "--today", "2026-12-15"], in: repo).stdout) as? [[String: Any]])
        #expect(array.map { $0["path"] as? String } == ["runbooks/broken.md", "runbooks/key.md", "runbooks/second.md"])
        let entry = array[1]
        #expect(entry["title"] as? String == "Signing key compromised" && entry["owner"] as? String == "on-call")
        #expect(entry["alerts"] as? [String] == ["laptop-lost", "anomalous-signature"] && entry["drill"] as? String == "signing-key-compromised")
        #expect(entry["tests"] as? Int == 2 && entry["days_since_last_test"] as? Int == 14)
        #expect(entry["stale"] as? Bool == false && entry["never_tested"] as? Bool == false)
        let last = try #require(entry["last_test"] as? [String: Any])
        #expect(last["run"] as? Int == 2 && last["score"] as? Double == 100 && last["passed"] as? Bool == true && last["team"] as? String == "blue")
        #expect(array[0]["valid"] as? Bool == false && (array[0]["error"] as? String)?.hasPrefix("runbooks/broken.md:1:1: error: ") == true)
        #expect(array[2]["never_tested"] as? Bool == true && array[2]["last_test"] is NSNull)

        // From inside the folder the paths differ (key.md, not runbooks/key.md): the tests are found by the runbook's
        // title and drill.
        let inside = try gameday(["runbook", "list", ".", "--db", db, "--today", "2026-12-15"], in: repo.appendingPathComponent("runbooks"))
        #expect(row(inside, "key.md") == "")
        #expect(inside.stdout.split(separator: "\n").first { $0.hasPrefix("key.md ") }?.contains("2026-12-01 #2 (by title)") == true, "\(inside.stdout)")

        #expect(try gameday(["runbook", "list", "--db", db, "--stale", "soon"], in: repo).status == 2)
        #expect(try gameday(["runbook", "list", "nowhere", "--db", db], in: repo).status == 2)
    }

    @Test(arguments: HistoryBackend.all) func whatIfTakesStepTimesFromTheTeamsRecordedRuns(_ backend: HistoryBackend) throws {
        let repo = try Self.repository("rb-whatif-history-\(backend.rawValue)")
        defer { try? FileManager.default.removeItem(at: repo) }
        let db = try backend.location(in: repo)
        // Team blue's three game days (their delays are written beside each action), another team's, and a runbook
        // test by blue, whose times are the runbook's own and must not count.
        for log in ["blue-1", "blue-2", "blue-3", "red-1"] {
            let run = try gameday(["run", "drills/signing-key-compromised.yaml", "--responses", Self.fixtures.appendingPathComponent("history/\(log).yaml").path,
                                   "--db", db, "--no-reports", "--date", "2026-11-01"], in: repo)
            #expect(run.status != 2, "\(run.stderr)")
        }
        #expect(try gameday(["runbook", "test", "runbooks/key.md", "--team", "blue", "--db", db, "--no-reports"], in: repo).status == 0)

        let base = ["whatif", "drills/signing-key-compromised.yaml", "--runbook", "runbooks/key.md", "--runs", "300", "--seed", "7", "--db", db]
        let out = try gameday(base + ["--from-history", "blue", "--json"], in: repo)
        #expect(out.status == 0, "\(out.stderr)")
        let object = try #require(try json(out.stdout) as? [String: Any])
        let source = try #require(object["from_history"] as? [String: Any])
        #expect(source["team"] as? String == "blue" && source["runs"] as? Int == 3 && source["min_observations"] as? Int == 3)
        #expect(source["steps"] as? Int == 6)
        let steps = try #require(object["steps"] as? [[String: Any]])
        // History medians for the six steps timed three times; the runbook's for the others (2m..8m is √(120 × 480) = 240 s).
        #expect(steps.map { $0["median"] as? Int } == [120, 30, 50, 300, 240, 600, 600, 300, 300, 300])
        let history = steps.map { $0["history"] as? [String: Any] }
        #expect(history.map { $0?["observations"] as? Int } == [3, 3, 3, 3, nil, nil, 3, 3, nil, nil])
        #expect(history[0]?["sigma"] as? Double == 0.5555 && history[3]?["sigma"] as? Double == 0.8004)
        #expect(history[0]?["runbook_median"] as? Int == 60)
        #expect(steps[4]["history"] is NSNull)

        // Deterministic: the same history gives the same bytes, again and on two threads.
        let again = try gameday(base + ["--from-history", "blue", "--json", "--jobs", "1"], in: repo)
        let twoThreads = try gameday(base + ["--from-history", "blue", "--json", "--jobs", "2"], in: repo)
        #expect(again.stdout == out.stdout && twoThreads.stdout == out.stdout)

        let text = try gameday(base + ["--from-history", "blue"], in: repo)
        #expect(text.stdout.contains("Step times from team blue's history (3 recorded runs of the drill, at least 3 observations a step)\n"))
        #expect(text.stdout.contains("  Triage: Acknowledge the report — median 2m (runbook 1m), σ 0.56, from 3 runs\n"))
        #expect(text.stdout.contains("  the other 4 steps keep the runbook's time\n"))

        let two = try #require(try json(try gameday(base + ["--from-history", "blue", "--min-observations", "2", "--json"], in: repo).stdout) as? [String: Any])
        #expect((two["from_history"] as? [String: Any])?["steps"] as? Int == 8)
        #expect((two["steps"] as? [[String: Any]])?[4]["median"] as? Int == 210)

        // Without --from-history nothing changes: no history key, the runbook's medians.
        let plain = try #require(try json(try gameday(base + ["--json"], in: repo).stdout) as? [String: Any])
        #expect(plain["from_history"] == nil && (plain["steps"] as? [[String: Any]])?.first?["history"] == nil)
        #expect((plain["steps"] as? [[String: Any]])?.first?["median"] as? Int == 60)

        // Run 5 drawn with the team's times replays with `gameday run` to the run that was counted.
        let replay = try gameday(base + ["--from-history", "blue", "--run", "5"], in: repo)
        let unmeasured = try gameday(base + ["--run", "5"], in: repo)
        #expect(replay.status == 0 && replay.stdout != unmeasured.stdout)
        try write(replay.stdout, "run5.yaml", in: repo)
        #expect(try gameday(["run", "drills/signing-key-compromised.yaml", "--responses", "run5.yaml", "--no-record", "--no-reports"], in: repo).status != 2)

        let none = try gameday(base + ["--from-history", "green"], in: repo)
        #expect(none.status == 2 && none.stderr.contains("team 'green' has no recorded run of drill 'signing-key-compromised'"))
        #expect(try gameday(base + ["--min-observations", "2"], in: repo).status == 2)
    }
}
