import Dispatch
import Foundation
import GameDayModel
import Synchronization

/// One delivery attempt, for the delivery log: when, which inject, which target, what came of it.
public struct DeliveryAttempt: Sendable, Hashable {
    /// What came of an attempt.
    public enum Result: Sendable, Hashable {
        /// The target took it (HTTP status, or the mail server's acceptance).
        case delivered(String)
        /// It failed; `retryIn` is the wait before the next attempt, nil when this was the last.
        case failed(String, retryIn: Double?)
        /// `--dry-run`: what would have been sent.
        case dryRun(String)
    }
    /// The real time the attempt ended.
    public var wall: Date
    /// The inject firing's label (`trivy-alert#2`).
    public var inject: String
    /// The drill time of the firing.
    public var at: Int
    /// The target's name.
    public var target: String
    /// Which attempt (1 for the first).
    public var attempt: Int
    /// Attempts allowed in all.
    public var attempts: Int
    /// What came of it.
    public var result: Result

    /// Whether the target failed for good on this attempt.
    public var gaveUp: Bool { if case .failed(_, nil) = result { true } else { false } }

    /// The journal's line for it (without `# ` and newline): `delivery 2026-11-29T14:05:02Z trivy-alert → team-chat 1/4: delivered (HTTP 200)`.
    public var logText: String {
        let what: String
        switch result {
        case .delivered(let detail): what = "delivered (\(detail))"
        case .failed(let reason, let retry): what = "failed (\(reason))" + (retry.map { "; retry in \(Self.seconds($0))" } ?? "; giving up")
        case .dryRun(let preview): what = "dry run, not sent: \(preview)"
        }
        return "delivery \(Timestamp.utcTime(wall, plusSeconds: 0)) \(inject) (\(DurationText.clock(at))) → \(target) \(attempt)/\(attempts): \(what)"
    }

    private static func seconds(_ s: Double) -> String { s == s.rounded() ? "\(Int(s))s" : String(format: "%.1fs", s) }
}

/// Delivers inject firings to the targets of a plan, off the clock's thread: one serial queue per target, each
/// attempt bounded by the plan's timeout, failed attempts retried with doubling waits. A target that hangs holds
/// up only its own queue. The front end drains the attempts into the journal's delivery log.
public final class DeliveryQueue: Sendable {
    /// The plan.
    public let plan: DeliveryPlan
    /// Whether nothing is sent (every attempt is logged as a dry run).
    public let dryRun: Bool
    private let environment: [String: String]
    private let queues: [String: DispatchQueue]
    private let state = Mutex<State>(State())

    private struct State {
        var log: [DeliveryAttempt] = []
        var inFlight = 0
        var sequence = 0
    }

    /// A queue for `plan`; SMTP credentials are read from `environment` by the names the plan gives.
    /// Why nothing can be sent (libcurl missing or too old to start), or nil; asking loads libcurl.
    public static var transportUnavailable: String? { CurlTransport.unavailable }

    public init(plan: DeliveryPlan, dryRun: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.plan = plan
        self.dryRun = dryRun
        self.environment = environment
        queues = Dictionary(uniqueKeysWithValues: plan.targets.map { ($0.name, DispatchQueue(label: "gameday.delivery.\($0.name)")) })
    }

    /// Queues `message` for every target that takes it; returns at once.
    public func enqueue(_ message: DeliveryMessage) {
        for target in plan.targets(channel: message.channel, to: message.to) {
            guard let queue = queues[target.name] else { continue }
            state.withLock { $0.inFlight += 1 }
            queue.async { [self] in
                deliver(message, to: target)
                state.withLock { $0.inFlight -= 1 }
            }
        }
    }

    /// The attempts logged since the last call, in the order they ended.
    public func drain() -> [DeliveryAttempt] {
        state.withLock { state in
            defer { state.log.removeAll() }
            return state.log
        }
    }

    /// Whether every queued delivery has finished (delivered, dry-run, or given up).
    public var isIdle: Bool { state.withLock { $0.inFlight == 0 } }

    /// Waits up to `seconds` for the queues to finish; returns whether they did.
    public func waitUntilIdle(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !isIdle {
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    private func deliver(_ message: DeliveryMessage, to target: DeliveryTarget) {
        let retry = plan.retry
        for attempt in 1...retry.attempts {
            let result = send(message, to: target, timeout: retry.timeout)
            let entry: DeliveryAttempt.Result
            switch result {
            case .success(let detail): entry = dryRun ? .dryRun(detail) : .delivered(detail)
            case .failure(let failure): entry = .failed(failure.description, retryIn: attempt < retry.attempts ? retry.wait(before: attempt + 1) : nil)
            }
            state.withLock {
                $0.log.append(DeliveryAttempt(wall: Date(), inject: message.label, at: message.at, target: target.name,
                                              attempt: attempt, attempts: retry.attempts, result: entry))
            }
            guard case .failed(_, let wait?) = entry else { return }
            Thread.sleep(forTimeInterval: wait)
        }
    }

    /// One attempt: the detail of a success, or why it failed.
    func send(_ message: DeliveryMessage, to target: DeliveryTarget, timeout: Double) -> Swift.Result<String, DeliveryFailure> {
        switch target.kind {
        case .slack, .mattermost, .teams:
            let body = target.kind == .teams ? DeliveryPayload.teams(message) : DeliveryPayload.chat(message, mattermost: target.kind == .mattermost)
            if dryRun { return .success("POST \(body.count) bytes of JSON to the \(target.kind.rawValue) webhook: \(String(decoding: body.prefix(160), as: UTF8.self))") }
            guard let url = target.url else { return .failure(DeliveryFailure("no URL")) }
            switch CurlTransport.post(url: url, body: body, contentType: "application/json", timeout: timeout) {
            case .success(let status) where (200..<300).contains(status): return .success("HTTP \(status)")
            case .success(let status): return .failure(DeliveryFailure("HTTP \(status)"))
            case .failure(let failure): return .failure(failure)
            }
        case .smtp:
            let recipients = target.recipients(for: message.to)
            guard !recipients.isEmpty, let from = target.from, let host = target.host else {
                return .failure(DeliveryFailure("no address for \(message.to ?? "everyone") (add it under to:, or default_to)"))
            }
            let sequence = state.withLock { s -> Int in s.sequence += 1; return s.sequence }
            let id = "\(message.label).\(Int(Date().timeIntervalSince1970)).\(sequence)@gameday"
            let mail = DeliveryPayload.mail(message, from: from, to: recipients, date: Date(), messageID: id)
            if dryRun { return .success("mail to \(recipients.joined(separator: ", ")) through \(host), \(mail.count) bytes") }
            let port = target.port ?? (target.tls == .implicit ? 465 : 587)
            let username = target.usernameEnv.flatMap { environment[$0] }
            let password = target.passwordEnv.flatMap { environment[$0] }
            switch CurlTransport.mail(host: host, port: port, tls: target.tls, caFile: target.caFile, username: username, password: password,
                                      from: from, recipients: recipients, message: mail, timeout: timeout) {
            case .success: return .success("accepted by \(host):\(port) for \(recipients.joined(separator: ", "))")
            case .failure(let failure): return .failure(failure)
            }
        }
    }
}

extension DeliveryAttempt {
    /// The facilitator's line for an attempt that failed, or nil.
    public var problemLine: String? {
        guard case .failed(let reason, let retry) = result else { return nil }
        return "delivery to \(target) failed for \(inject) (attempt \(attempt) of \(attempts)): \(reason)"
            + (retry == nil ? " — gave up; read it out in the room" : " — retrying")
    }
}
