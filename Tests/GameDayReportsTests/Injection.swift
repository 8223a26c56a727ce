import Foundation
@testable import GameDayReports

/// The injection fixture: a world, drill and log whose names, titles, messages and team carry attack strings.
enum Injection {
    static let folder = Examples.fixtures.appendingPathComponent("injection")

    /// The injection drill run against its log.
    static func record() throws -> RunRecord {
        try Examples.run(drill: folder.appendingPathComponent("drills/injection.yaml"),
                         log: folder.appendingPathComponent("responses/injection.yaml"))
    }

    /// Its report files, by path.
    static func files() throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try Examples.files(try record()).map { ($0.path, $0.contents) })
    }
}
