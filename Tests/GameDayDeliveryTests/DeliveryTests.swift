import Foundation
import Testing
@testable import GameDayDelivery
import GameDayModel

/// The delivery file, the shapes each target is sent, and the retry policy.
@Suite struct DeliveryTests {
    static let roles = ["on-call", "security-lead", "comms"]

    func load(_ text: String, environment: [String: String] = [:]) throws -> (DeliveryPlan?, [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gameday-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("deliver.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (plan, diagnostics) = DeliveryPlan.load(path: path, roles: Self.roles, environment: environment)
        return (plan, diagnostics.map { $0.description.replacingOccurrences(of: path, with: "deliver.yaml") })
    }

    /// A relative `ca_file` is read from the delivery file's folder, not from the folder gameday runs in.
    @Test func aRelativeCAFileIsReadFromTheDeliveryFilesFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gameday-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("certs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "-----BEGIN CERTIFICATE-----\n".write(to: folder.appendingPathComponent("certs/ca.pem"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("deliver.yaml").path
        let line = "  - {name: m, kind: smtp, host: h, from: a@b.c, default_to: c@d.e, ca_file: "
        try ("targets:\n" + line + "certs/ca.pem}\n").write(toFile: path, atomically: true, encoding: .utf8)
        // The working folder is not the delivery file's: the path still resolves.
        #expect(FileManager.default.currentDirectoryPath != folder.path)
        let (plan, diagnostics) = DeliveryPlan.load(path: path, roles: Self.roles, environment: [:])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(plan?.targets.first?.caFile == folder.appendingPathComponent("certs/ca.pem").path)
        try ("targets:\n" + line + "nope.pem}\n").write(toFile: path, atomically: true, encoding: .utf8)
        let missing = DeliveryPlan.load(path: path, roles: Self.roles, environment: [:])
        #expect(missing.plan == nil)
        #expect(missing.diagnostics.map(\.description) == [
            "\(path):2:77: error: cannot read the CA file 'nope.pem' (looked for \(folder.appendingPathComponent("nope.pem").path)): give the PEM file of the certificates that sign the mail server's, as a path from the delivery file's folder or an absolute one"])
    }

    @Test func aFullFileLoadsAndRoutesByChannelAndRole() throws {
        let (plan, diagnostics) = try load("""
        targets:
          - {name: chat, kind: slack, url_env: HOOK, channels: [chat, alert]}
          - {name: sec, kind: teams, url: "https://example.test/hook", roles: [security-lead], everyone: false}
          - name: mail
            kind: smtp
            host: smtp.example.test
            from: gameday@example.test
            to: {security-lead: sec@example.test}
            default_to: team@example.test
            username_env: USER_VAR
            password_env: PASS_VAR
            channels: [email]
        retry: {attempts: 3, backoff: 5s, timeout: 20s}
        """, environment: ["HOOK": "https://hooks.example.test/T1", "USER_VAR": "u", "PASS_VAR": "p"])
        #expect(diagnostics.isEmpty)
        let p = try #require(plan)
        #expect(p.targets.map(\.name) == ["chat", "sec", "mail"])
        #expect(p.targets[0].url == "https://hooks.example.test/T1")
        #expect(p.targets(channel: .chat, to: nil).map(\.name) == ["chat"])
        #expect(p.targets(channel: .email, to: "security-lead").map(\.name) == ["sec", "mail"])
        #expect(p.targets(channel: .email, to: nil).map(\.name) == ["mail"])
        #expect(p.targets(channel: .alert, to: "on-call").map(\.name) == ["chat"])
        #expect(p.targets(channel: .silent, to: nil).isEmpty)
        #expect(p.targets[2].recipients(for: "security-lead") == ["sec@example.test"])
        #expect(p.targets[2].recipients(for: "on-call") == ["team@example.test"])
        #expect(p.retry.attempts == 3 && p.retry.backoff == 5 && p.retry.timeout == 20)
        #expect([2, 3, 4].map { p.retry.wait(before: $0) } == [5, 10, 20])
    }

    @Test(arguments: [
        ("targets:\n  - {name: m, kind: smtp, host: h, from: a@b.c, default_to: c@d.e, password: x}\n",
         "deliver.yaml:2:68: error: credentials never go in the delivery file: name the environment variable with password_env"),
        ("targets:\n  - {name: c, kind: slack}\n", "deliver.yaml:2:5: error: a slack target needs url (or url_env, the environment variable that holds it)"),
        ("targets:\n  - {name: c, kind: slack, url_env: NOPE}\n", "deliver.yaml:2:37: error: the environment variable NOPE is not set: it should hold the webhook URL"),
        ("targets:\n  - {name: c, kind: slack, url: 'ftp://x'}\n", "deliver.yaml:2:33: error: the webhook URL must start with https:// (or http:// for a local receiver) and hold no spaces"),
        ("targets:\n  - {name: c, kind: slack, url: 'https://x', roles: [on-cal]}\n", "deliver.yaml:2:54: error: no role 'on-cal' in this drill's world; did you mean 'on-call'?"),
        ("targets:\n  - {name: c, kind: slack, url: 'https://x', channels: [silent]}\n", "deliver.yaml:2:57: error: 'silent' is not a valid channel: use one of chat, page, alert, email, phone, ticket, report, news"),
        ("targets:\n  - {name: m, kind: smtp, host: h, from: 'a@b.c\\r\\nBcc: x@y.z', default_to: c@d.e}\n", "deliver.yaml:2:42: error: 'a@b.c\\r\\nBcc: x@y.z' is not an e-mail address (write name@example.com)"),
        ("targets:\n  - {name: m, kind: smtp, host: h, tls: none, from: a@b.c, default_to: c@d.e, username_env: U, password_env: P}\n",
         "deliver.yaml:2:41: error: tls: none would send the mail server's password in clear; use tls: starttls or tls: tls, or log in with neither username_env nor password_env"),
        ("targets: []\n", "deliver.yaml:1:10: error: targets is empty: name at least one target"),
        ("", "deliver.yaml:1:1: error: the file is empty; it must hold one YAML mapping"),
    ])
    func badFilesAreRefusedAtTheirPlace(text: String, expected: String) throws {
        let (plan, diagnostics) = try load(text)
        #expect(plan == nil)
        #expect(diagnostics.contains(expected), "\(diagnostics)")
    }

    @Test func aTargetThatLogsInNeverFallsBackToPlainText() {
        typealias Mode = DeliveryTarget.TLSMode
        #expect(Mode.starttlsIfOffered.requiresEncryption(loggingIn: true))
        #expect(!Mode.starttlsIfOffered.requiresEncryption(loggingIn: false))
        #expect(Mode.starttls.requiresEncryption(loggingIn: false) && Mode.starttls.requiresEncryption(loggingIn: true))
        #expect(Mode.implicit.requiresEncryption(loggingIn: false) && Mode.implicit.requiresEncryption(loggingIn: true))
        #expect(!Mode.none.requiresEncryption(loggingIn: false))
    }

    static let message = DeliveryMessage(inject: "scan-alert", firing: 2, at: 300, channel: .alert, from: "trivy <bot>", to: "on-call",
                                         text: "Miner in <!channel> & more\n.\nsecond line", drillTitle: "Room drill")

    @Test func chatShapesEscapeMentionsAndLinks() throws {
        let slack = try JSONSerialization.jsonObject(with: Data(DeliveryPayload.chat(Self.message, mattermost: false))) as? [String: String]
        #expect(slack == ["text": "*[alert] trivy &lt;bot&gt; → on-call (drill T+05:00, game day exercise)*\nMiner in &lt;!channel&gt; &amp; more\n.\nsecond line"])
        let mattermost = try JSONSerialization.jsonObject(with: Data(DeliveryPayload.chat(Self.message, mattermost: true))) as? [String: String]
        #expect(mattermost?["username"] == "gameday")
        #expect(Self.message.label == "scan-alert#2")
    }

    @Test func teamsGetsAnAdaptiveCardOfPlainText() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(DeliveryPayload.teams(Self.message))) as? [String: Any])
        #expect(object["type"] as? String == "message")
        let attachment = try #require((object["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let content = try #require(attachment["content"] as? [String: Any])
        #expect(content["type"] as? String == "AdaptiveCard")
        let texts = (content["body"] as? [[String: Any]])?.compactMap { $0["text"] as? String }
        #expect(texts == ["[alert] trivy <bot> → on-call (drill T+05:00, game day exercise)", "Miner in <!channel> & more\n.\nsecond line"])
    }

    @Test func mailHasOneLineHeadersAndADotStuffedBody() {
        var message = Self.message
        message.from = "vendor\r\nBcc: victim@example.test"
        message.text = "Sécurité notice\r\nBcc: x@y.z\n.hidden"
        let mail = String(decoding: DeliveryPayload.mail(message, from: "g@example.test", to: ["t@example.test"],
                                                         date: Date(timeIntervalSince1970: 1_790_000_000), messageID: "id@gameday"), as: UTF8.self)
        let headers = mail.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(headers.filter { $0.hasPrefix("Bcc") }.isEmpty)
        #expect(headers.contains("Subject: =?UTF-8?B?\(Data("[gameday] alert from vendor  Bcc: victim@example.test: Sécurité notice".utf8).base64EncodedString())?="))
        #expect(headers.contains("Date: Mon, 21 Sep 2026 14:13:20 +0000"))
        #expect(headers.contains("To: t@example.test"))
        #expect(mail.hasSuffix("\r\nSécurité notice\r\nBcc: x@y.z\r\n..hidden\r\n"))
        #expect(!mail.replacingOccurrences(of: "\r\n", with: "").contains("\r") && !mail.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func aDryRunSendsNothingAndLogsEveryTarget() throws {
        let targets = [DeliveryTarget(name: "chat", kind: .slack, url: "http://127.0.0.1:9/never"),
                       DeliveryTarget(name: "mail", kind: .smtp, host: "127.0.0.1", from: "a@b.c", defaultAddress: "t@b.c")]
        let queue = DeliveryQueue(plan: DeliveryPlan(targets: targets), dryRun: true, environment: [:])
        queue.enqueue(Self.message)
        #expect(queue.waitUntilIdle(seconds: 10))
        let log = queue.drain()
        #expect(log.map(\.target).sorted() == ["chat", "mail"])
        #expect(log.allSatisfy { if case .dryRun = $0.result { true } else { false } })
        #expect(log.first { $0.target == "chat" }?.logText.contains("scan-alert#2 (T+05:00) → chat 1/4: dry run, not sent: POST") == true)
        #expect(queue.drain().isEmpty)
    }

    @Test func aRefusedConnectionIsRetriedThenGivenUp() {
        var plan = DeliveryPlan(targets: [DeliveryTarget(name: "dead", kind: .slack, url: "http://127.0.0.1:9/hook")])
        plan.retry.attempts = 2
        plan.retry.backoff = 0.1
        plan.retry.timeout = 2
        let queue = DeliveryQueue(plan: plan, environment: [:])
        queue.enqueue(Self.message)
        #expect(queue.waitUntilIdle(seconds: 20))
        let log = queue.drain()
        #expect(log.map(\.attempt) == [1, 2])
        #expect(log.last?.gaveUp == true)
        #expect(log.first?.problemLine?.hasSuffix("— retrying") == true)
        #expect(log.last?.problemLine?.hasSuffix("— gave up; read it out in the room") == true)
    }
}
