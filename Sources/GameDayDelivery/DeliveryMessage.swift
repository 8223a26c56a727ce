import Foundation
import GameDayModel

/// One inject firing to deliver: what the team would have been sent.
public struct DeliveryMessage: Sendable, Hashable {
    /// The inject's id.
    public var inject: String
    /// Which firing (1 for the first).
    public var firing: Int
    /// Drill time of the firing.
    public var at: Int
    /// The inject's channel.
    public var channel: Channel
    /// Its sender, if any.
    public var from: String?
    /// The role it is addressed to (nil: everyone).
    public var to: String?
    /// The message text.
    public var text: String
    /// The drill's title, for the subject line and the card.
    public var drillTitle: String

    /// Creates a message.
    public init(inject: String, firing: Int, at: Int, channel: Channel, from: String?, to: String?, text: String, drillTitle: String) {
        self.inject = inject
        self.firing = firing
        self.at = at
        self.channel = channel
        self.from = from
        self.to = to
        self.text = text
        self.drillTitle = drillTitle
    }

    /// `trivy-alert#2`: the inject and its firing, for the log.
    public var label: String { firing > 1 ? "\(inject)#\(firing)" : inject }

    /// `[alert] falco → on-call`: the heading every shape starts with.
    public var heading: String {
        var out = "[\(channel.rawValue)]"
        if let from { out += " \(from)" }
        if let to { out += " → \(to)" }
        return out + " (drill \(DurationText.clock(at)), game day exercise)"
    }
}

/// The bodies each kind of target is sent: JSON for webhooks, an RFC 5322 message for e-mail.
public enum DeliveryPayload {
    /// Slack's mrkdwn escapes: `&`, `<` and `>`, so no text from a drill makes a mention (`<!channel>`) or a link.
    public static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The JSON body for a Slack or Mattermost incoming webhook.
    public static func chat(_ message: DeliveryMessage, mattermost: Bool) -> [UInt8] {
        var object: [String: String] = ["text": slackEscaped("*\(message.heading)*\n\(message.text)")]
        if mattermost { object["username"] = "gameday" }
        return json(object)
    }

    /// The JSON body for a Microsoft Teams webhook: a message carrying one Adaptive Card (plain text blocks, never markdown links).
    public static func teams(_ message: DeliveryMessage) -> [UInt8] {
        let card: [String: Any] = [
            "type": "message",
            "attachments": [[
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": [
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                        ["type": "TextBlock", "text": message.heading, "weight": "Bolder", "wrap": true],
                        ["type": "TextBlock", "text": message.text, "wrap": true],
                    ] as [[String: Any]],
                ] as [String: Any],
            ]] as [[String: Any]],
        ]
        return json(card)
    }

    private static func json(_ object: Any) -> [UInt8] {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Array(data)
    }

    /// The e-mail: headers (each drill-supplied value on one line, non-ASCII encoded as RFC 2047), a blank line, the text in CRLF lines.
    public static func mail(_ message: DeliveryMessage, from: String, to: [String], date: Date, messageID: String) -> [UInt8] {
        let subject = "[gameday] \(message.channel.rawValue)" + (message.from.map { " from \($0)" } ?? "") + ": "
            + (message.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? message.inject)
        var lines = [
            "From: gameday <\(from)>",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(headerValue(String(subject.prefix(200))))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "X-Gameday-Inject: \(headerValue(message.label))",
            "",
        ]
        // Every kind of line break (CR LF is one Character in Swift) ends a line; no bare CR or LF reaches the server.
        for line in (message.heading + "\n\n" + message.text).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lines.append(line.hasPrefix(".") ? "." + line : String(line))
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A header value on one line: control characters become spaces; non-ASCII is an RFC 2047 encoded word.
    public static func headerValue(_ text: String) -> String {
        let flat = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        guard flat.unicodeScalars.contains(where: { $0.value > 0x7E }) else { return flat }
        return "=?UTF-8?B?\(Data(flat.utf8).base64EncodedString())?="
    }

    private static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
