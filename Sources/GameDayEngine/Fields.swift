/// Field positions of each collection's entities, as the engine stores them.
enum F {
    private static func at(_ c: Collection, _ name: String) -> Int { c.fieldIndex(name)! }
    static let name = 0
    // keys
    static let keyBackend = at(.keys, "backend"), keyState = at(.keys, "state"), keyCompromised = at(.keys, "compromised")
    // registries
    static let registryDirectPush = at(.registries, "direct_push"), registryFrozen = at(.registries, "frozen")
    // repos
    static let repoProtection = at(.repos, "branch_protection"), repoFrozen = at(.repos, "frozen"), repoHead = at(.repos, "head")
    static let repoMalicious = at(.repos, "malicious_commits"), repoCompromised = at(.repos, "compromised")
    // runner pools
    static let poolEnabled = at(.runnerPools, "enabled"), poolEphemeral = at(.runnerPools, "ephemeral")
    static let poolEgress = at(.runnerPools, "egress"), poolCompromised = at(.runnerPools, "compromised")
    // pipelines
    static let pipelineRepo = at(.pipelines, "repo"), pipelinePool = at(.pipelines, "runner_pool")
    static let pipelineKey = at(.pipelines, "signs_with"), pipelineRegistry = at(.pipelines, "pushes_to"), pipelineStopped = at(.pipelines, "stopped")
    // images
    static let imageRegistry = at(.images, "registry"), imageRepo = at(.images, "repo"), imageCommit = at(.images, "commit")
    static let imageSignedBy = at(.images, "signed_by"), imageDeps = at(.images, "deps"), imageMalicious = at(.images, "malicious")
    static let imageQuarantined = at(.images, "quarantined"), imageDeleted = at(.images, "deleted")
    // packages
    static let packageVersions = at(.packages, "versions"), packageMalicious = at(.packages, "malicious_versions")
    static let packageBlocked = at(.packages, "blocked"), packagePinned = at(.packages, "pinned")
    // credentials
    static let credentialState = at(.credentials, "state"), credentialExposed = at(.credentials, "exposed"), credentialRotated = at(.credentials, "rotated")
    // oidc roles
    static let oidcSubject = at(.oidcRoles, "subject"), oidcScope = at(.oidcRoles, "scope")
    static let oidcEnabled = at(.oidcRoles, "enabled"), oidcTokensRevoked = at(.oidcRoles, "tokens_revoked")
    // nodes
    static let nodeCordoned = at(.nodes, "cordoned"), nodeDrained = at(.nodes, "drained")
    static let nodeIsolated = at(.nodes, "isolated"), nodeSnapshotted = at(.nodes, "snapshotted")
    // workloads
    static let workloadImage = at(.workloads, "image"), workloadNodes = at(.workloads, "nodes"), workloadReplicas = at(.workloads, "replicas")
    // detections
    static let detectionEnabled = at(.detections, "enabled")
}
