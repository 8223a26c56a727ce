/// The shape of one command of the vocabulary (spec 5): its verb, its positional arguments and options.
public struct CommandSpec: Sendable {
    /// One option a verb accepts.
    public struct Option: Sendable {
        /// The option's name with its dashes, `--owner`.
        public var name: String
        /// Whether it takes the following word as its value.
        public var takesValue: Bool
        /// Whether the command needs it.
        public var required: Bool
    }

    /// The verb.
    public var verb: String
    /// Names of the positional arguments, for usage text.
    public var arguments: [String]
    /// The options.
    public var options: [Option]
    /// Whether only inject effects may use it.
    public var attackerOnly: Bool
    /// One line on what it does, for `help`.
    public var summary: String
    /// Whether every word is positional (`note`).
    public var freeText: Bool = false
    /// `PIPELINE|--all`: exactly one of a positional or the `--all` flag.
    public var targetOrAll: Bool = false
    /// The collection each positional names, for completion and validation warnings.
    public var argumentKinds: [ArgumentKind] = []

    /// What a positional argument names.
    public enum ArgumentKind: Sendable, Hashable {
        /// An entity of a collection.
        case entity(Collection)
        /// An inject of the drill.
        case inject
        /// A severity.
        case severity
        /// Anything.
        case text
    }

    /// `verb ARG --opt VALUE`, for help and errors.
    public var usage: String {
        var parts = [verb]
        if targetOrAll { parts.append("\(arguments.first ?? "NAME")|--all") } else { parts += arguments }
        for o in options where !(targetOrAll && o.name == "--all") {
            let text = o.takesValue ? "\(o.name) \(o.name.dropFirst(2).uppercased())" : o.name
            parts.append(o.required ? text : "[\(text)]")
        }
        return parts.joined(separator: " ")
    }

    /// `text` padded with spaces to `width` for a column of help text, never cut: a longer text keeps every
    /// character (an option's name included) and is followed by one space.
    public static func column(_ text: String, width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// The spec for `verb`, or nil.
    public static func named(_ verb: String) -> CommandSpec? { byVerb[verb] }

    private static let byVerb: [String: CommandSpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.verb, $0) })

    private static func c(_ verb: String, _ args: [String], _ kinds: [ArgumentKind], _ summary: String) -> CommandSpec {
        c(verb, args, kinds, [], attacker: false, summary)
    }
    private static func c(_ verb: String, _ args: [String], _ kinds: [ArgumentKind], attacker: Bool, _ summary: String) -> CommandSpec {
        c(verb, args, kinds, [], attacker: attacker, summary)
    }
    private static func c(_ verb: String, _ args: [String], _ kinds: [ArgumentKind], _ options: [Option],
                          attacker: Bool = false, _ summary: String) -> CommandSpec {
        CommandSpec(verb: verb, arguments: args, options: options, attackerOnly: attacker, summary: summary, argumentKinds: kinds)
    }
    private static func value(_ name: String, required: Bool = false) -> Option { Option(name: name, takesValue: true, required: required) }
    private static func flag(_ name: String) -> Option { Option(name: name, takesValue: false, required: false) }

    /// Every command, team and attacker, in the order of the spec.
    public static let all: [CommandSpec] = {
        var list: [CommandSpec] = [
            c("ack", ["INJECT"], [.inject], "acknowledge an inject the team has seen"),
            c("page", ["ROLE"], [.entity(.roles)], "page a role"),
            c("declare", ["SEVERITY"], [.severity], "declare an incident of severity P1..P4"),
            c("notify", ["AUDIENCE"], [.text], "notify an audience (customers, legal, regulator, ...)"),
            c("open-runbook", ["NAME"], [.text], "open a runbook"),
        ]
        var note = c("note", ["TEXT..."], [.text], "add a note to the timeline")
        note.freeText = true
        list.append(note)
        list += [
            c("investigate", ["TOPIC"], [.text], "investigate a topic; reveals the findings about it"),
            c("file-story", ["TITLE"], [.text], [value("--owner", required: true), value("--due")], "file an improvement story"),
            c("schedule-postmortem", [], [], "schedule the postmortem"),
            c("revoke-key", ["KEY"], [.entity(.keys)], "disable a signing key at the source"),
            c("create-key", ["KEY"], [.text], [value("--backend")], "create a new active signing key"),
            c("trust-key", ["KEY"], [.entity(.keys)], "make admission trust a key"),
            c("distrust-key", ["KEY"], [.entity(.keys)], "make admission stop trusting a key"),
            c("sign", ["IMAGE"], [.entity(.images)], [value("--key", required: true)], "sign an image with an active key"),
            c("set-pipeline-key", ["PIPELINE", "KEY"], [.entity(.pipelines), .entity(.keys)], "make a pipeline sign with a key"),
        ]
        for (verb, summary) in [("stop-builds", "stop a pipeline's builds, or all"), ("resume-builds", "resume a pipeline's builds, or all")] {
            var spec = c(verb, ["PIPELINE"], [.entity(.pipelines)], [flag("--all")], summary)
            spec.targetOrAll = true
            list.append(spec)
        }
        list += [
            c("rebuild", ["IMAGE"], [.entity(.images)], [value("--as", required: true), value("--from")], "rebuild an image through its pipeline as a new reference"),
            c("quarantine", ["IMAGE"], [.entity(.images)], "quarantine an image: it can no longer be deployed"),
            c("delete-image", ["IMAGE"], [.entity(.images)], "delete an image (kept as a tombstone)"),
            c("freeze-registry", ["REGISTRY"], [.entity(.registries)], "freeze a registry: no pushes, no deploys from it"),
            c("unfreeze-registry", ["REGISTRY"], [.entity(.registries)], "unfreeze a registry"),
            c("set-registry-policy", ["REGISTRY", "ci-only"], [.entity(.registries), .text], "allow only CI to push to a registry"),
            c("revoke", ["CREDENTIAL"], [.entity(.credentials)], "revoke a credential"),
            c("rotate", ["CREDENTIAL"], [.entity(.credentials)], "rotate a credential: a new secret, the old one dead"),
            c("revoke-tokens", ["OIDC_ROLE"], [.entity(.oidcRoles)], "revoke the tokens issued through an OIDC role"),
            c("restrict-oidc", ["OIDC_ROLE"], [.entity(.oidcRoles)], [value("--subject", required: true)], "narrow an OIDC role's trusted subject"),
            c("disable-oidc", ["OIDC_ROLE"], [.entity(.oidcRoles)], "disable an OIDC role"),
            c("disable-runners", ["POOL"], [.entity(.runnerPools)], "disable a runner pool"),
            c("enable-runners", ["POOL"], [.entity(.runnerPools)], "enable a runner pool"),
            c("create-runner-pool", ["POOL"], [.text], [flag("--ephemeral"), value("--egress")], "create a clean runner pool"),
            c("move-pipeline", ["PIPELINE", "POOL"], [.entity(.pipelines), .entity(.runnerPools)], "move a pipeline to another runner pool"),
            c("freeze-repo", ["REPO"], [.entity(.repos)], "freeze a repo: no more commits"),
            c("revert", ["REPO", "COMMIT"], [.entity(.repos), .text], "revert a malicious commit"),
            c("protect-branch", ["REPO"], [.entity(.repos)], "turn on branch protection"),
            c("block-package", ["PKG"], [.entity(.packages)], "block a package at the proxy"),
            c("pin", ["PKG@VERSION"], [.text], "pin a package to a version"),
            c("unpublish", ["PKG@VERSION"], [.text], "unpublish a package version from the registry"),
            c("unblock-package", ["PKG"], [.entity(.packages)], "lift a package's block at the proxy"),
            c("cordon", ["NODE"], [.entity(.nodes)], "cordon a node: nothing new is scheduled on it"),
            c("drain", ["NODE"], [.entity(.nodes)], "drain a node: cordon it and move its workloads off"),
            c("isolate", ["NODE"], [.entity(.nodes)], "isolate a node from the network"),
            c("snapshot", ["NODE"], [.entity(.nodes)], "snapshot a node's disk for forensics"),
            c("deploy", ["WORKLOAD", "IMAGE"], [.entity(.workloads), .entity(.images)], "deploy an image to a workload, through admission"),
            c("rollback", ["WORKLOAD"], [.entity(.workloads)], "roll a workload back to its previous image"),
            c("scale", ["WORKLOAD", "N"], [.entity(.workloads), .text], "scale a workload to N replicas"),
            c("compromise", ["NAME"], [.text], attacker: true, "the attacker compromises a key, runner pool or credential"),
            c("push-image", ["REF"], [.text], [value("--registry", required: true), value("--sign-with"), value("--using"), flag("--malicious")],
              attacker: true, "the attacker pushes an image"),
            c("commit", ["REPO", "ID"], [.entity(.repos), .text], [flag("--malicious")], attacker: true, "the attacker commits to a repo"),
            c("publish-package", ["PKG@VERSION"], [.text], [flag("--malicious")], attacker: true, "the attacker publishes a package version"),
        ]
        return list
    }()
}
