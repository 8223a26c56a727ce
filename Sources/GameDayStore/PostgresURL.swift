import Foundation

/// A PostgreSQL connection URL, `postgres://USER@HOST:PORT/DB?sslmode=require`, as libpq reads it.
///
/// The password is never part of it: it comes from `PGPASSWORD` or a `~/.pgpass`-style file (see
/// `PostgresPassword`), so it never appears on a command line, in a process list or in shell history.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How TLS is used, as libpq's `sslmode` says.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// Never.
        case disable
        /// Only when the server insists (taken as `prefer`: the server decides).
        case allow
        /// When the server offers it, without checking its certificate (the default, as in libpq).
        case prefer
        /// Always, without checking the certificate.
        case require
        /// Always, with a certificate signed by a trusted root.
        case verifyCA = "verify-ca"
        /// Always, with a trusted certificate for the host name.
        case verifyFull = "verify-full"
    }

    /// The user name.
    public var user: String
    /// The host name or address; nil for a unix socket.
    public var host: String?
    /// The folder of the server's unix socket, when connecting through one.
    public var socketDirectory: String?
    /// The port.
    public var port: Int
    /// The database.
    public var database: String
    /// The TLS mode.
    public var sslMode: SSLMode
    /// The trusted root certificates for `verify-ca` and `verify-full` (PEM file).
    public var sslRootCert: String?
    /// Run-time options sent at start-up (`-c search_path=gameday`), as libpq's `options`.
    public var options: String?
    /// The `application_name` the server shows for the connection.
    public var applicationName: String
    /// Seconds to wait for the connection (`connect_timeout`; 10 by default).
    public var connectTimeout: Int

    /// The socket file: `DIR/.s.PGSQL.PORT`.
    public var socketPath: String? { socketDirectory.map { "\($0)/.s.PGSQL.\(port)" } }

    /// The host as `~/.pgpass` matches it: the host name, or `localhost` for the default socket folder.
    var passwordHost: String { host ?? (socketDirectory == Self.defaultSocketDirectory ? "localhost" : socketDirectory ?? "localhost") }

    /// Debian's socket folder, libpq's default when no host is given.
    static let defaultSocketDirectory = "/var/run/postgresql"

    /// The URL without a password (it never has one) and with its parameters, for messages.
    public var description: String {
        var text = "postgres://\(Self.escape(user))@\(host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? ""):\(port)/\(Self.escape(database))"
        var parameters: [String] = []
        if let socketDirectory, host == nil { parameters.append("host=\(Self.escape(socketDirectory))") }
        if sslMode != .prefer { parameters.append("sslmode=\(sslMode.rawValue)") }
        if let options { parameters.append("options=\(Self.escape(options))") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    /// Whether `text` names a PostgreSQL database rather than a file.
    public static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses `text`; `environment` gives libpq's defaults (`PGUSER`, `PGPORT`, `PGHOST`, `PGDATABASE`, `PGSSLMODE`, `USER`).
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
        func fail(_ message: String) -> StoreError { .badLocation(text: Self.redacted(text), message: message) }
        guard Self.isURL(text), let schemeEnd = text.range(of: "://") else {
            throw fail("a PostgreSQL URL begins with postgres:// or postgresql://")
        }
        var rest = String(text[schemeEnd.upperBound...])
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = String(rest[..<mark])
        }
        if let hash = rest.firstIndex(of: "#") { rest = String(rest[..<hash]) }
        let authority: String, path: String
        if let slash = rest.firstIndex(of: "/") {
            authority = String(rest[..<slash])
            path = String(rest[rest.index(after: slash)...])
        } else {
            authority = rest
            path = ""
        }
        var userText: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = String(authority[..<at])
            hostPort = String(authority[authority.index(after: at)...])
            if userInfo.contains(":") {
                throw fail("the URL holds a password: remove it and set PGPASSWORD, or add the server to ~/.pgpass (a file only you can read)")
            }
            userText = userInfo
        }
        guard !hostPort.contains(",") else { throw fail("several hosts are not supported: name one") }
        var hostText: String?
        var portText: String?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw fail("an IPv6 address needs its closing ']'") }
            hostText = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { portText = String(after.dropFirst()) } else if !after.isEmpty { throw fail("unexpected '\(after)' after the address") }
        } else if let colon = hostPort.lastIndex(of: ":") {
            hostText = String(hostPort[..<colon])
            portText = String(hostPort[hostPort.index(after: colon)...])
        } else {
            hostText = hostPort
        }
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.unescape(String(parts[0])), parts.count == 2, let value = Self.unescape(String(parts[1])) else {
                throw fail("'\(pair)' is not a NAME=VALUE parameter")
            }
            guard Self.parameterNames.contains(name) else {
                let known = Self.parameterNames.sorted().joined(separator: ", ")
                if name == "password" { throw fail("the URL holds a password: remove it and set PGPASSWORD, or use ~/.pgpass") }
                throw fail("unknown parameter '\(name)' (known: \(known))")
            }
            parameters[name] = value
        }

        guard let user = (userText.flatMap { $0.isEmpty ? nil : Self.unescape($0) }) ?? parameters["user"] ?? environment["PGUSER"]
                ?? environment["USER"] ?? environment["LOGNAME"], !user.isEmpty else {
            throw fail("no user: write postgres://USER@HOST/DB")
        }
        self.user = user
        let hostValue = (hostText.flatMap { $0.isEmpty ? nil : Self.unescape($0) }) ?? parameters["host"] ?? environment["PGHOST"]
        if let hostValue, hostValue.hasPrefix("/") {
            host = nil
            socketDirectory = hostValue
        } else if let hostValue, !hostValue.isEmpty {
            host = hostValue
            socketDirectory = nil
        } else {
            host = nil
            socketDirectory = Self.defaultSocketDirectory
        }
        let portValue = (portText.flatMap { $0.isEmpty ? nil : $0 }) ?? parameters["port"] ?? environment["PGPORT"] ?? "5432"
        guard let port = Int(portValue), (1...65_535).contains(port) else { throw fail("the port must be a number from 1 to 65535, not '\(portValue)'") }
        self.port = port
        let databaseValue = path.isEmpty ? (parameters["dbname"] ?? environment["PGDATABASE"] ?? user) : Self.unescape(path)
        guard let database = databaseValue, !database.isEmpty, !database.contains("/") else { throw fail("'\(path)' is not a database name") }
        self.database = database
        let modeText = parameters["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText) else {
            throw fail("sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(modeText)'")
        }
        if host == nil, mode == .require || mode == .verifyCA || mode == .verifyFull {
            throw fail("sslmode=\(mode.rawValue) needs a host name: TLS is not used over a unix socket")
        }
        sslMode = mode
        sslRootCert = parameters["sslrootcert"] ?? environment["PGSSLROOTCERT"]
        options = parameters["options"]
        applicationName = parameters["application_name"] ?? "gameday"
        let timeoutText = parameters["connect_timeout"] ?? environment["PGCONNECT_TIMEOUT"] ?? "10"
        guard let timeout = Int(timeoutText), timeout >= 0 else { throw fail("connect_timeout must be a number of seconds, not '\(timeoutText)'") }
        connectTimeout = timeout == 0 ? 10 : timeout
    }

    /// The URL parameters this reader understands (libpq's names).
    static let parameterNames: Set<String> = ["sslmode", "sslrootcert", "host", "port", "user", "dbname", "options", "application_name", "connect_timeout"]

    /// `text` with a password (between `://` and `@`, or a `password=` parameter) replaced by `***`, for messages.
    static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        var text = text
        if let mark = text.firstIndex(of: "?") {
            let parameters = text[text.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
                pair.lowercased().hasPrefix("password=") ? "password=***" : String(pair)
            }
            text = String(text[...mark]) + parameters.joined(separator: "&")
        }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<schemeEnd.upperBound]) + authority[..<colon] + ":***" + authority[at...] + rest[authorityEnd...]
    }

    static func unescape(_ text: String) -> String? { text.removingPercentEncoding }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
