/// Generates the worst-case inputs of the drill language: files as large as the limits allow (4 MiB, 100 000 nodes),
/// shaped to make a careless loader quadratic. Tests load each one and check that it is accepted or refused as
/// expected; `gameday-bench --worst-cases` prints how long each takes. Nothing here is committed as data.
public enum WorstCases {
    /// The file-size limit of the drill language.
    public static let maxBytes = 4 * 1024 * 1024

    /// Every case, in a stable order.
    public static func all() -> [WorstCase] {
        [flatMapping(), flatMappingAccepted(), flatSequence(), flatSequenceAccepted(), longScalar(), longExpression(),
         manyActions(), manyActionsRefused(), manyUnknownKeys(), manyDanglingReferences(), longNames()]
    }

    /// The case called `name`, if there is one.
    public static func named(_ name: String) -> WorstCase? { all().first { $0.name == name } }

    // MARK: - Building blocks

    static let scenarioHeader = "scenario: wc\nroles:\n  on-call:\n  security-lead:\n"

    static func drillHeader(_ id: String, owner: String = "on-call") -> String {
        """
        drill: \(id)
        title: Worst case \(id)
        severity: P2
        owner: \(owner)
        scenario: wc
        duration: 1h

        """
    }

    static let outcome = """
    expect:
      - id: paged
        phase: detect
        check: '"security-lead" in paged'

    """

    /// Appends `line(i)` for i = 0, 1, ... while the text stays at most `budget` bytes, or `count` lines.
    static func lines(_ into: inout [UInt8], budget: Int = maxBytes, count: Int = .max, _ line: (Int) -> String) {
        var i = 0
        while i < count {
            let next = Array(line(i).utf8)
            if into.count + next.count > budget { break }
            into += next
            i += 1
        }
    }

    static func pad(_ n: Int, _ width: Int = 6) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func file(_ path: String, _ text: String) -> WorstCase.File { .init(path: path, bytes: Array(text.utf8)) }

    static let smallScenario = file("scenarios/wc.yaml", scenarioHeader)

    // MARK: - Cases

    /// A scenario whose `roles` is one flat mapping filling 4 MiB: refused for its node count.
    static func flatMapping() -> WorstCase {
        var bytes = Array(scenarioHeader.utf8)
        lines(&bytes) { "  role-\(pad($0, 7)):\n" }
        return WorstCase(name: "flat-mapping", summary: "one mapping of 4 MiB (\(bytes.count / 16) keys)",
                         files: [.init(path: "scenarios/wc.yaml", bytes: bytes)], target: "scenarios/wc.yaml",
                         expectation: .refused(containing: "more than 100000 nodes"))
    }

    /// A scenario with 49 000 roles: a flat mapping just under the node limit, accepted.
    static func flatMappingAccepted() -> WorstCase {
        var bytes = Array(scenarioHeader.utf8)
        lines(&bytes, count: 49_000) { "  role-\(pad($0)):\n" }
        return WorstCase(name: "flat-mapping-49k", summary: "one mapping of 49 000 keys, accepted",
                         files: [.init(path: "scenarios/wc.yaml", bytes: bytes)], target: "scenarios/wc.yaml",
                         expectation: .accepted)
    }

    /// A drill whose `roles` is one flow sequence filling 4 MiB: refused for its node count.
    static func flatSequence() -> WorstCase {
        var bytes = Array((drillHeader("flat-sequence") + outcome + "roles: [on-call").utf8)
        lines(&bytes, budget: maxBytes - 2) { ", r\(pad($0, 7))" }
        bytes += Array("]\n".utf8)
        return WorstCase(name: "flat-sequence", summary: "one flow sequence of 4 MiB",
                         files: [smallScenario, .init(path: "drills/flat-sequence.yaml", bytes: bytes)],
                         target: "drills/flat-sequence.yaml", expectation: .refused(containing: "more than 100000 nodes"))
    }

    /// A world of 30 000 roles and a drill listing all of them in `roles`: every name is looked up, accepted.
    static func flatSequenceAccepted() -> WorstCase {
        let count = 30_000
        var scenario = Array(scenarioHeader.utf8)
        lines(&scenario, count: count) { "  role-\(pad($0)):\n" }
        var drill = Array((drillHeader("flat-sequence-30k") + outcome + "roles:\n").utf8)
        lines(&drill, count: count) { "  - role-\(pad(count - 1 - $0))\n" }
        return WorstCase(name: "flat-sequence-30k", summary: "30 000 roles listed and looked up, accepted",
                         files: [.init(path: "scenarios/wc.yaml", bytes: scenario), .init(path: "drills/flat-sequence-30k.yaml", bytes: drill)],
                         target: "drills/flat-sequence-30k.yaml", expectation: .accepted)
    }

    /// A drill whose `summary` is one double-quoted scalar of almost 4 MiB, with escapes and wide characters: accepted.
    static func longScalar() -> WorstCase {
        var bytes = Array((drillHeader("long-scalar") + outcome + "summary: \"").utf8)
        lines(&bytes, budget: maxBytes - 2) { $0 % 64 == 63 ? "\\t\\u00e9 — 漢字 \\\" " : "lorem ipsum " }
        bytes += Array("\"\n".utf8)
        return WorstCase(name: "long-scalar", summary: "one quoted scalar of 4 MiB, accepted",
                         files: [smallScenario, .init(path: "drills/long-scalar.yaml", bytes: bytes)],
                         target: "drills/long-scalar.yaml", expectation: .accepted)
    }

    /// A drill whose only check is an expression of almost 4 MiB: refused for the expression length limit.
    static func longExpression() -> WorstCase {
        var bytes = Array((drillHeader("long-expression") + "expect:\n  - id: huge\n    phase: detect\n    check: true").utf8)
        lines(&bytes, budget: maxBytes - 1) { _ in " && true" }
        bytes += Array("\n".utf8)
        return WorstCase(name: "long-expression", summary: "one check expression of 4 MiB",
                         files: [smallScenario, .init(path: "drills/long-expression.yaml", bytes: bytes)],
                         target: "drills/long-expression.yaml", expectation: .refused(containing: "the limit is 4096"))
    }

    /// The drill of the many-actions logs: its checks read the actions, so every action re-evaluates them.
    static let manyActionsDrill = file("drills/many-actions.yaml", drillHeader("many-actions") + outcome + """
      - id: noted
        phase: contain
        check: 'done("note", "never") || size(paged) > 1'
      - id: noted-late
        phase: recover
        check: 'done("page", "security-lead")'

    """)

    /// A response log of 19 990 actions, just under the node limit: loaded, checked against its drill and replayed.
    static func manyActions() -> WorstCase {
        var log = Array("drill: many-actions\nteam: blue\nactions:\n".utf8)
        lines(&log, count: 19_990) { "  - {at: \(1 + $0 / 10)s, do: 'note step \($0) done'}\n" }
        return WorstCase(name: "many-actions", summary: "a log of 19 990 actions, replayed, accepted",
                         files: [smallScenario, manyActionsDrill, .init(path: "many-actions.responses.yaml", bytes: log)],
                         target: "many-actions.responses.yaml", expectation: .accepted)
    }

    /// A response log of 4 MiB of actions (with roles): refused for its node count.
    static func manyActionsRefused() -> WorstCase {
        var log = Array("drill: many-actions\nteam: blue\nactions:\n".utf8)
        lines(&log) { "  - {at: \(1 + $0 / 10)s, by: on-call, do: 'note step \($0)'}\n" }
        return WorstCase(name: "many-actions-4mib", summary: "a log of 4 MiB of actions",
                         files: [smallScenario, manyActionsDrill, .init(path: "many-actions.responses.yaml", bytes: log)],
                         target: "many-actions.responses.yaml", expectation: .refused(containing: "more than 100000 nodes"))
    }

    /// A drill of 11 000 injects, each with a misspelt field that gets a `did you mean` hint.
    static func manyUnknownKeys() -> WorstCase {
        let count = 11_000
        var bytes = Array((drillHeader("many-unknown-keys") + outcome + "injects:\n").utf8)
        lines(&bytes, count: count) { "  - {id: i\(pad($0)), at: 1m, channel: chat, mesage: hello}\n" }
        return WorstCase(name: "many-unknown-keys", summary: "11 000 misspelt fields, each with a suggestion",
                         files: [smallScenario, .init(path: "drills/many-unknown-keys.yaml", bytes: bytes)],
                         target: "drills/many-unknown-keys.yaml",
                         expectation: .refusedEach(containing: "'mesage'", count: count))
    }

    /// A scenario of 24 000 registries and 12 000 images, each naming a registry that is one letter off:
    /// 12 000 dangling references, each with exactly one close name among 24 000.
    static func manyDanglingReferences() -> WorstCase {
        let registries = 24_000, images = 12_000
        var bytes = Array((scenarioHeader + "registries:\n").utf8)
        lines(&bytes, count: registries) { "  registry-\(pad($0)):\n" }
        bytes += Array("images:\n".utf8)
        lines(&bytes, count: images) { "  img-\(pad($0)): {registry: registry-\(pad($0 * 2))x}\n" }
        return WorstCase(name: "many-dangling-references", summary: "12 000 unknown names among 24 000, each with a suggestion",
                         files: [.init(path: "scenarios/wc.yaml", bytes: bytes)], target: "scenarios/wc.yaml",
                         expectation: .refusedEach(containing: "did you mean 'registry-", count: images))
    }

    /// A world whose one extra role has a name of 1 MiB, and a drill whose owner is that name with one letter changed.
    static func longNames() -> WorstCase {
        let length = 1024 * 1024
        let name = String(repeating: "a", count: length)
        let misspelt = String(repeating: "a", count: length / 2) + "b" + String(repeating: "a", count: length / 2 - 1)
        // A key longer than 1024 characters must be written as an explicit key (`? KEY`), a YAML rule.
        let scenario = file("scenarios/wc.yaml", scenarioHeader + "  ? \(name)\n  :\n")
        let drill = file("drills/long-names.yaml", drillHeader("long-names", owner: misspelt) + outcome)
        return WorstCase(name: "long-names", summary: "a 1 MiB role name, misspelt: one suggestion",
                         files: [scenario, drill], target: "drills/long-names.yaml",
                         expectation: .refused(containing: "did you mean 'aaaa"))
    }
}
