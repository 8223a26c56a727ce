import Foundation
import GameDayEngine
@testable import GameDayReports

/// Writes a small drill into a folder (with the worked examples' world) and runs it.
enum Fixture {
    /// Runs a drill made of `body` (after the header) in a small world (plus `world`, more YAML of the scenario),
    /// with `log` (after its `drill:` line), or an empty log without `started`.
    static func drill(in dir: URL, _ body: String, log: String? = nil, world: String = "", duration: String = "1h",
                      pace: RunPace = .logReplay) throws -> RunRecord {
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("drills"), withIntermediateDirectories: true)
        try fm.createDirectory(at: dir.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        try ("""
        scenario: acme
        title: Small world
        roles:
          on-call: {person: Dana}
          security-lead: {person: Sam}
          scribe: {person: Lee}
        keys:
          prod: {}

        """ + world).write(to: dir.appendingPathComponent("scenarios/acme.yaml"), atomically: true, encoding: .utf8)
        try ("""
        drill: small
        title: Small drill
        severity: P3
        owner: security-lead
        scenario: acme
        duration: \(duration)

        """ + body).write(to: dir.appendingPathComponent("drills/small.yaml"), atomically: true, encoding: .utf8)
        var logURL: URL?
        if let log {
            logURL = dir.appendingPathComponent("small.responses.yaml")
            try ("drill: small\n" + log).write(to: logURL!, atomically: true, encoding: .utf8)
        }
        var record = try Examples.run(drill: dir.appendingPathComponent("drills/small.yaml"), log: logURL)
        record.pace = pace
        return record
    }

    /// A world with a storefront serving a malicious image from before T0, an exposed CI token and a compromised
    /// runner pool; admission does not ask for signatures, so a clean image can be deployed back.
    static let compromisedWorld = """
    registries:
      ghcr: {}
    repos:
      shop: {}
    runner_pools:
      ci-pool: {compromised: true}
    pipelines:
      shop-release: {repo: shop, runner_pool: ci-pool, pushes_to: ghcr}
    images:
      shop:1.0: {registry: ghcr, repo: shop}
      shop:miner: {registry: ghcr, repo: shop, malicious: true}
    credentials:
      ci-token: {exposed: true}
    workloads:
      storefront: {image: "shop:miner", nodes: []}
    admission: {require_signatures: false}

    """
}
