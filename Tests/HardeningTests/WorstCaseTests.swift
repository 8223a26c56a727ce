import Foundation
import GameDayEngine
import Testing
import WorstCases

/// The generated 4 MiB worst cases: each is accepted or refused as it must be (their times are in the benchmark,
/// `gameday-bench --worst-cases`, never asserted here).
@Suite struct WorstCaseTests {
    static let names = WorstCases.all().map(\.name)

    @Test func theCasesFillTheLimits() {
        let cases = WorstCases.all()
        #expect(cases.count >= 10)
        for name in ["flat-mapping", "flat-sequence", "long-scalar", "long-expression", "many-actions-4mib"] {
            let size = cases.first { $0.name == name }?.targetSize ?? 0
            #expect(size > WorstCases.maxBytes - 1024 && size <= WorstCases.maxBytes, "\(name): \(size) bytes")
        }
    }

    @Test(arguments: names)
    func eachCaseGivesItsVerdict(_ name: String) throws {
        let worst = try #require(WorstCases.named(name))
        let scratch = try Scratch(name)
        for file in worst.files { try scratch.write(file.path, file.bytes) }
        let target = (scratch.path as NSString).appendingPathComponent(worst.target)
        let (_, diagnostics) = Validator(loader: DrillLoader()).validate(file: target)
        let errors = diagnostics.filter { $0.severity == .error }
        switch worst.expectation {
        case .accepted:
            #expect(errors.isEmpty, "\(errors.prefix(3))")
        case .refused(let text):
            #expect(errors.contains { $0.message.contains(text) }, "\(errors.prefix(3).map { String($0.message.prefix(200)) })")
        case .refusedEach(let text, let count):
            let matching = errors.filter { $0.message.contains(text) }
            #expect(matching.count >= count, "\(matching.count) of \(count): \(errors.prefix(3))")
        }
    }

    /// The many-dangling-references case: every one of the 12 000 hints names the one registry a letter away.
    @Test func everyDanglingReferenceGetsItsOwnHint() throws {
        let worst = try #require(WorstCases.named("many-dangling-references"))
        let scratch = try Scratch("dangling")
        for file in worst.files { try scratch.write(file.path, file.bytes) }
        let found = DrillLoader().loadScenario(path: (scratch.path as NSString).appendingPathComponent(worst.target)).diagnostics
        var checked = 0
        for d in found where d.message.hasPrefix("unknown registry") {
            // "unknown registry 'registry-000024x' in 'registry': ...; did you mean 'registry-000024'?"
            let parts = d.message.split(separator: "'")
            #expect(parts.count >= 6 && parts[1].dropLast() == parts[5], "\(d.message)")
            checked += 1
        }
        #expect(checked == 12_000)
    }
}
