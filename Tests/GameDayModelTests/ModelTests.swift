import Foundation
import Testing
@testable import GameDayModel

@Suite struct DurationTests {
    @Test(arguments: [("90s", 90), ("15m", 900), ("1h30m", 5400), ("2h", 7200), ("1d", 86_400), ("1w", 604_800), ("0m", 0),
                      ("0:15", 900), ("1:05:30", 3930), ("10:00", 36_000), ("1w2d3h4m5s", 788_645)])
    func validDurations(_ text: String, _ seconds: Int) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test(arguments: ["0", "15", "15x", "1m1h", "1h1h", "m", "", "0:60", "1:5", "1:05:60", ":15", "1:2:3:4", "-5m", "1.5h", "15 m",
                      "\u{661}m", "5\u{301}m", "15\u{FF4D}", "15M", "99999999999999999999s"])
    func invalidDurations(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func formatting() {
        #expect(DurationText.format(5400) == "1h30m")
        #expect(DurationText.clock(754) == "T+12:34")
        #expect(DurationText.clock(3930) == "T+1:05:30")
    }
}

@Suite struct IdentifierTests {
    @Test func ids() {
        #expect(Identifier.isValidID("key-revoked"))
        #expect(Identifier.isValidID("0day"))
        #expect(!Identifier.isValidID("-x"))
        #expect(!Identifier.isValidID("Bad_ID"))
        #expect(!Identifier.isValidID(String(repeating: "a", count: 65)))
        #expect(Identifier.isValidID(String(repeating: "a", count: 64)))
        #expect(!Identifier.isValidID("k\u{E9}y") && !Identifier.isValidID("") && !Identifier.isValidID("a b"))
    }

    @Test func names() {
        #expect(Identifier.isValidName("ghcr.io/acme/api:1.4.2"))
        #expect(!Identifier.isValidName("a b"))
        #expect(!Identifier.isValidName(""))
        #expect(Identifier.isValidName("caf\u{E9}-\u{1F600}") && Identifier.isValidName("~!@#$%^&*()"))
        #expect(!Identifier.isValidName("a\u{85}b") && !Identifier.isValidName("a\u{7F}") && !Identifier.isValidName("a\u{3000}b"))
        #expect(!Identifier.isValidName("a\tb") && !Identifier.isValidName("line\n"))
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "stat", in: ["state", "backend", "compromised"]) == "state")
        #expect(Suggestion.closest(to: "sta", in: ["stab", "stag"]) == nil)
        #expect(Suggestion.closest(to: "xyz", in: ["state"]) == nil)
        #expect(Suggestion.distance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
    }
}

@Suite struct ShellWordsTests {
    @Test func quoteRemoval() throws {
        #expect(try ShellWords.split(#"file-story "Move signing to KMS" --owner sec"#) == ["file-story", "Move signing to KMS", "--owner", "sec"])
        #expect(try ShellWords.split(#"note it\'s 'a "b"' "c\"d" e\ f"#) == ["note", "it's", #"a "b""#, #"c"d"#, "e f"])
        #expect(try ShellWords.split("a '' b") == ["a", "", "b"])
        #expect(try ShellWords.split("note # not a comment") == ["note", "#", "not", "a", "comment"])
    }

    @Test func unterminatedQuotes() {
        #expect(throws: ShellWords.Failure.unterminatedQuote("'", offset: 5)) { try ShellWords.split("note 'abc") }
        #expect(throws: ShellWords.Failure.unterminatedQuote("\"", offset: 2)) { try ShellWords.split("a \"b") }
    }
}

@Suite struct CommandParserTests {
    private func parse(_ line: String) -> Result<ParsedCommand, CommandShapeError> {
        CommandParser.parse(words: try! ShellWords.split(line), text: line)
    }

    @Test func optionsMayStandAnywhere() throws {
        let c = try parse("file-story --owner sec 'A title' --due 14d").get()
        #expect(c.positionals == ["A title"])
        #expect(c.option("--owner") == "sec")
        #expect(c.option("--due") == "14d")
    }

    @Test(arguments: ["file-story T", "revoke-key", "revoke-key a b", "stop-builds", "stop-builds p --all", "create-key k --backend",
                      "sign i --key a --key b", "sign i --key=a", "page x --loud", "fly away", "push-image r"])
    func malformedCommandsAreRefused(_ line: String) {
        if case .success = parse(line) { Issue.record("\(line) should not parse") }
    }

    @Test func noteTakesEveryWord() throws {
        #expect(try parse("note --all good").get().positionals == ["--all", "good"])
    }

    @Test func stopBuildsTakesATargetOrAll() throws {
        #expect(try parse("stop-builds --all").get().has("--all"))
        #expect(try parse("stop-builds main").get().positionals == ["main"])
    }
}

@Suite struct ExpressionTests {
    private let scope = ExpressionScope(allowsNow: false, injectIDs: ["alert"])

    private func errors(_ text: String, scope: ExpressionScope? = nil) -> [ExpressionError] {
        do {
            let tree = try ExpressionParser.parse(text)
            return ExpressionChecker.checkCondition(tree, in: scope ?? self.scope).1
        } catch {
            return [error]
        }
    }

    @Test(arguments: [
        #"keys["prod-signing"].state == "disabled""#,
        #"'security-lead' in paged && !("x" in findings)"#,
        #"workloads.all(w, !images[w.image].malicious && images[w.image].signed_by in admission.trusted_keys)"#,
        #"keys.exists(k, k.name != "a" && k.backend == "kms")"#,
        #"size(stories) >= 1 && stories.exists(s, s.due <= 14d)"#,
        #"done("revoke-key", "prod-signing") || fired("alert")"#,
        #"images.filter(i, i.malicious).size() == 0"#,
        #"workloads.map(w, w.image) == ["a", "b"]"#,
        #"repos["r"].compromised == false && incident.severity == "P1" && postmortem_scheduled"#,
        #"1 + 2 < 4 && 15m - 5m == 10m"#,
        "null == null",
        #""prod" in keys"#,
    ])
    func validExpressions(_ text: String) {
        #expect(errors(text).isEmpty, "\(errors(text))")
    }

    @Test func errorsPointAtTheOffendingToken() {
        let e = errors(#"keys["prod-signing"].stat == "active""#)
        #expect(e.count == 1)
        #expect(e[0].offset == 21)
        #expect(e[0].message == "a key has no field 'stat'; did you mean 'state'?")
        #expect(errors("paged == 3").first?.message == "cannot compare a list of texts with an integer")
        #expect(errors(#""a" < 3"#).first?.offset == 4)
        #expect(errors("now > 5m").first?.message.contains("only in 'if' and 'until'") == true)
        #expect(errors("now > 5m", scope: ExpressionScope(allowsNow: true, injectIDs: [])).isEmpty)
        #expect(errors(#"fired("nope")"#).first?.message == "'nope' is not an inject of this drill")
        #expect(errors(#"done("fly")"#).first?.message.contains("not a team command") == true)
        #expect(errors(#"done("push-image")"#).first?.message.contains("not a team command") == true)
        #expect(errors(#"key["a"]"#).first?.message == "unknown name 'key'; did you mean 'keys'?")
        #expect(errors("1 && true").first?.offset == 0)
        #expect(errors("size(paged)").first?.message.contains("condition") == true)
    }

    @Test func syntaxErrors() {
        #expect(errors(#"keys["a"].state =="#).first?.offset == 18)
        #expect(errors(#"paged == "x"#).first?.message.contains("unterminated") == true)
        #expect(errors("a = b").first?.message.contains("'=='") == true)
        #expect(errors("-1 < 2").first != nil)
        #expect(errors("15min > 1m").first?.message.contains("not a number or a duration") == true)
    }

    @Test func tokensAndTheirOffsetsInScalars() throws {
        let tokens = try ExpressionLexer.tokenize(#"'é🙂' != a_1 && (x<=2)||!y[0].z >= 15m + -3"#)
        let expected: [(ExprToken.Kind, Int)] = [
            (.string("é🙂"), 0), (.symbol("!="), 5), (.identifier("a_1"), 8), (.symbol("&&"), 12), (.symbol("("), 15),
            (.identifier("x"), 16), (.symbol("<="), 17), (.int(2), 19), (.symbol(")"), 20), (.symbol("||"), 21),
            (.symbol("!"), 23), (.identifier("y"), 24), (.symbol("["), 25), (.int(0), 26), (.symbol("]"), 27),
            (.symbol("."), 28), (.identifier("z"), 29), (.symbol(">="), 31), (.duration(900), 34), (.symbol("+"), 38),
            (.symbol("-"), 40), (.int(3), 41), (.end, 42),
        ]
        #expect(tokens.map(\.kind) == expected.map(\.0))
        #expect(tokens.map(\.offset) == expected.map(\.1))
        #expect(throws: ExpressionError.self) { try ExpressionLexer.tokenize("a & b") }
        #expect(throws: ExpressionError.self) { try ExpressionLexer.tokenize("a ≥ b") }
    }

    @Test func unaryNotBindsTighterThanComparison() throws {
        let tree = try ExpressionParser.parse("!a == b")
        guard case .binary(.equal, let left, _) = tree.kind, case .not = left.kind else {
            Issue.record("expected (!a) == b")
            return
        }
    }

    @Test func limits() {
        let long = "true" + String(repeating: " ", count: 4093)
        #expect(errors(long).first?.message.contains("limit is 4096") == true)
        #expect(errors("true" + String(repeating: " ", count: 4092)).isEmpty)
        let deep = String(repeating: "(", count: 70) + "true" + String(repeating: ")", count: 70)
        #expect(errors(deep).first?.message.contains("deeper than 64") == true)
    }
}

@Suite struct TimestampTests {
    @Test func rfc3339() {
        #expect(Timestamp.parse("2026-11-29T14:00:00Z") != nil)
        #expect(Timestamp.parse("2026-11-29T14:00:00+02:00") != nil)
        #expect(Timestamp.parse("2026-02-30T14:00:00Z") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
    }

    @Test func utcDatesAddWholeDays() throws {
        let date = try #require(Timestamp.parse("2026-11-29T23:30:00-02:00"))
        #expect(Timestamp.utcDate(date, plusDays: 0) == "2026-11-30")
        #expect(Timestamp.utcDate(date, plusDays: 92) == "2027-03-02")
        #expect(Timestamp.utcDate(Date(timeIntervalSince1970: 951_782_400), plusDays: 0) == "2000-02-29")
        #expect(Timestamp.utcDate(Date(timeIntervalSince1970: -1), plusDays: 0) == "1969-12-31")
    }
}

@Suite struct TimestampParsingTests {
    @Test(arguments: [("2026-11-29T14:00:00Z", 1_795_960_800.0), ("2026-11-29T16:00:00+02:00", 1_795_960_800.0),
                      ("2026-11-29t14:00:00z", 1_795_960_800.0), ("2026-11-29T14:00:00.5Z", 1_795_960_800.5),
                      ("2024-02-29T00:00:00Z", 1_709_164_800.0), ("1969-12-31T23:59:59Z", -1.0)])
    func validTimes(_ text: String, _ epoch: Double) {
        #expect(Timestamp.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test(arguments: ["2026-11-29", "2026-11-29T14:00:00", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-29T24:00:00Z",
                      "2026-11-29T14:00:00+2:00", "2026-11-29T14:00:00Zx", "2026-11-29T14:00:00.Z", "x026-11-29T14:00:00Z"])
    func invalidTimes(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
