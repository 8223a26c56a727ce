/// One collection of the simulated world (spec 2), with the fields of its entities.
public enum Collection: String, Sendable, Hashable, CaseIterable, Codable {
    /// People and their backups.
    case roles
    /// Signing keys.
    case keys
    /// Image registries.
    case registries
    /// Source repositories.
    case repos
    /// CI runner pools.
    case runnerPools = "runner_pools"
    /// CI pipelines.
    case pipelines
    /// Container images, by reference.
    case images
    /// Packages, private and public.
    case packages
    /// Credentials and tokens.
    case credentials
    /// OIDC trust roles.
    case oidcRoles = "oidc_roles"
    /// Cluster nodes.
    case nodes
    /// Workloads running images on nodes.
    case workloads
    /// Detections that make alerts possible.
    case detections

    /// The YAML key and expression name of the collection.
    public var key: String { rawValue }

    /// A singular noun for messages: `key`, `runner pool`.
    public var noun: String {
        switch self {
        case .roles: "role"
        case .keys: "key"
        case .registries: "registry"
        case .repos: "repo"
        case .runnerPools: "runner pool"
        case .pipelines: "pipeline"
        case .images: "image"
        case .packages: "package"
        case .credentials: "credential"
        case .oidcRoles: "OIDC role"
        case .nodes: "node"
        case .workloads: "workload"
        case .detections: "detection"
        }
    }

    /// The collection's position in `allCases`: tables are indexed by it, and it is what is hashed and compared.
    /// (Without these, a `String`-valued enum hashes and compares its raw value, a string, in every dictionary of
    /// collections.) The engine's `WorldState` keeps its entities by it; it is inlinable for the simulator's loops.
    @inlinable public var ordinal: Int {
        switch self {
        case .roles: 0
        case .keys: 1
        case .registries: 2
        case .repos: 3
        case .runnerPools: 4
        case .pipelines: 5
        case .images: 6
        case .packages: 7
        case .credentials: 8
        case .oidcRoles: 9
        case .nodes: 10
        case .workloads: 11
        case .detections: 12
        }
    }

    /// The same collection.
    public static func == (lhs: Collection, rhs: Collection) -> Bool { lhs.ordinal == rhs.ordinal }

    /// Hashes the ordinal.
    public func hash(into hasher: inout Hasher) { hasher.combine(UInt8(truncatingIfNeeded: ordinal)) }

    /// The fields of an entity, `name` first; the position of a field is its index in the engine.
    public var fields: [FieldSpec] {
        Collection.fieldTable[ordinal]
    }

    /// The index of field `name`, or nil.
    public func fieldIndex(_ name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    /// Each collection's fields, by ordinal.
    private static let fieldTable: [[FieldSpec]] = {
        let name = FieldSpec(name: "name", type: .text, defaultValue: .null, derived: true)
        let table: [Collection: [FieldSpec]] = [
            .roles: [name, .text("person"), .text("backup")],
            .keys: [name, .text("backend", default: "kms", choices: ["kms", "file", "hsm"]),
                    .text("state", default: "active", choices: ["active", "disabled"]), .bool("compromised", false)],
            .registries: [name, .bool("direct_push", false), .bool("frozen", false)],
            .repos: [name, .bool("branch_protection", true), .bool("frozen", false), .text("head", default: "good"),
                     .list("malicious_commits", names: true),
                     FieldSpec(name: "compromised", type: .bool, defaultValue: .bool(false), derived: true)],
            .runnerPools: [name, .bool("enabled", true), .bool("ephemeral", false),
                           .text("egress", default: "open", choices: ["open", "allowlist"]), .bool("compromised", false)],
            .pipelines: [name, .ref("repo", .repos, required: true), .ref("runner_pool", .runnerPools, required: true),
                         .ref("signs_with", .keys, required: false), .ref("pushes_to", .registries, required: true),
                         .bool("stopped", false)],
            .images: [name, .ref("registry", .registries, required: true), .ref("repo", .repos, required: false),
                      .text("commit"), .ref("signed_by", .keys, required: false), .list("deps", names: true),
                      .bool("malicious", false), .bool("quarantined", false), .bool("deleted", false)],
            .packages: [name, .text("source", default: "private", choices: ["private", "public"]), .list("versions", names: true),
                        .list("malicious_versions", names: true), .bool("blocked", false), .text("pinned")],
            .credentials: [name, .text("kind", default: "token"), .text("location", default: "vault"), .list("grants"),
                           .text("state", default: "active", choices: ["active", "revoked"]), .bool("exposed", false),
                           .bool("rotated", false)],
            .oidcRoles: [name, .text("subject", required: true), .text("scope", default: "narrow", choices: ["broad", "narrow"]),
                         .bool("enabled", true), .bool("tokens_revoked", false)],
            .nodes: [name, .text("cluster", required: true), .bool("cordoned", false), .bool("drained", false),
                     .bool("isolated", false), .bool("snapshotted", false)],
            .workloads: [name, .ref("image", .images, required: true), .list("nodes", of: .nodes),
                         FieldSpec(name: "replicas", type: .int, defaultValue: .int(1))],
            .detections: [name, .text("source"), .text("description"), .bool("enabled", true)],
        ]
        return allCases.map { table[$0]! }
    }()

    /// Fields of `admission`.
    public static let admissionFields: [FieldSpec] = [.bool("require_signatures", true), .list("trusted_keys", of: .keys)]
}
