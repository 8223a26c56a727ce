import Foundation
import Testing
@testable import GameDayWeb
import GameDayConsole

/// The links' tokens and the forms' CSRF tokens.
@Suite struct AccessTokenTests {
    @Test func eachViewHasItsOwnUnguessableToken() {
        let tokens = AccessTokens(roles: ["on-call", "security-lead"])
        let all = Array(tokens.tokens.values)
        #expect(all.count == 5 && Set(all).count == 5)
        #expect(all.allSatisfy { $0.count == 64 && $0.allSatisfy(\.isHexDigit) })
        for (view, token) in tokens.tokens { #expect(tokens.view(for: token) == view) }
        #expect(tokens.view(for: "") == nil)
        #expect(tokens.view(for: String(repeating: "0", count: 64)) == nil)
        let scribe = tokens.tokens[.scribe]!
        #expect(tokens.view(for: String(scribe.dropLast()) + (scribe.last == "0" ? "1" : "0")) == nil)
        #expect(tokens.view(for: scribe + "0") == nil)
        #expect(tokens.view(for: scribe.uppercased()) == (scribe.uppercased() == scribe ? .scribe : nil))
        // Two sets of tokens share nothing.
        #expect(Set(AccessTokens(roles: ["on-call"]).tokens.values).isDisjoint(with: all))
    }

    @Test func csrfTokensBelongToOneViewAndNeverAppearInALink() {
        let tokens = AccessTokens(roles: ["on-call"])
        let scribe = tokens.csrf(for: .scribe)
        #expect(scribe.count == 64)
        #expect(tokens.checkCSRF(scribe, for: .scribe))
        #expect(!tokens.checkCSRF(scribe, for: .facilitator))
        #expect(!tokens.checkCSRF(tokens.csrf(for: .participant("on-call")), for: .scribe))
        #expect(!tokens.checkCSRF("", for: .scribe))
        #expect(!tokens.tokens.values.contains(scribe))
        #expect(AccessTokens.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!AccessTokens.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!AccessTokens.constantTimeEqual(Array("abc".utf8), Array("ab".utf8)))
    }

    @Test func theLinksFileKeepsTheLinksAcrossARestartAndIsPrivate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gameday-web-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = folder + "/game.responses.yaml"
        let first = try AccessTokens.forJournal(journal, roles: ["on-call", "comms"])
        let second = try AccessTokens.forJournal(journal, roles: ["on-call", "comms"])
        #expect(first == second)
        let mode = try FileManager.default.attributesOfItem(atPath: journal + ".links")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try "not a links file\n".write(toFile: journal + ".links", atomically: true, encoding: .utf8)
        #expect(throws: JournalError.self) { try AccessTokens.forJournal(journal, roles: ["on-call"]) }
    }

    @Test func formsAreParsedAsBrowsersSendThem() {
        #expect(GameDayServer.parseForm("op=record&line=on-call%3A+ack+x%26y&csrf=ab&empty=") ==
                ["op": "record", "line": "on-call: ack x&y", "csrf": "ab", "empty": ""])
        #expect(GameDayServer.parseForm("=x&&a=%ZZ") == ["a": ""])
    }
}
