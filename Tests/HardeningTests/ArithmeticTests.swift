import Foundation
@testable import GameDayEngine
import Testing

/// Arithmetic never traps: constants that overflow are load-time errors with their place; an overflow while running
/// is a drill defect (spec 6), and the run goes on.
@Suite struct ArithmeticTests {
    static func load(_ name: String, _ body: String, log: String? = nil) throws -> (drill: Drill?, diagnostics: [Diagnostic], report: RunReport?) {
        let scratch = try Scratch(name)
        try scratch.write("scenarios/wc.yaml", smallScenario)
        let path = try scratch.write("drills/\(name).yaml", drillHeader(name) + body)
        let result = DrillLoader().loadDrill(path: path)
        guard let drill = result.value else { return (nil, result.diagnostics, nil) }
        var responses = ResponseLog(drillID: drill.id)
        if let log {
            let logPath = try scratch.write("log.yaml", "drill: \(name)\n" + log)
            let loaded = DrillLoader().loadResponseLog(path: logPath, drill: drill)
            responses = try #require(loaded.value, "\(loaded.diagnostics)")
        }
        let report = Replay(CompiledDrill(drill), log: responses).run(runDate: Date(timeIntervalSince1970: 0))
        return (drill, result.diagnostics, report)
    }

    /// Column of the first occurrence of `needle` in line `line` of `text`, in Unicode scalars, 1-based.
    static func column(of needle: String, inLine line: Int, of text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let scalars = Array(lines[line - 1].unicodeScalars), wanted = Array(needle.unicodeScalars)
        for i in 0...(scalars.count - wanted.count) where Array(scalars[i..<(i + wanted.count)]) == wanted { return i + 1 }
        return -1
    }

    /// The trap: `0 - (0 - 9223372036854775807 - 1)` is Int.min negated. Constant, so refused at load, at the outer `-`.
    @Test func constantIntegerOverflowIsALoadError() throws {
        let body = """
        expect:
          - id: boom
            phase: detect
            check: 0 - (0 - 9223372036854775807 - 1) == 0

        """
        let (drill, diagnostics, _) = try Self.load("constant-overflow", body)
        #expect(drill == nil)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.message.contains("integer arithmetic overflows"))
        let text = drillHeader("constant-overflow") + body
        #expect(error.location.line == 10)
        #expect(error.location.column == Self.column(of: "0 - (", inLine: 10, of: text) + 2)
    }

    @Test(arguments: [
        ("9223372036854775807 + 1 > 0", "integer"),
        ("0 - 9223372036854775807 - 2 < 0", "integer"),
        ("now > 1000000000000s + 1000000000000s", nil),
        ("now < 0s - 1000000000000s", nil),
    ] as [(String, String?)])
    func constantsAreFoldedExactly(_ expression: String, _ overflow: String?) throws {
        let body = """
        injects:
          - id: a
            at: 1m
            channel: chat
            message: hello
            if: \(expression)

        """
        let (drill, diagnostics, _) = try Self.load("fold", body)
        if let overflow {
            #expect(drill == nil)
            #expect(diagnostics.contains { $0.message.contains("\(overflow) arithmetic overflows") && $0.location.line == 12 })
        } else {
            #expect(drill != nil, "\(diagnostics)")
        }
    }

    /// Not constant: `size(paged)` is known only while running. 1 - Int.min overflows then: a defect, not a crash.
    @Test func runTimeOverflowIsADrillDefect() throws {
        let body = """
        expect:
          - id: boom
            phase: detect
            check: size(paged) - (0 - 9223372036854775807 - 1) == 0
          - id: paged
            phase: detect
            check: '"security-lead" in paged'

        """
        let (drill, diagnostics, report) = try Self.load("runtime-overflow", body,
                                                         log: "actions:\n  - {at: 1m, do: 'page security-lead'}\n")
        #expect(drill != nil, "\(diagnostics)")
        let r = try #require(report)
        #expect(r.defects.contains { $0.location == "expect/boom/check" && $0.message.contains("integer overflow") }, "\(r.defects)")
        #expect(r.outcomes.first { $0.id == "paged" }?.status == .met)
    }

    /// Weights and penalties as large as the file allows: the score is exact and clamped, never a trap.
    @Test(arguments: [
        ("1000000", "actions:\n  - {at: 1m, do: 'page security-lead'}\n", Decimal(100)),
        ("10000", "actions: []\n", Decimal(0)),
        ("123456789012.5", "actions: []\n", Decimal(0)),
    ])
    func hugeWeightsScoreWithoutTrapping(_ weight: String, _ log: String, _ score: Decimal) throws {
        let body = """
        expect:
          - id: paged
            phase: detect
            check: '"security-lead" in paged'
            weight: \(weight)
          - id: light
            phase: detect
            check: '"nobody" in paged'

        """
        let (_, diagnostics, report) = try Self.load("huge-weight", body, log: log)
        let r = try #require(report, "\(diagnostics)")
        #expect(r.score == score)
    }

    @Test func hugePenaltiesScoreWithoutTrapping() throws {
        let body = """
        expect:
          - id: paged
            phase: detect
            check: '"security-lead" in paged'
        forbid:
          - id: one
            check: '"on-call" in paged'
            penalty: 900000000000
          - id: two
            check: '"on-call" in paged'
            penalty: 900000000000

        """
        let log = "actions:\n  - {at: 1m, do: 'page security-lead'}\n  - {at: 2m, do: 'page on-call'}\n"
        let (_, diagnostics, report) = try Self.load("huge-penalty", body, log: log)
        let r = try #require(report, "\(diagnostics)")
        #expect(r.score == 0)
        #expect(r.violations.count == 2)
    }

    @Test(arguments: ["99999999999999999999s", "1000000000001s", "9999999999:00", "153722867280912930w"])
    func durationsTooLargeAreErrorsWithTheirPlace(_ text: String) throws {
        let body = "injects:\n  - {id: a, at: \(text), channel: silent}\n"
        let (drill, diagnostics, _) = try Self.load("big-duration", body)
        #expect(drill == nil)
        let column = Self.column(of: text, inLine: 8, of: drillHeader("big-duration") + body)
        #expect(diagnostics.contains { $0.location.line == 8 && $0.location.column == column && $0.message.contains("must be a duration") },
                "\(diagnostics)")
    }

    /// A repeat every second over the longest duration: the count of due times is checked without overflow.
    @Test func repeatCountsOverTheLongestDurationAreRefused() throws {
        var text = drillHeader("many-repeats").replacingOccurrences(of: "duration: 1h", with: "duration: 1000000000000s")
        text += "injects:\n" + (0..<50).map { "  - {id: r\($0), at: 0s, channel: silent, repeat: 1s}\n" }.joined()
        let scratch = try Scratch("repeats")
        try scratch.write("scenarios/wc.yaml", smallScenario)
        let path = try scratch.write("drills/many-repeats.yaml", text)
        let found = DrillLoader().loadDrill(path: path).diagnostics
        #expect(found.contains { $0.message.contains("more than 100000 events") && $0.location.line == 6 }, "\(found)")
    }
}
