/// Applies commands to a run's state, the way the real pipeline would answer them.
struct CommandApplier {
    let symbols: SymbolTable
    let drill: DrillTables
    let packages: PackageIndex

    private func name(_ s: Int32) -> String { symbols[s] }

    private func missing(_ c: Collection, _ s: Int32) -> CommandOutcome {
        .rejected("\(c.noun) '\(name(s))' not found")
    }

    private func setFlag(_ c: Collection, _ p: Int32, _ field: Int, _ value: Bool, _ state: inout WorldState, _ dirty: inout Dependencies) -> CommandOutcome {
        guard let i = state.find(c, p) else { return missing(c, p) }
        state.set(c, i, field, .bool(value))
        dirty.insert(.collection(c))
        return .applied
    }

    /// Applies `cmd` to `state` in place, adding what it changed to `dirty`; a rejected command changes nothing.
    /// `visible` tells, per inject, whether it has fired where the team could see it.
    func apply(_ cmd: CompiledCommand, asAttacker: Bool, visible: [Bool], state: inout WorldState, dirty: inout Dependencies) -> CommandOutcome {
        if cmd.attackerOnly, !asAttacker {
            return .rejected("'\(cmd.verb)' is the attacker's move, not a team command")
        }
        let p = cmd.positionals
        func first() -> Int32 { p[0] }
        switch cmd.kind {
        case .ack:
            guard let index = drill.injectIndex[name(first())] else {
                return .rejected("no inject '\(name(first()))' in this drill")
            }
            guard visible[index] else { return .rejected("inject '\(name(first()))' has not been shown to the team") }
            appendUnique(&state.acknowledged, first())
            dirty.insert(.acknowledged)
        case .page:
            guard state.find(.roles, first()) != nil else { return .rejected("no role '\(name(first()))' to page") }
            appendUnique(&state.paged, first())
            dirty.insert(.paged)
        case .declare:
            guard Severity(rawValue: name(first())) != nil else {
                return .rejected("'\(name(first()))' is not a severity: declare P1, P2, P3 or P4")
            }
            state.incidentDeclared = true
            state.incidentSeverity = first()
            dirty.insert(.incident)
        case .notify:
            appendUnique(&state.notified, first())
            dirty.insert(.notified)
        case .openRunbook:
            appendUnique(&state.runbooks, first())
            dirty.insert(.runbooks)
        case .note:
            break
        case .investigate:
            for finding in drill.findingsByTopic[first()] ?? [] { appendUnique(&state.findings, finding) }
            dirty.insert(.findings)
        case .fileStory:
            guard let owner = cmd.option(.owner), state.find(.roles, owner) != nil else {
                return .rejected("story owner '\(cmd.option(.owner).map(name) ?? "")' is not a role")
            }
            var due: Int?
            if let d = cmd.option(.due) {
                guard let seconds = DurationText.parse(name(d)) else {
                    return .rejected("'\(name(d))' is not a duration: write --due like 14d")
                }
                due = seconds
            }
            let story = FiledStory(title: first(), owner: owner, due: due)
            if !state.stories.contains(story) { state.stories.append(story) }
            dirty.insert(.stories)
        case .schedulePostmortem:
            state.postmortemScheduled = true
            dirty.insert(.postmortem)
        case .revokeKey:
            guard let i = state.find(.keys, first()) else { return missing(.keys, first()) }
            state.set(.keys, i, F.keyState, .text(drill.disabled))
            dirty.insert(.collection(.keys))
        case .createKey:
            guard state.find(.keys, first()) == nil else { return .rejected("key '\(name(first()))' already exists") }
            guard cmd.firstWordIsValidName else { return .rejected("'\(name(first()))' is not a valid key name") }
            let backend = cmd.option(.backend) ?? drill.kms
            guard ["kms", "file", "hsm"].contains(name(backend)) else {
                return .rejected("unknown key backend '\(name(backend))': use kms, file or hsm")
            }
            _ = state.add(.keys, name: first(), fields: [.text(first()), .text(backend), .text(drill.active), .bool(false)], symbols: symbols)
            dirty.insert(.collection(.keys))
        case .trustKey:
            guard state.find(.keys, first()) != nil else { return missing(.keys, first()) }
            appendUnique(&state.trustedKeys, first())
            dirty.insert(.admission)
        case .distrustKey:
            guard state.find(.keys, first()) != nil else { return missing(.keys, first()) }
            state.trustedKeys.removeAll { $0 == first() }
            dirty.insert(.admission)
        case .sign:
            guard let image = state.find(.images, first()) else { return missing(.images, first()) }
            guard let keySymbol = cmd.option(.key), let key = state.find(.keys, keySymbol) else {
                return missing(.keys, cmd.option(.key) ?? -1)
            }
            guard state.symbol(.keys, key, F.keyState) == drill.active else {
                return .rejected("signing failed: key '\(name(keySymbol))' is disabled")
            }
            guard !state.flag(.images, image, F.imageDeleted) else {
                return .rejected("signing failed: \(name(first())) was deleted from the registry")
            }
            state.set(.images, image, F.imageSignedBy, .text(keySymbol))
            dirty.insert(.collection(.images))
        case .setPipelineKey:
            guard let pipeline = state.find(.pipelines, p[0]) else { return missing(.pipelines, p[0]) }
            guard state.find(.keys, p[1]) != nil else { return missing(.keys, p[1]) }
            state.set(.pipelines, pipeline, F.pipelineKey, .text(p[1]))
            dirty.insert(.collection(.pipelines))
        case .stopBuilds, .resumeBuilds:
            let stop = cmd.kind == .stopBuilds
            if cmd.option(.all) != nil {
                for i in state.entities[Collection.pipelines.ordinal].indices { state.set(.pipelines, i, F.pipelineStopped, .bool(stop)) }
                dirty.insert(.collection(.pipelines))
            } else {
                return setFlag(.pipelines, first(), F.pipelineStopped, stop, &state, &dirty)
            }
        case .rebuild:
            return rebuild(cmd, &state, &dirty)
        case .quarantine:
            return setFlag(.images, first(), F.imageQuarantined, true, &state, &dirty)
        case .deleteImage:
            return setFlag(.images, first(), F.imageDeleted, true, &state, &dirty)
        case .freezeRegistry:
            return setFlag(.registries, first(), F.registryFrozen, true, &state, &dirty)
        case .unfreezeRegistry:
            return setFlag(.registries, first(), F.registryFrozen, false, &state, &dirty)
        case .setRegistryPolicy:
            guard state.find(.registries, p[0]) != nil else { return missing(.registries, p[0]) }
            guard name(p[1]) == "ci-only" else { return .rejected("unknown registry policy '\(name(p[1]))': the policy is ci-only") }
            return setFlag(.registries, p[0], F.registryDirectPush, false, &state, &dirty)
        case .revoke:
            guard let i = state.find(.credentials, first()) else { return missing(.credentials, first()) }
            state.set(.credentials, i, F.credentialState, .text(drill.revoked))
            dirty.insert(.collection(.credentials))
        case .rotate:
            guard let i = state.find(.credentials, first()) else { return missing(.credentials, first()) }
            state.set(.credentials, i, F.credentialState, .text(drill.active))
            state.set(.credentials, i, F.credentialExposed, .bool(false))
            state.set(.credentials, i, F.credentialRotated, .bool(true))
            dirty.insert(.collection(.credentials))
        case .revokeTokens:
            return setFlag(.oidcRoles, first(), F.oidcTokensRevoked, true, &state, &dirty)
        case .restrictOidc:
            guard let i = state.find(.oidcRoles, first()) else { return missing(.oidcRoles, first()) }
            state.set(.oidcRoles, i, F.oidcSubject, .text(cmd.option(.subject)!))
            state.set(.oidcRoles, i, F.oidcScope, .text(drill.narrow))
            dirty.insert(.collection(.oidcRoles))
        case .disableOidc:
            return setFlag(.oidcRoles, first(), F.oidcEnabled, false, &state, &dirty)
        case .disableRunners:
            return setFlag(.runnerPools, first(), F.poolEnabled, false, &state, &dirty)
        case .enableRunners:
            return setFlag(.runnerPools, first(), F.poolEnabled, true, &state, &dirty)
        case .createRunnerPool:
            guard state.find(.runnerPools, first()) == nil else { return .rejected("runner pool '\(name(first()))' already exists") }
            guard cmd.firstWordIsValidName else { return .rejected("'\(name(first()))' is not a valid runner pool name") }
            let egress = cmd.option(.egress) ?? drill.open
            guard ["open", "allowlist"].contains(name(egress)) else {
                return .rejected("unknown egress '\(name(egress))': use open or allowlist")
            }
            _ = state.add(.runnerPools, name: first(), fields: [.text(first()), .bool(true), .bool(cmd.option(.ephemeral) != nil),
                                                               .text(egress), .bool(false)], symbols: symbols)
            dirty.insert(.collection(.runnerPools))
        case .movePipeline:
            guard let pipeline = state.find(.pipelines, p[0]) else { return missing(.pipelines, p[0]) }
            guard state.find(.runnerPools, p[1]) != nil else { return missing(.runnerPools, p[1]) }
            state.set(.pipelines, pipeline, F.pipelinePool, .text(p[1]))
            dirty.insert(.collection(.pipelines))
        case .freezeRepo:
            return setFlag(.repos, first(), F.repoFrozen, true, &state, &dirty)
        case .revert:
            guard let repo = state.find(.repos, p[0]) else { return missing(.repos, p[0]) }
            var commits = state.texts(.repos, repo, F.repoMalicious)
            guard let at = commits.firstIndex(of: p[1]) else {
                return .rejected("commit \(name(p[1])) is not a malicious commit of \(name(p[0])); nothing to revert")
            }
            commits.remove(at: at)
            setCommits(repo, commits, &state, &dirty)
        case .protectBranch:
            return setFlag(.repos, first(), F.repoProtection, true, &state, &dirty)
        case .blockPackage:
            return setFlag(.packages, first(), F.packageBlocked, true, &state, &dirty)
        case .pin:
            guard let (package, version) = splitPackage(first()) else {
                return .rejected("write the package as PKG@VERSION, not '\(name(first()))'")
            }
            guard let i = state.find(.packages, package) else { return missing(.packages, package) }
            guard state.texts(.packages, i, F.packageVersions).contains(version) else {
                return .rejected("version \(name(version)) of \(name(package)) does not exist")
            }
            state.set(.packages, i, F.packagePinned, .text(version))
            dirty.insert(.collection(.packages))
        case .unpublish:
            guard let (package, version) = splitPackage(first()) else {
                return .rejected("write the package as PKG@VERSION, not '\(name(first()))'")
            }
            guard let i = state.find(.packages, package) else { return missing(.packages, package) }
            var versions = state.texts(.packages, i, F.packageVersions)
            var malicious = state.texts(.packages, i, F.packageMalicious)
            guard versions.contains(version) || malicious.contains(version) else {
                return .rejected("version \(name(version)) of \(name(package)) is not published")
            }
            versions.removeAll { $0 == version }
            malicious.removeAll { $0 == version }
            state.set(.packages, i, F.packageVersions, .texts(versions))
            state.set(.packages, i, F.packageMalicious, .texts(malicious))
            if state.symbol(.packages, i, F.packagePinned) == version { state.set(.packages, i, F.packagePinned, .null) }
            dirty.insert(.collection(.packages))
        case .unblockPackage:
            return setFlag(.packages, first(), F.packageBlocked, false, &state, &dirty)
        case .cordon:
            return setFlag(.nodes, first(), F.nodeCordoned, true, &state, &dirty)
        case .drain:
            guard let node = state.find(.nodes, first()) else { return missing(.nodes, first()) }
            state.set(.nodes, node, F.nodeCordoned, .bool(true))
            state.set(.nodes, node, F.nodeDrained, .bool(true))
            for w in state.entities[Collection.workloads.ordinal].indices {
                let nodes = state.texts(.workloads, w, F.workloadNodes)
                if nodes.contains(first()) {
                    state.set(.workloads, w, F.workloadNodes, .texts(nodes.filter { $0 != first() }))
                }
            }
            dirty.insert(.collection(.nodes))
            dirty.insert(.collection(.workloads))
        case .isolate:
            return setFlag(.nodes, first(), F.nodeIsolated, true, &state, &dirty)
        case .snapshot:
            return setFlag(.nodes, first(), F.nodeSnapshotted, true, &state, &dirty)
        case .deploy:
            guard let workload = state.find(.workloads, p[0]) else { return missing(.workloads, p[0]) }
            if let denial = admissionDenial(p[1], state) { return .rejected(denial) }
            if let current = state.symbol(.workloads, workload, F.workloadImage) { state.deployStacks[workload].append(current) }
            state.set(.workloads, workload, F.workloadImage, .text(p[1]))
            dirty.insert(.collection(.workloads))
        case .rollback:
            guard let workload = state.find(.workloads, first()) else { return missing(.workloads, first()) }
            guard let previous = state.deployStacks[workload].last else {
                return .rejected("rollback failed: \(name(first())) has no previous revision")
            }
            if let denial = admissionDenial(previous, state) { return .rejected(denial) }
            state.deployStacks[workload].removeLast()
            state.set(.workloads, workload, F.workloadImage, .text(previous))
            dirty.insert(.collection(.workloads))
        case .scale:
            guard let workload = state.find(.workloads, p[0]) else { return missing(.workloads, p[0]) }
            let text = name(p[1])
            guard NodeReader.isInteger(text), let n = Int(text) else { return .rejected("'\(text)' is not a number of replicas") }
            guard n >= 0 else { return .rejected("cannot scale to \(n) replicas") }
            state.set(.workloads, workload, F.workloadReplicas, .int(n))
            dirty.insert(.collection(.workloads))
        case .compromise:
            var found = false
            if let i = state.find(.keys, first()) { state.set(.keys, i, F.keyCompromised, .bool(true)); dirty.insert(.collection(.keys)); found = true }
            if let i = state.find(.runnerPools, first()) { state.set(.runnerPools, i, F.poolCompromised, .bool(true)); dirty.insert(.collection(.runnerPools)); found = true }
            if let i = state.find(.credentials, first()) { state.set(.credentials, i, F.credentialExposed, .bool(true)); dirty.insert(.collection(.credentials)); found = true }
            if !found { return .rejected("no key, runner pool or credential named '\(name(first()))'") }
        case .pushImage:
            return pushImage(cmd, &state, &dirty)
        case .commit:
            guard let repo = state.find(.repos, p[0]) else { return missing(.repos, p[0]) }
            if state.flag(.repos, repo, F.repoProtection) {
                return .rejected("push declined: branch protection on \(name(p[0])) requires a reviewed pull request")
            }
            if state.flag(.repos, repo, F.repoFrozen) { return .rejected("push declined: \(name(p[0])) is frozen") }
            if cmd.option(.malicious) != nil {
                var commits = state.texts(.repos, repo, F.repoMalicious)
                appendUnique(&commits, p[1])
                state.set(.repos, repo, F.repoMalicious, .texts(commits))
                state.set(.repos, repo, F.repoCompromised, .bool(true))
            }
            state.set(.repos, repo, F.repoHead, .text(p[1]))
            dirty.insert(.collection(.repos))
        case .publishPackage:
            guard let (package, version) = splitPackage(first()) else {
                return .rejected("write the package as PKG@VERSION, not '\(name(first()))'")
            }
            guard let i = state.find(.packages, package) else { return missing(.packages, package) }
            var versions = state.texts(.packages, i, F.packageMalicious)
            appendUnique(&versions, version)
            state.set(.packages, i, F.packageMalicious, .texts(versions))
            dirty.insert(.collection(.packages))
        case nil:
            return .rejected("unknown command '\(cmd.verb)'")
        }
        return .applied
    }

    private func setCommits(_ repo: Int, _ commits: [Int32], _ state: inout WorldState, _ dirty: inout Dependencies) {
        state.set(.repos, repo, F.repoMalicious, .texts(commits))
        state.set(.repos, repo, F.repoHead, .text(commits.last ?? drill.good))
        state.set(.repos, repo, F.repoCompromised, .bool(!commits.isEmpty))
        dirty.insert(.collection(.repos))
    }

    private func splitPackage(_ s: Int32) -> (Int32, Int32)? {
        guard let pair = packages.splits[s] else { return nil }
        return pair
    }

    /// Why admission refuses to run `image`, or nil when it admits it.
    func admissionDenial(_ image: Int32, _ state: WorldState) -> String? {
        guard let i = state.find(.images, image) else { return "admission denied: image \(name(image)) not found" }
        if state.flag(.images, i, F.imageDeleted) { return "admission denied: \(name(image)) was deleted from the registry" }
        if state.flag(.images, i, F.imageQuarantined) { return "admission denied: \(name(image)) is quarantined" }
        if let registry = state.symbol(.images, i, F.imageRegistry), let r = state.find(.registries, registry),
           state.flag(.registries, r, F.registryFrozen) {
            return "admission denied: registry \(name(registry)) is frozen"
        }
        if state.requireSignatures {
            guard let key = state.symbol(.images, i, F.imageSignedBy) else {
                return "admission denied: \(name(image)) is not signed and signatures are required"
            }
            if !state.trustedKeys.contains(key) {
                return "admission denied: \(name(image)) is signed by \(name(key)), which is not a trusted key"
            }
        }
        return nil
    }

    private func pushImage(_ cmd: CompiledCommand, _ state: inout WorldState, _ dirty: inout Dependencies) -> CommandOutcome {
        let ref = cmd.positionals[0]
        let registrySymbol = cmd.option(.registry)!
        guard let registry = state.find(.registries, registrySymbol) else { return missing(.registries, registrySymbol) }
        if state.flag(.registries, registry, F.registryFrozen) {
            return .rejected("push denied: registry \(name(registrySymbol)) is frozen")
        }
        if let credential = cmd.option(.using) {
            guard let c = state.find(.credentials, credential) else { return missing(.credentials, credential) }
            if state.symbol(.credentials, c, F.credentialState) == drill.revoked {
                return .rejected("push denied: credential \(name(credential)) was revoked (401 Unauthorized)")
            }
            if state.flag(.credentials, c, F.credentialRotated) {
                return .rejected("push denied: credential \(name(credential)) was rotated (401 Unauthorized)")
            }
        }
        var signer: Value = .null
        if let key = cmd.option(.signWith) {
            guard let k = state.find(.keys, key) else { return missing(.keys, key) }
            if state.symbol(.keys, k, F.keyState) == drill.active { signer = .text(key) }
        }
        let fields: [Value] = [.text(ref), .text(registrySymbol), .null, .null, signer, .texts([]),
                               .bool(cmd.option(.malicious) != nil), .bool(false), .bool(false)]
        if let existing = state.find(.images, ref) {
            if state.flag(.images, existing, F.imageQuarantined) {
                return .rejected("push denied: tag \(name(ref)) is quarantined")
            }
            state.entities[Collection.images.ordinal][existing].fields = fields
        } else {
            _ = state.add(.images, name: ref, fields: fields, symbols: symbols)
        }
        dirty.insert(.collection(.images))
        return .applied
    }

    private func rebuild(_ cmd: CompiledCommand, _ state: inout WorldState, _ dirty: inout Dependencies) -> CommandOutcome {
        let ref = cmd.positionals[0]
        guard let image = state.find(.images, ref) else { return missing(.images, ref) }
        guard let repo = state.symbol(.images, image, F.imageRepo) else {
            return .rejected("rebuild failed: \(name(ref)) has no source repo")
        }
        let pipelines = state.sortedOrder[Collection.pipelines.ordinal]
        guard let pipeline = pipelines.first(where: { state.symbol(.pipelines, $0, F.pipelineRepo) == repo }) else {
            return .rejected("rebuild failed: no pipeline builds \(name(repo))")
        }
        let pipelineName = state.entities[Collection.pipelines.ordinal][pipeline].name
        if state.flag(.pipelines, pipeline, F.pipelineStopped) {
            return .rejected("rebuild failed: pipeline \(name(pipelineName)) is stopped")
        }
        let poolSymbol = state.symbol(.pipelines, pipeline, F.pipelinePool)!
        guard let pool = state.find(.runnerPools, poolSymbol) else { return missing(.runnerPools, poolSymbol) }
        if !state.flag(.runnerPools, pool, F.poolEnabled) {
            return .rejected("rebuild failed: runner pool \(name(poolSymbol)) is disabled; no runner picked up the job")
        }
        let registrySymbol = state.symbol(.pipelines, pipeline, F.pipelineRegistry)!
        guard let registry = state.find(.registries, registrySymbol) else { return missing(.registries, registrySymbol) }
        if state.flag(.registries, registry, F.registryFrozen) {
            return .rejected("rebuild failed: registry \(name(registrySymbol)) is frozen")
        }
        let newRef = cmd.option(.as)!
        if state.find(.images, newRef) != nil { return .rejected("rebuild failed: \(name(newRef)) already exists") }
        guard let repoIndex = state.find(.repos, repo) else { return missing(.repos, repo) }
        let commit = cmd.option(.from) ?? state.symbol(.repos, repoIndex, F.repoHead) ?? drill.good
        var malicious = state.flag(.runnerPools, pool, F.poolCompromised)
            || state.texts(.repos, repoIndex, F.repoMalicious).contains(commit)
        var deps: [Int32] = []
        for dep in state.texts(.images, image, F.imageDeps) {
            guard let (package, version) = splitPackage(dep), let pkg = state.find(.packages, package) else {
                deps.append(dep)
                continue
            }
            let versions = state.texts(.packages, pkg, F.packageVersions)
            let bad = state.texts(.packages, pkg, F.packageMalicious)
            let resolved: Int32
            if let pinned = state.symbol(.packages, pkg, F.packagePinned) {
                resolved = pinned
            } else if let last = bad.last, !state.flag(.packages, pkg, F.packageBlocked) {
                resolved = last
            } else {
                resolved = versions.last ?? version
            }
            if bad.contains(resolved) { malicious = true }
            deps.append(packages.ref(package, resolved) ?? dep)
        }
        var signer: Value = .null
        if let key = state.symbol(.pipelines, pipeline, F.pipelineKey), let k = state.find(.keys, key),
           state.symbol(.keys, k, F.keyState) == drill.active {
            signer = .text(key)
        }
        let fields: [Value] = [.text(newRef), .text(registrySymbol), .text(repo), .text(commit), signer, .texts(deps),
                               .bool(malicious), .bool(false), .bool(false)]
        _ = state.add(.images, name: newRef, fields: fields, symbols: symbols)
        dirty.insert(.collection(.images))
        return .applied
    }
}
