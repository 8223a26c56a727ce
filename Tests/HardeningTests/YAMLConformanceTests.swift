import Foundation
import GameDayEngine
import Testing

/// YAML conformance: every case of `Fixtures/yaml-conformance.json` (written for this project, with the verdict of
/// PyYAML's pure-Python parser, by scripts/yaml-conformance-cases.py) loads or is refused as it says, and at its line.
@Suite struct YAMLConformanceTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String?
        var bytes: [UInt8]?
        var valid: Bool
        var line: Int?
        var testDescription: String { name }
        var input: [UInt8] { bytes ?? Array((yaml ?? "").utf8) }
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func cases() -> [Case] {
        guard let data = try? Data(contentsOf: fixtures.appendingPathComponent("yaml-conformance.json")),
              let cases = try? JSONDecoder().decode([Case].self, from: data) else { return [] }
        return cases
    }

    static func isSyntaxError(_ d: Diagnostic) -> Bool { d.message.hasPrefix("invalid YAML") }

    @Test func thereAreCasesOfBothKinds() {
        let all = Self.cases()
        #expect(all.count >= 80)
        #expect(all.filter { !$0.valid }.count >= 25)
    }

    @Test(arguments: cases())
    func eachCaseLoadsOrIsRefusedWhereTheReferenceSays(_ c: Case) {
        let result = YAMLLoader.load(bytes: c.input, file: "case.yaml")
        let syntax = result.diagnostics.filter(Self.isSyntaxError)
        if c.valid {
            #expect(syntax.isEmpty, "\(c.name): \(syntax)")
        } else {
            let line = c.line ?? 1
            #expect(!result.diagnostics.isEmpty, "\(c.name) must be refused")
            if let first = syntax.first {
                #expect(first.location.line == line, "\(c.name): \(first) — the reference says line \(line)")
            } else {
                // Refused by one of the drill language's own rules (one document, the tags allowed, ...): no later than
                // the syntax error the reference found.
                #expect(result.diagnostics.allSatisfy { $0.location.line <= line }, "\(c.name): \(result.diagnostics)")
            }
        }
    }

    /// The whole yaml-test-suite, when a checkout of its `data` branch is named by GAMEDAY_YAML_TEST_SUITE (not in CI:
    /// the suite is not part of this repository). Every case loads or is refused, none crashes or hangs; where libyaml
    /// (YAML 1.1) and the suite (YAML 1.2) differ, the cases are counted and listed.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GAMEDAY_YAML_TEST_SUITE"] != nil))
    func theYAMLTestSuite() throws {
        let root = ProcessInfo.processInfo.environment["GAMEDAY_YAML_TEST_SUITE"]!
        let enumerator = FileManager.default.enumerator(atPath: root)
        var cases = 0, invalid = 0, refusedInvalid = 0, validLoaded = 0, validRefused: [String] = [], invalidLoaded: [String] = []
        while let item = enumerator?.nextObject() as? String {
            guard item.hasSuffix("in.yaml") else { continue }
            let folder = (root as NSString).appendingPathComponent((item as NSString).deletingLastPathComponent)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: (root as NSString).appendingPathComponent(item))))
            let result = YAMLLoader.load(bytes: bytes, file: item)
            cases += 1
            if FileManager.default.fileExists(atPath: folder + "/error") {
                invalid += 1
                if !result.diagnostics.isEmpty { refusedInvalid += 1 } else { invalidLoaded.append(item) }
            } else if result.diagnostics.contains(where: Self.isSyntaxError) {
                validRefused.append(item)
            } else {
                validLoaded += 1
            }
        }
        print("yaml-test-suite: \(cases) cases; \(invalid) invalid, \(refusedInvalid) refused, \(invalidLoaded.count) accepted by libyaml: \(invalidLoaded.sorted().joined(separator: " ")); \(cases - invalid) valid, \(validLoaded) loaded or refused by the drill language's rules, \(validRefused.count) refused as invalid YAML by libyaml: \(validRefused.sorted().joined(separator: " "))")
        #expect(cases > 300)
    }
}
