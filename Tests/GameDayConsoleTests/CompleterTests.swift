import Testing
@testable import GameDayConsole
import GameDayEngine

/// What Tab offers, word by word.
@Suite struct CompleterTests {
    static let vocabulary = CompletionVocabulary(
        verbs: CommandSpec.all.filter { !$0.attackerOnly }.map(\.verb),
        consoleWords: ConsoleSession.consoleWords(for: .facilitate),
        roles: ["on-call", "platform-lead", "security-lead"],
        rolePrefixes: true,
        names: [.keys: ["nw-build-signing", "nw-prod-signing"], .pipelines: ["checkout-api", "platform-infra"],
                .images: ["ghcr.io/northwind/api:1.0", "ghcr.io/northwind/odd name"], .registries: ["ghcr"]],
        shownInjects: ["vendor-notice"],
        pendingInjects: ["key-in-env", "staging-blocked"])

    private func complete(_ line: String, vocabulary: CompletionVocabulary = vocabulary) -> Completion {
        Completer(vocabulary: vocabulary).complete(line, cursor: line.count)
    }

    @Test func verbsAndConsoleWords() {
        #expect(complete("rev").candidates == ["revert", "revoke", "revoke-key", "revoke-tokens"])
        #expect(complete("rev").replacement == nil)
        #expect(complete("revok").replacement == "revoke")
        #expect(complete("revoke-k").replacement == "revoke-key ")
        #expect(complete("sta").candidates == ["status"])
        #expect(complete("on").candidates == ["on-call:"])
        #expect(complete("on-call: dec").replacement == "declare ")
        #expect(complete("").candidates.contains("help") && complete("").candidates.contains("ack"))
        #expect(!complete("").candidates.contains("compromise"))
    }

    @Test func namesByWhatTheArgumentNames() {
        #expect(complete("revoke-key ").candidates == ["nw-build-signing", "nw-prod-signing"])
        #expect(complete("revoke-key ").replacement == "nw-")
        #expect(complete("revoke-key nw-b").replacement == "nw-build-signing ")
        #expect(complete("set-pipeline-key platform-infra nw-p").replacement == "nw-prod-signing ")
        #expect(complete("ack ").candidates == ["vendor-notice"])
        #expect(complete("declare ").candidates == ["P1", "P2", "P3", "P4"])
        #expect(complete("stop-builds ").candidates == ["--all", "checkout-api", "platform-infra"])
        #expect(complete("stop-builds --all ").candidates.isEmpty)
        #expect(complete("deploy web ghcr.io/northwind/o").replacement == "'ghcr.io/northwind/odd name' ")
        #expect(complete("deploy web ghcr.io/northwind/").replacement == nil)
        #expect(complete("inject ").candidates == ["key-in-env", "staging-blocked"])
        #expect(complete("as pl").replacement == "platform-lead ")
        #expect(complete("help revoke-t").replacement == "revoke-tokens ")
    }

    @Test func optionsAndTheirValues() {
        #expect(complete("file-story 'x' --").candidates == ["--due", "--owner"])
        #expect(complete("file-story 'x' --owner ").candidates == ["on-call", "platform-lead", "security-lead"])
        #expect(complete("sign ghcr.io/northwind/api:1.0 --key nw-b").replacement == "nw-build-signing ")
        #expect(complete("sign img --key k --").candidates.isEmpty)
        #expect(complete("create-key k --backend ").candidates == ["file", "hsm", "kms"])
    }

    @Test func nothingInsideAQuoteOrForFreeText() {
        #expect(complete("file-story 'Move sig").candidates.isEmpty)
        #expect(complete("note rev").candidates.isEmpty)
        #expect(complete("ack vendor-notice ").candidates.isEmpty)
    }

    @Test func completesAtTheCursorNotTheEnd() {
        let line = "revoke-k nw-build-signing"
        let c = Completer(vocabulary: Self.vocabulary).complete(line, cursor: 8)
        #expect(c.wordStart == 0 && c.word == "revoke-k" && c.replacement == "revoke-key ")
    }

    @Test func playOffersNoRolePrefixesNorInject() {
        var vocabulary = Self.vocabulary
        vocabulary.rolePrefixes = false
        vocabulary.consoleWords = ConsoleSession.consoleWords(for: .play)
        #expect(complete("on", vocabulary: vocabulary).candidates.isEmpty)
        #expect(complete("inj", vocabulary: vocabulary).candidates.isEmpty)
    }
}
