import Foundation
import GameDayFuzzing
import Testing

/// Every input a fuzz campaign ever found (`Fuzz/regressions/TARGET/`), replayed through the same check as the fuzz
/// target: none may break an invariant (or crash, or hang) again.
@Suite struct FuzzRegressionTests {
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/regressions").path

    static func inputs() -> [String] {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: regressions)) ?? []
        return folders.sorted().flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: regressions + "/" + folder)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
        }
    }

    @Test func everyFolderIsATargetAndEveryTargetHasAFolder() throws {
        let folders = Set(try FileManager.default.contentsOfDirectory(atPath: Self.regressions))
        #expect(folders == Set(FuzzTarget.all.map(\.name)))
        #expect(Self.inputs().count >= 15)
    }

    @Test(arguments: inputs())
    func aKeptFindingStaysFixed(_ input: String) throws {
        let target = try #require(FuzzTarget.named(String(input.split(separator: "/")[0])))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.regressions + "/" + input)))
        #expect(target.check(bytes) == nil)
    }
}
