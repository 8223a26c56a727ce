import Foundation
import GameDayConsole
import HTTPTypes
import Logging
import Hummingbird
import NIOCore

/// The HTTP front end of a live game day: every page and feed under `/v/TOKEN`, nothing without a token.
///
/// - `GET /v/TOKEN` — the page of the view the token opens;
/// - `GET /v/TOKEN/events` — its live feed (server-sent events);
/// - `POST /v/TOKEN/do` — a form (its CSRF token checked), answered with a redirect back to the page;
/// - `GET /v/TOKEN/debrief` — the debrief, once the drill is over (facilitator and wall).
///
/// A missing or unknown token gets 404 (nothing says which tokens exist); an operation of another view, or a form
/// without its CSRF token, gets 403. Every response forbids framing, sniffing and referrers; pages carry a strict
/// Content-Security-Policy with a fresh nonce for their one style sheet and one script.
public struct GameDayServer: Sendable {
    /// The game behind the pages.
    public let game: LiveGameDay
    /// The address to bind.
    public let host: String
    /// The port to bind (0: any free port).
    public let port: Int

    /// A server for `game` on `host:port`.
    public init(game: LiveGameDay, host: String, port: Int) {
        self.game = game
        self.host = host
        self.port = port
    }

    /// The largest form body accepted.
    static let maxForm = 64 * 1024

    /// Runs until the process stops; `onRunning` gets the bound port once the server listens.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router()
        let game = self.game
        router.get("/v/:token") { _, context in
            try await Self.page(game: game, token: context.parameters.get("token") ?? "")
        }
        router.get("/v/:token/events") { _, context in
            try await Self.events(game: game, token: context.parameters.get("token") ?? "")
        }
        router.post("/v/:token/do") { request, context in
            try await Self.form(game: game, token: context.parameters.get("token") ?? "", request: request)
        }
        router.get("/v/:token/debrief") { _, context in
            try await Self.debrief(game: game, token: context.parameters.get("token") ?? "")
        }
        var logger = Logger(label: "gameday-serve")
        logger.logLevel = .error
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        try await app.run()
    }

    // MARK: - Handlers

    static func securityHeaders(csp: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = csp
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        headers[.cacheControl] = "no-store"
        return headers
    }

    static let lockedDown = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = securityHeaders(csp: lockedDown)
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body + "\n")))
    }

    static func notFound() -> Response { text(.notFound, "Not found. Use the link gameday serve printed for you.") }

    static func nonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
    }

    static func page(game: LiveGameDay, token: String) async throws -> Response {
        guard let view = game.tokens.view(for: token) else { return notFound() }
        let nonce = nonce()
        let html = await game.page(for: view, nonce: nonce)
        var headers = securityHeaders(csp: "default-src 'none'; script-src 'nonce-\(nonce)'; style-src 'nonce-\(nonce)'; connect-src 'self'; "
            + "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func events(game: LiveGameDay, token: String) async throws -> Response {
        guard let view = game.tokens.view(for: token) else { return notFound() }
        let stream = await game.subscribe(view)
        var headers = securityHeaders(csp: lockedDown)
        headers[.contentType] = "text/event-stream; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            for await event in stream {
                try await writer.write(ByteBuffer(string: event))
            }
            try await writer.finish(nil)
        })
    }

    static func form(game: LiveGameDay, token: String, request: Request) async throws -> Response {
        guard let view = game.tokens.view(for: token) else { return notFound() }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: maxForm) } catch { return text(.contentTooLarge, "The form is too large.") }
        let fields = parseForm(String(buffer: body))
        guard let csrf = fields["csrf"], game.tokens.checkCSRF(csrf, for: view) else {
            return text(.forbidden, "This form has no valid CSRF token: reload the page and try again.")
        }
        guard let op = fields["op"], try await game.perform(.init(op: op, fields: fields), as: view) else {
            return text(.forbidden, "The \(view.label)'s page cannot do that.")
        }
        var headers = securityHeaders(csp: lockedDown)
        headers[.location] = "/v/\(token)"
        return Response(status: .seeOther, headers: headers)
    }

    static func debrief(game: LiveGameDay, token: String) async throws -> Response {
        guard let view = game.tokens.view(for: token) else { return notFound() }
        guard view == .facilitator || view == .wall else { return text(.forbidden, "The debrief is shown on the wall and to the facilitator.") }
        guard let html = await game.debriefHTML() else { return text(.notFound, "The debrief is written when the drill is over (and not with --no-reports).") }
        // The report is self-contained and has no script: its inline style sheet is all it needs.
        var headers = securityHeaders(csp: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// `application/x-www-form-urlencoded` fields (the last of a repeated name wins).
    static func parseForm(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            guard let name = parts.first.map(decode), !name.isEmpty else { continue }
            out[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return out
    }
}
