import ArgumentParser
import Foundation
import GameDayConsole
import GameDayRunbook
import GameDayStore

/// `gameday runbook list [DIR]`: every runbook, its alert, owner and drill, and when it was last tested.
struct RunbookListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the runbooks of a folder: alert, owner, drill, and when each was last tested, with what result.",
        discussion: """
        Is there a runbook? When was it last tested in a game day? For every runbook (*.md but READMEs) under DIR \
        (default runbooks/): the alerts it answers (its Detection items), its owner, the drill it is written for (its \
        Related section), and its last test recorded in the history by 'gameday runbook test' (the score and the \
        verdict). A test counts for a runbook when it was recorded with the runbook's path (relative to the working \
        directory), else with its title and drill. Runbooks never tested, and runbooks whose last test is --stale old \
        or older (counted in days, as 'drills due' counts), are flagged. Exit status: 0, whatever the runbooks' state; \
        2 on a bad option or when the history cannot be read.
        """
    )

    @Argument(help: "The folder of runbooks (or one runbook).")
    var folder: String = "runbooks"

    @Option(help: ArgumentHelp("Flag runbooks whose last test is this old: a duration such as 90d (a quarter), 30d, 2w.", valueName: "duration"))
    var stale = "90d"

    @Option(help: "The day to compare with (YYYY-MM-DD); default today (UTC).")
    var today: String?

    @Option(help: "Only tests recorded by this team.")
    var team: String?

    @Option(help: ArgumentHelp("An alias file searched before the catalog (default: aliases.yaml beside the runbook, else runbooks/aliases.yaml).", valueName: "file"))
    var aliases: String?

    @Flag(help: "Print a JSON array.")
    var json = false

    @OptionGroup var store: StoreOptions

    /// One runbook and its tests.
    struct Row {
        var path: String
        var runbook: Runbook?
        var problem: Diagnostic?
        var tests: RunbookTests
        var days: Int?
        var due: Bool
    }

    mutating func run() throws {
        guard let cadence = DurationText.parse(stale, allowClock: false), cadence > 0 else {
            throw usageFailure("--stale must be a duration such as 90d, not '\(TerminalText.safe(stale))'")
        }
        let day = try day(today, name: "--today")
        guard FileManager.default.fileExists(atPath: folder) else {
            throw usageFailure("\(TerminalText.safe(folder)): no such folder or file; give the folder of runbooks (default runbooks/)")
        }
        let files = RunbookFiles.markdown(under: folder)
        let history = try store.open()
        let tested = try storeCall { try history.history(source: .runbook, team: team) }
        var options = RunbookOptions()
        options.aliases = aliases
        let inputs = RunbookInputs(options: options)
        let rows: [Row] = files.map { file in
            var diagnostics: [Diagnostic] = []
            var runbook: Runbook?
            if let aliasSet = inputs.aliasSet(for: file, diagnostics: &diagnostics) {
                let result = RunbookLoader(aliases: aliasSet).load(path: file, drill: nil)
                diagnostics += result.diagnostics
                runbook = result.value
            }
            let path = PublishOptions.sourcePath(file)
            let tests = RunbookTests(path: path, title: runbook?.title, drill: runbook?.drillID, among: tested)
            return Row(path: path, runbook: runbook, problem: runbook == nil ? diagnostics.filter { $0.severity == .error }.sorted().first : nil,
                       tests: tests, days: tests.daysSinceLastTest(today: day), due: tests.isDue(cadence: cadence, today: day))
        }
        if json {
            print(JSONValue.array(rows.map { json($0) }).rendered())
        } else {
            print(text(rows), terminator: "")
        }
    }

    private func json(_ row: Row) -> JSONValue {
        let r = row.runbook
        let last: JSONValue = row.tests.last.map { e in
            .object([("run", .int(Int(e.runID))), ("at", .string(HistoryListCommand.when(e))), ("team", .string(e.team)),
                     ("drill", .string(e.drill)), ("score", .decimal(e.score, forceFraction: true)), ("passed", .bool(e.passed))])
        } ?? .null
        return .object([
            ("path", .string(row.path)), ("title", .string(r?.title)), ("valid", .bool(r != nil)),
            ("error", .string(row.problem?.description)),
            ("alerts", .array((r?.triggers ?? []).map(JSONValue.string))), ("owner", .string(r?.owner)),
            ("severity", .string(r?.severity.rawValue)), ("drill", .string(r?.drillID)),
            ("tests", .int(row.tests.runs.count)), ("last_test", last), ("matched_by_title", .bool(row.tests.matchedByTitle)),
            ("days_since_last_test", .int(row.days)), ("never_tested", .bool(row.tests.last == nil)),
            ("stale", .bool(row.tests.last != nil && row.due)),
        ])
    }

    private func text(_ rows: [Row]) -> String {
        guard !rows.isEmpty else { return "No runbooks in \(TerminalText.safe(folder)).\n" }
        var table = TableText(header: ["RUNBOOK", "ALERT", "OWNER", "DRILL", "LAST TESTED", "RESULT", "FLAG"])
        for row in rows {
            let r = row.runbook
            var last = "never", result = "—", flag = ""
            if let e = row.tests.last {
                last = String(HistoryListCommand.when(e).prefix(10)) + " #\(e.runID)" + (row.tests.matchedByTitle ? " (by title)" : "")
                result = HistoryListCommand.score(e.score) + (e.passed ? " passed" : " NOT PASSED")
                if row.due { flag = "NOT TESTED FOR \(row.days ?? 0) DAYS" }
            } else {
                flag = "NEVER TESTED"
            }
            if r == nil { flag = (flag.isEmpty ? "" : flag + "; ") + "DOES NOT LOAD" }
            table.rows.append([row.path, r.map { $0.triggers.joined(separator: ", ") } ?? "—", r?.owner ?? "—", r?.drillID ?? "—",
                               last, result, flag])
        }
        // A row without a flag would end in the column gap.
        var out = table.text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
        let never = rows.filter { $0.tests.last == nil }.count
        let staleRows = rows.filter { $0.tests.last != nil && $0.due }.count
        let invalid = rows.filter { $0.runbook == nil }
        out += "\n\(rows.count) runbook\(rows.count == 1 ? "" : "s"): \(rows.count - never - staleRows) tested within \(stale), "
        out += "\(staleRows) not tested for \(stale) or more, \(never) never tested\(team.map { " (tests by team \(TerminalText.safe($0)))" } ?? "").\n"
        if !invalid.isEmpty {
            out += "\(invalid.count) do\(invalid.count == 1 ? "es" : "") not load ('gameday runbook lint' tells why):\n"
            for row in invalid { out += "  \(TerminalText.safe(row.problem?.description ?? row.path))\n" }
        }
        if never + staleRows > 0 { out += "A runbook that has not been tested is fiction: gameday runbook test RUNBOOK.\n" }
        return out
    }
}
