import Foundation
import GameDayModel

/// A delivery file (`--deliver FILE`): where injects go, and how failed deliveries are retried.
///
/// ```yaml
/// targets:
///   - {name: team-chat, kind: slack, url_env: GAMEDAY_SLACK_URL, channels: [chat, alert, page]}
///   - name: mail
///     kind: smtp
///     host: smtp.example.com
///     from: gameday@example.com
///     to: {security-lead: sec@example.com}
///     default_to: team@example.com
///     username_env: GAMEDAY_SMTP_USER
///     password_env: GAMEDAY_SMTP_PASSWORD
///     channels: [email]
/// retry: {attempts: 4, backoff: 2s, timeout: 10s}
/// ```
public struct DeliveryPlan: Sendable, Hashable {
    /// The targets, in file order.
    public var targets: [DeliveryTarget]
    /// How failed attempts are retried.
    public var retry: RetryPolicy

    /// Creates a plan.
    public init(targets: [DeliveryTarget], retry: RetryPolicy = RetryPolicy()) {
        self.targets = targets
        self.retry = retry
    }

    /// The targets that take an inject on `channel` addressed to `role`.
    public func targets(channel: Channel, to role: String?) -> [DeliveryTarget] {
        targets.filter { $0.takes(channel: channel, to: role) }
    }

    /// Loads the delivery file at `path`; `environment` resolves `url_env` (and is checked for the SMTP variables
    /// named); `roles` are the world's roles, which `roles` and `to` must name. Diagnostics name the file, line
    /// and column; the plan is nil when there is an error.
    public static func load(path: String, roles: [String], environment: [String: String]) -> (plan: DeliveryPlan?, diagnostics: [Diagnostic]) {
        let loaded = YAMLLoader.load(path: path)
        guard let root = loaded.root, !loaded.diagnostics.contains(where: { $0.severity == .error }) else {
            return (nil, loaded.diagnostics.isEmpty ? [.error("the delivery file is empty: write 'targets:' with at least one target", at: SourceLocation(file: path, line: 1, column: 1))] : loaded.diagnostics)
        }
        var reader = NodeReader()
        let folder = (path as NSString).deletingLastPathComponent
        let plan = read(root, reader: &reader, roles: roles, environment: environment, folder: folder)
        return (reader.hasErrors ? nil : plan, reader.diagnostics)
    }

    private static func read(_ root: Node, reader: inout NodeReader, roles: [String], environment: [String: String],
                             folder: String) -> DeliveryPlan? {
        guard let fields = reader.fields(root, of: "the delivery file", allowed: ["targets", "retry"], required: ["targets"]) else { return nil }
        var retry = RetryPolicy()
        if let node = fields["retry"]?.value, let r = reader.fields(node, of: "retry", allowed: ["attempts", "backoff", "timeout"]) {
            if let n = r["attempts"]?.value {
                if let v = reader.int(n, "attempts") {
                    if (1...20).contains(v) { retry.attempts = v } else { reader.error("attempts must be 1 to 20", at: n.location) }
                }
            }
            if let n = r["backoff"]?.value, let v = reader.positiveDuration(n, "backoff") { retry.backoff = Double(min(v, 300)) }
            if let n = r["timeout"]?.value, let v = reader.positiveDuration(n, "timeout") { retry.timeout = Double(min(v, 120)) }
        }
        var targets: [DeliveryTarget] = []
        guard let items = fields["targets"].flatMap({ reader.items($0.value, "targets") }) else { return nil }
        if items.isEmpty, let node = fields["targets"]?.value { reader.error("targets is empty: name at least one target", at: node.location) }
        if items.count > 100 { reader.error("at most 100 targets", at: items[100].location); return nil }
        for item in items {
            if let target = readTarget(item, reader: &reader, roles: roles, environment: environment, folder: folder) {
                if targets.contains(where: { $0.name == target.name }) {
                    reader.error("a second target named '\(target.name)': names must be unique", at: item.location)
                }
                targets.append(target)
            }
        }
        return DeliveryPlan(targets: targets, retry: retry)
    }

    private static let webhookFields = ["name", "kind", "url", "url_env", "channels", "roles", "everyone"]
    private static let smtpFields = ["name", "kind", "host", "port", "tls", "ca_file", "from", "to", "default_to", "username_env", "password_env",
                                     "channels", "roles", "everyone"]

    /// One target; a relative `ca_file` is read from `folder`, the delivery file's.
    private static func readTarget(_ node: Node, reader: inout NodeReader, roles: [String], environment: [String: String],
                                   folder: String) -> DeliveryTarget? {
        let kindNode = node.mapping?.first { $0.key.text == "kind" }?.value
        let kindText = kindNode.flatMap { reader.choice($0, "kind", DeliveryTarget.Kind.allCases.map(\.rawValue)) }
        guard let kindText, let kind = DeliveryTarget.Kind(rawValue: kindText) else {
            if kindNode == nil { reader.error("a target needs kind: slack, mattermost, teams or smtp", at: node.location) }
            return nil
        }
        let allowed = kind == .smtp ? smtpFields : webhookFields
        let explain = kind == .smtp
            ? ["username": "credentials never go in the delivery file: name the environment variable with username_env",
               "password": "credentials never go in the delivery file: name the environment variable with password_env",
               "url": "an smtp target takes host and port, not url"]
            : ["password": "a webhook target takes no password: its secret is its URL; keep it in the environment with url_env"]
        guard let f = reader.fields(node, of: "a \(kind.rawValue) target", allowed: allowed, required: ["name", "kind"], explain: explain) else { return nil }
        guard let name = f["name"].flatMap({ reader.name($0.value, "name") }) else { return nil }
        var target = DeliveryTarget(name: name, kind: kind)
        if let n = f["channels"]?.value {
            let list = reader.list(n, "channels") { r, item in r.choice(item, "channel", Channel.allCases.filter { $0 != .silent }.map(\.rawValue)) } ?? []
            target.channels = list.compactMap { Channel(rawValue: $0.0) }
        }
        if let n = f["roles"]?.value {
            let list = reader.list(n, "roles") { r, item in r.name(item, "role") } ?? []
            for (role, at) in list where !roles.contains(role) {
                reader.error("no role '\(role)' in this drill's world\(Suggestion.hint(for: role, in: roles))", at: at.location)
            }
            target.roles = list.map(\.0)
        }
        if let n = f["everyone"]?.value, let v = reader.bool(n, "everyone") { target.everyone = v }
        switch kind {
        case .slack, .mattermost, .teams:
            let url: String?
            if let n = f["url"]?.value {
                url = reader.string(n, "url")
                if f["url_env"] != nil { reader.error("give url or url_env, not both", at: n.location) }
            } else if let n = f["url_env"]?.value, let variable = reader.name(n, "url_env") {
                url = environment[variable]
                if url == nil || url!.isEmpty { reader.error("the environment variable \(variable) is not set: it should hold the webhook URL", at: n.location) }
            } else {
                reader.error("a \(kind.rawValue) target needs url (or url_env, the environment variable that holds it)", at: node.location)
                url = nil
            }
            if let url, let at = f["url"]?.value ?? f["url_env"]?.value {
                if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true }) {
                    reader.error("the webhook URL must start with https:// (or http:// for a local receiver) and hold no spaces", at: at.location)
                }
            }
            target.url = url
        case .smtp:
            target.host = f["host"].flatMap { reader.name($0.value, "host") }
            if target.host == nil, f["host"] == nil { reader.error("an smtp target needs host", at: node.location) }
            if let n = f["port"]?.value, let p = reader.int(n, "port") {
                if (1...65535).contains(p) { target.port = p } else { reader.error("port must be 1 to 65535", at: n.location) }
            }
            if let n = f["tls"]?.value, let t = reader.choice(n, "tls", DeliveryTarget.TLSMode.allCases.map(\.rawValue)) {
                target.tls = DeliveryTarget.TLSMode(rawValue: t)!
            }
            if let n = f["ca_file"]?.value, let file = reader.string(n, "ca_file") {
                // Like any path in a file, a relative one is read from the file's folder, wherever gameday runs.
                let resolved = file.hasPrefix("/") || folder.isEmpty ? file : (folder as NSString).appendingPathComponent(file)
                if FileManager.default.isReadableFile(atPath: resolved) {
                    target.caFile = resolved
                } else {
                    reader.error("cannot read the CA file '\(file)' (looked for \(resolved)): give the PEM file of the certificates that sign the mail server's, as a path from the delivery file's folder or an absolute one", at: n.location)
                }
            }
            target.from = f["from"].flatMap { readAddress($0.value, "from", reader: &reader) }
            if f["from"] == nil { reader.error("an smtp target needs from: the sender's address", at: node.location) }
            if let n = f["to"]?.value, let entries = reader.fields(n, of: "to", allowed: roles) {
                for (role, entry) in entries {
                    if let address = readAddress(entry.value, role, reader: &reader) { target.addresses[role] = address }
                }
            }
            target.defaultAddress = f["default_to"].flatMap { readAddress($0.value, "default_to", reader: &reader) }
            if target.addresses.isEmpty, target.defaultAddress == nil, f["to"] == nil {
                reader.error("an smtp target needs to (an address per role) or default_to", at: node.location)
            }
            for key in ["username_env", "password_env"] {
                guard let n = f[key]?.value, let variable = reader.name(n, key) else { continue }
                if environment[variable] == nil { reader.error("the environment variable \(variable) is not set", at: n.location) }
                if key == "username_env" { target.usernameEnv = variable } else { target.passwordEnv = variable }
            }
            if (target.usernameEnv == nil) != (target.passwordEnv == nil) {
                reader.error("give both username_env and password_env, or neither", at: node.location)
            }
            if target.tls == .none, target.usernameEnv != nil, let n = f["tls"]?.value {
                reader.error("tls: none would send the mail server's password in clear; use tls: starttls or tls: tls, or log in with neither username_env nor password_env", at: n.location)
            }
        }
        return target
    }

    private static func readAddress(_ node: Node, _ field: String, reader: inout NodeReader) -> String? {
        guard let text = reader.string(node, field) else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-_+"))
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              text.unicodeScalars.allSatisfy({ allowed.contains($0) || $0 == "@" }) else {
            reader.error("'\(text)' is not an e-mail address (write name@example.com)", at: node.location)
            return nil
        }
        return text
    }
}
