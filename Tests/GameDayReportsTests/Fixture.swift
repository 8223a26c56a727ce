import Foundation
@testable import GameDayReports

/// Writes a small drill into a folder (with the worked examples' world) and runs it.
enum Fixture {
    /// Runs a drill made of `body` (after the header) in the `acme` world, with an empty log without `started`.
    static func drill(in dir: URL, _ body: String, log: String? = nil) throws -> RunRecord {
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("drills"), withIntermediateDirectories: true)
        try fm.createDirectory(at: dir.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        try """
        scenario: acme
        title: Small world
        roles:
          on-call: {person: Dana}
          security-lead: {person: Sam}
        keys:
          prod: {}
        """.write(to: dir.appendingPathComponent("scenarios/acme.yaml"), atomically: true, encoding: .utf8)
        try ("""
        drill: small
        title: Small drill
        severity: P3
        owner: security-lead
        scenario: acme
        duration: 1h

        """ + body).write(to: dir.appendingPathComponent("drills/small.yaml"), atomically: true, encoding: .utf8)
        var logURL: URL?
        if let log {
            logURL = dir.appendingPathComponent("small.responses.yaml")
            try ("drill: small\n" + log).write(to: logURL!, atomically: true, encoding: .utf8)
        }
        return try Examples.run(drill: dir.appendingPathComponent("drills/small.yaml"), log: logURL)
    }
}
