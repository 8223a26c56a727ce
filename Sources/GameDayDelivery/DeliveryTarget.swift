import GameDayModel

/// One place injects are delivered to: a chat webhook, a Teams webhook or a mail server, with the injects it takes.
public struct DeliveryTarget: Sendable, Hashable {
    /// What the target speaks.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A Slack incoming webhook: `{"text": ...}`.
        case slack
        /// A Mattermost incoming webhook (Slack's shape, with `username`).
        case mattermost
        /// A Microsoft Teams webhook: a message with an Adaptive Card.
        case teams
        /// E-mail over SMTP.
        case smtp
    }

    /// How an SMTP target uses TLS.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// STARTTLS when the server offers it, plain otherwise; required when the target logs in.
        case starttlsIfOffered = "starttls-if-offered"
        /// STARTTLS, or the delivery fails.
        case starttls = "starttls"
        /// TLS from the first byte (`smtps`, port 465).
        case implicit = "tls"
        /// Never.
        case none = "none"

        /// Whether a connection must be encrypted or fail, for a target that logs in or not: `starttls-if-offered`
        /// falls back to plain text only without a password, since a server that offers no STARTTLS (or whoever sits
        /// between and strips the offer) would otherwise receive the password in clear.
        public func requiresEncryption(loggingIn: Bool) -> Bool {
            switch self {
            case .starttls, .implicit: true
            case .starttlsIfOffered: loggingIn
            case .none: false
            }
        }
    }

    /// The target's name, for the delivery log.
    public var name: String
    /// What it speaks.
    public var kind: Kind
    /// The webhook URL (written in the file, or read from the environment variable `url_env` names).
    public var url: String?
    /// SMTP: host and port.
    public var host: String?
    /// SMTP port (default 587, 465 with `tls`).
    public var port: Int?
    /// SMTP: TLS.
    public var tls: TLSMode = .starttlsIfOffered
    /// SMTP: a PEM file of the certificates to trust instead of the system's (an internal CA); nil: the system's.
    public var caFile: String?
    /// SMTP: the sender's address.
    public var from: String?
    /// SMTP: the address of each role.
    public var addresses: [String: String] = [:]
    /// SMTP: the address of an inject sent to everyone (and of a role without an address).
    public var defaultAddress: String?
    /// SMTP: the user name and password, read from the environment variables these name.
    public var usernameEnv: String?
    /// SMTP: the environment variable of the password.
    public var passwordEnv: String?
    /// The inject channels it takes (empty: every channel but `silent`).
    public var channels: [Channel] = []
    /// The roles whose injects it takes (empty: every role); an inject to everyone goes when `everyone` is true.
    public var roles: [String] = []
    /// Whether it takes injects addressed to nobody in particular.
    public var everyone = true

    /// Creates a target; the rest of its fields keep their defaults.
    public init(name: String, kind: Kind, url: String? = nil, host: String? = nil, from: String? = nil, defaultAddress: String? = nil) {
        self.name = name
        self.kind = kind
        self.url = url
        self.host = host
        self.from = from
        self.defaultAddress = defaultAddress
    }

    /// Whether this target takes an inject on `channel` addressed to `role` (nil: everyone).
    public func takes(channel: Channel, to role: String?) -> Bool {
        guard channel != .silent else { return false }
        if !channels.isEmpty, !channels.contains(channel) { return false }
        guard let role else { return everyone }
        return roles.isEmpty || roles.contains { NameOrder.same($0, role) }
    }

    /// SMTP: the recipients of an inject addressed to `role`.
    public func recipients(for role: String?) -> [String] {
        if let role, let address = addresses.first(where: { NameOrder.same($0.key, role) })?.value { return [address] }
        return defaultAddress.map { [$0] } ?? []
    }
}

/// The retry policy of a delivery file.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var attempts = 4
    /// The wait before the second attempt; each later wait doubles it.
    public var backoff = 2.0
    /// How long one attempt may take.
    public var timeout = 10.0

    /// The default policy.
    public init() {}

    /// The wait before attempt `n` (2, 3, ...): backoff × 2^(n−2), at most five minutes.
    public func wait(before attempt: Int) -> Double {
        min(300, backoff * Double(1 << max(0, min(attempt - 2, 16))))
    }
}
