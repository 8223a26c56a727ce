import Foundation
import Testing
@testable import GameDayEngine

/// The typed conditions and the check program give exactly what the general evaluator gives (`isTrue` of its value, or the same defect),
/// on every check of the library and of shapes written to probe nulls, missing entities, nesting and shadowing.
@Suite struct TypedConditionTests {
    static let probes = """
    expect:
      - {id: a, phase: detect, check: 'keys["nope"].state != "active" && !(keys["nope"].compromised)'}
      - {id: b, phase: detect, check: 'images[workloads["web"].image].signed_by in admission.trusted_keys'}
      - {id: c, phase: detect, check: 'workloads.all(w, !images[w.image].malicious && images[w.image].signed_by != "prod")'}
      - {id: d, phase: detect, check: 'keys.exists(k, k.name != "prod" && k.state == "active" && k.name in admission.trusted_keys)'}
      - {id: e, phase: detect, check: 'keys.exists(k, keys.all(k, k.state == "active") && k.backend == "kms")'}
      - {id: f, phase: detect, check: 'images.exists(i, i.repo == null) || images["missing"].registry == null'}
      - {id: g, phase: detect, check: '!(images["missing"].malicious) && !null'}
      - {id: h, phase: detect, check: 'workloads.all(w, w.nodes.all(n, !nodes[n].cordoned))'}
      - {id: i, phase: detect, check: 'admission.trusted_keys.exists(k, keys[k].state == "active") && postmortem_scheduled == false'}
      - {id: j, phase: detect, check: 'images[keys["prod"].state].malicious || "prod" in paged || null in findings'}
      - {id: k, phase: detect, check: 'keys.exists(k, k.name in ["spare", "new"]) && size(paged) >= 0'}
      - {id: l, phase: detect, check: 'done("revoke-key", "prod") || done_by("on-call", "page")'}
      - {id: m, phase: detect, check: 'size(stories) >= 1 && stories.size() != 2 && size(keys) > 1 && keys.size() <= 9'}
      - {id: n, phase: detect, check: '10m < 5m || size(findings) == 0 || size(admission.trusted_keys) < 2'}
      - {id: o, phase: detect, check: 'keys.exists(k, size(k.name) > 3 && stories.exists(s, s.owner == "on-call"))'}
      - {id: p, phase: detect, check: 'done_by("on-call", "revoke-key", "prod") && !done("page", "nope", "extra")'}
      - {id: r, phase: detect, check: 'incident.declared && incident.severity != "P2" || admission.require_signatures'}
      - {id: s, phase: detect, check: 'stories.all(s, s.title != "x") && stories.exists(s, s.owner == "on-call" || s.title == null)'}
      - {id: t, phase: detect, check: 'keys.exists(incident, incident.state == "active") && stories.exists(k, keys.exists(k, k.state == "active"))'}
      - {id: q, phase: detect, check: 'workloads.exists(w, w.image in admission.trusted_keys || w.name == "web")'}
    """

    static func drills() throws -> [Drill] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = ["signing-key-compromised", "runner-compromise", "malicious-dependency", "malicious-image-in-registry", "dependency-confusion",
                     "oidc-trust-misconfigured", "secrets-in-prod", "source-repo-compromise"].map { root.path + "/drills/\($0).yaml" }
            + [Bundle.module.resourceURL!.appendingPathComponent("Fixtures/examples-v1.1/drills/poisoned-package.yaml").path]
        return try files.map { try #require(DrillLoader().loadDrill(path: $0).value, "\($0)") } + [try Harness(probes).drill]
    }

    @Test func typedAndGeneralAgreeOnRandomRuns() throws {
        var rng = SplitMix64(seed: 0x7E57)
        var compared = 0, programCompared = 0
        for drill in try Self.drills() {
            let compiled = CompiledDrill(drill)
            let expressions = compiled.outcomeChecks + compiled.forbiddenChecks + compiled.exposureChecks
                + compiled.injects.flatMap { [$0.condition, $0.until].compactMap { $0 } }
            let body = compiled.body
            let roots = body.checks.roots
            #expect(expressions.contains { $0.condition != nil })
            let words = drill.world.collections.values.flatMap { $0.map(\.name) } + drill.injects.map(\.id) + ["new", "nope", "P1", "--all"]
            let verbs = CommandSpec.all.filter { !$0.attackerOnly }.map(\.verb)
            for _ in 0..<40 {
                var simulator = Simulator(compiled, end: drill.duration)
                for step in 0..<Int(rng.next() % 20) {
                    var line = [verbs[Int(rng.next() % UInt64(verbs.count))]]
                    for _ in 0..<Int(rng.next() % 3) { line.append(words[Int(rng.next() % UInt64(words.count))]) }
                    if case .success(let parsed) = CommandParser.parse(words: line, text: line.joined(separator: " ")) {
                        simulator.apply(parsed, at: min(drill.duration, step * 120), by: ["on-call", nil][Int(rng.next() % 2)])
                    }
                    var locals = [Value](repeating: .null, count: 16)
                    var context = simulator.context
                    for (k, root) in roots.enumerated() {
                        let expression = expressions[k]
                        let general: Result<Bool, EvaluationError>
                        do { general = .success(try expression.evaluate(simulator.context, &locals).isTrue) } catch { general = .failure(error) }
                        let program: Result<Bool, EvaluationError>
                        do { program = .success(try body.checks.holds(root, in: &context, locals: &locals)) } catch { program = .failure(error) }
                        #expect("\(program)" == "\(general)", "\(drill.id): \(expression.text)")
                        programCompared += 1
                    }
                    for expression in expressions {
                        guard let condition = expression.condition else { continue }
                        let general: Result<Bool, EvaluationError>
                        do { general = .success(try expression.evaluate(simulator.context, &locals).isTrue) } catch { general = .failure(error) }
                        let typed: Result<Bool, EvaluationError>
                        do { typed = .success(try condition(simulator.context, &locals)) } catch { typed = .failure(error) }
                        #expect("\(typed)" == "\(general)", "\(drill.id): \(expression.text)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 5000)
        #expect(programCompared > 5000)
    }

    /// The library's signing-key drill, the what-if benchmark's, compiles to typed nodes only: no check of it
    /// falls back to a general closure on the hot path.
    @Test func signingKeyChecksNeedNoGeneralClosure() throws {
        let drill = try #require(try Self.drills().first { $0.id == "signing-key-compromised" })
        let program = CompiledDrill(drill).body.checks
        #expect(program.generals.isEmpty, "\(program.nodes)")
        #expect(program.nodes.count > 20)
    }
}
