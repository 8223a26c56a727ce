import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GameDayConsole

/// Who a page is for: one participant role, the facilitator, the scribe or the wall display.
public enum ViewKind: Sendable, Hashable {
    /// A participant playing `role`.
    case participant(String)
    /// The facilitator.
    case facilitator
    /// The scribe.
    case scribe
    /// The wall display.
    case wall

    /// `participant on-call`, `facilitator`, ...: for links and logs.
    public var label: String {
        switch self {
        case .participant(let role): "participant \(role)"
        case .facilitator: "facilitator"
        case .scribe: "scribe"
        case .wall: "wall"
        }
    }
}

/// The links' secrets: a 256-bit random token per view, and a key for the forms' CSRF tokens.
///
/// They are written beside the journal (`JOURNAL.links`, readable by its owner only), so that a server resumed
/// from the journal keeps every link and every open page reconnects. Tokens are compared in constant time.
public struct AccessTokens: Sendable, Hashable {
    /// The token of each view.
    public private(set) var tokens: [ViewKind: String]
    /// The key the CSRF tokens are made with.
    let csrfKey: String

    /// Fresh tokens for `roles` and the three other views, from the system's secure random source.
    public init(roles: [String]) {
        var tokens: [ViewKind: String] = [:]
        for role in roles { tokens[.participant(role)] = Self.random() }
        for view in [ViewKind.facilitator, .scribe, .wall] { tokens[view] = Self.random() }
        self.tokens = tokens
        csrfKey = Self.random()
    }

    /// 32 random bytes as 64 hex digits.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// The view `token` opens, or nil; every known token is compared, each in constant time.
    public func view(for token: String) -> ViewKind? {
        var found: ViewKind?
        let given = Array(token.utf8)
        for (view, known) in tokens where Self.constantTimeEqual(given, Array(known.utf8)) { found = view }
        return found
    }

    /// Whether `a` and `b` are equal, in time that depends only on their lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    /// The CSRF token of the forms on `view`'s page: an HMAC of its token, so it never appears in a link.
    public func csrf(for view: ViewKind) -> String {
        guard let token = tokens[view] else { return "" }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("csrf:" + token).utf8), using: SymmetricKey(data: Data(csrfKey.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `given` is the CSRF token of `view`'s forms (constant time).
    public func checkCSRF(_ given: String, for view: ViewKind) -> Bool {
        Self.constantTimeEqual(Array(given.utf8), Array(csrf(for: view).utf8))
    }

    /// The file's text: one `KIND NAME TOKEN` line per view, and the CSRF key.
    var fileText: String {
        var lines = ["# gameday serve: the links' tokens for this journal. Anyone with a token can open its page; keep this file private."]
        for (view, token) in tokens.sorted(by: { $0.key.label < $1.key.label }) {
            switch view {
            case .participant(let role): lines.append("participant \(role) \(token)")
            case .facilitator: lines.append("facilitator - \(token)")
            case .scribe: lines.append("scribe - \(token)")
            case .wall: lines.append("wall - \(token)")
            }
        }
        lines.append("csrf - \(csrfKey)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Tokens read back from a file written by `save`, with a fresh token for a role the file lacks; nil when it is not such a file.
    static func parse(_ text: String, roles: [String]) -> AccessTokens? {
        var tokens: [ViewKind: String] = [:]
        var key: String?
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count == 3, words[2].count == 64, words[2].allSatisfy(\.isHexDigit) else { return nil }
            switch words[0] {
            case "participant": tokens[.participant(words[1])] = words[2]
            case "facilitator": tokens[.facilitator] = words[2]
            case "scribe": tokens[.scribe] = words[2]
            case "wall": tokens[.wall] = words[2]
            case "csrf": key = words[2]
            default: return nil
            }
        }
        guard let key, tokens[.facilitator] != nil, tokens[.scribe] != nil, tokens[.wall] != nil else { return nil }
        var result = AccessTokens(roles: roles)
        for (view, token) in tokens {
            if case .participant(let role) = view, !roles.contains(role) { continue }
            result.tokens[view] = token
        }
        return AccessTokens(tokens: result.tokens, csrfKey: key)
    }

    private init(tokens: [ViewKind: String], csrfKey: String) {
        self.tokens = tokens
        self.csrfKey = csrfKey
    }

    /// The tokens of the journal at `journalPath`: read from `JOURNAL.links` when it is there, else made and written
    /// there (mode 0600, atomically).
    public static func forJournal(_ journalPath: String, roles: [String]) throws -> AccessTokens {
        let path = journalPath + ".links"
        if let data = FileManager.default.contents(atPath: path) {
            guard let tokens = parse(String(decoding: data, as: UTF8.self), roles: roles) else {
                throw JournalError("\(path) is not a links file written by gameday serve; move it away to make new links")
            }
            return tokens
        }
        let tokens = AccessTokens(roles: roles)
        let temp = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temp, contents: Data(tokens.fileText.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw JournalError("cannot write \(temp)")
        }
        guard rename(temp, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temp)
            throw JournalError("cannot write \(path)")
        }
        return tokens
    }
}
