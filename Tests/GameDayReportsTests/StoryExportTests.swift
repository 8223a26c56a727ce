import Foundation
import GameDayEngine
import Testing
import YAMLNode
@testable import GameDayReports

/// The story exports read back: stories.csv parses to the same stories as stories.json and the story files'
/// front matter, for the worked examples and for the injection drill.
@Suite struct StoryExportTests {
    /// RFC 4180: quoted cells with doubled quotes, line breaks inside quotes, rows ending in a line break.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false, wasQuoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { cell.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" {
                guard cell.isEmpty, !wasQuoted else { throw Examples.Failure(description: "a quote inside an unquoted cell") }
                quoted = true
                wasQuoted = true
            } else if c == "," {
                row.append(cell); cell = ""; wasQuoted = false
            } else if c == "\n" || c == "\r\n" {
                row.append(cell); rows.append(row); row = []; cell = ""; wasQuoted = false
            } else {
                guard !wasQuoted else { throw Examples.Failure(description: "text after a closing quote") }
                cell.append(c)
            }
        }
        guard !quoted else { throw Examples.Failure(description: "an unterminated quote") }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    static func check(_ record: RunRecord, _ label: String) throws {
        let files = Dictionary(uniqueKeysWithValues: try Examples.files(record).map { ($0.path, $0.contents) })
        // The exports hold the gap stories, then the stories the team filed during the drill.
        let stories = StoryView.exports(record)
        let filed = TeamStory.filed(in: record.report, drill: record.drill, runDate: record.runDate)
        #expect(stories.count == record.report.stories.count + filed.count)
        #expect(stories.map(\.key) == record.report.stories.map(\.key) + filed.map(\.key))
        #expect(stories.dropFirst(record.report.stories.count).allSatisfy { $0.source == "team" })
        #expect(Array(StoryView.make(record).map(\.key)) == record.report.stories.map(\.key), "the debrief keeps to the gap stories")

        let rows = try parseCSV(try #require(files["stories.csv"]))
        let header = try #require(rows.first)
        #expect(header == ["title", "description", "key", "owner", "severity", "priority", "due_date", "labels", "drill", "team", "run", "source"])
        #expect(rows.count == stories.count + 1, "\(label): one row per story")
        for (row, story) in zip(rows.dropFirst(), stories) {
            #expect(row.count == header.count, "\(label): \(row)")
            let cells = Dictionary(uniqueKeysWithValues: zip(header, row.map(CSVText.unneutralised)))
            let expected: [String: String] = [
                "title": story.title, "description": UntrustedText.visible(story.description), "key": story.key,
                "owner": story.owner, "severity": story.severity, "priority": story.priority, "due_date": story.due,
                "labels": story.labelText, "drill": story.drill, "team": story.team ?? "", "run": story.run, "source": story.source,
            ]
            #expect(cells == expected.mapValues(UntrustedText.visible), "\(label): \(story.key)")
        }

        let json = try JSONSerialization.jsonObject(with: Data(try #require(files["stories.json"]).utf8)) as! [[String: Any]]
        #expect(json.count == stories.count)
        for (object, story) in zip(json, stories) {
            #expect(object["key"] as? String == story.key)
            #expect(object["title"] as? String == story.title)
            #expect(object["due"] as? String == story.due)
            #expect(object["labels"] as? [String] == story.labels)
            #expect(object["file"] as? String == story.file)
        }

        for story in stories {
            let text = try #require(files[story.file], "\(label): \(story.file) missing")
            let parts = text.components(separatedBy: "\n---\n")
            #expect(text.hasPrefix("---\n") && parts.count >= 2, "\(label): \(story.file) has no front matter")
            let yaml = String(parts[0].dropFirst(4))
            let loaded = YAMLLoader.load(bytes: Array(yaml.utf8), file: story.file)
            #expect(loaded.diagnostics.isEmpty, "\(label): \(loaded.diagnostics)")
            let mapping = try #require(loaded.root?.mapping)
            var fields: [String: String] = [:]
            for (key, value) in mapping { if let k = key.text { fields[k] = value.text ?? (value.sequence.map { $0.compactMap(\.text).joined(separator: " ") }) } }
            #expect(Set(mapping.compactMap { $0.key.text }).isSuperset(of: ["key", "title", "owner", "severity", "due", "labels", "drill", "team", "run"]))
            #expect(fields["key"] == UntrustedText.visible(story.key))
            #expect(fields["title"] == UntrustedText.visible(story.title))
            #expect(fields["owner"] == story.owner && fields["severity"] == story.severity && fields["due"] == story.due)
            #expect(fields["labels"] == story.labelText)
            #expect(fields["drill"] == story.drill && fields["run"] == story.run && fields["source"] == story.source)
            #expect(fields["team"] == (story.team.map(UntrustedText.visible) ?? "null"))
        }
    }

    @Test(arguments: Examples.names)
    func workedExamplesReadBack(_ name: String) throws {
        try Self.check(try Examples.example(name), name)
    }

    @Test func theInjectionStoriesReadBack() throws {
        let record = try Injection.record()
        #expect(record.report.stories.count == 5)
        try Self.check(record, "injection")
    }

    /// A story the team filed during the drill is exported like a gap story, with source `team`, numbered after them.
    @Test func aStoryTheTeamFiledIsExportedWithSourceTeam() throws {
        let record = try Examples.example("signing-key-compromised.good")
        let files = Dictionary(uniqueKeysWithValues: try Examples.files(record).map { ($0.path, $0.contents) })
        // The worked example's log: at 50m, file-story "Move signing to KMS only" --owner security-lead --due 14d.
        let text = try #require(files["stories/01-team-move-signing-to-kms-only.md"])
        #expect(text.contains("key: \"signing-key-compromised/team/move-signing-to-kms-only\"\n"))
        #expect(text.contains("source: \"team\"\n"))
        #expect(text.contains("due: \"2026-12-13\"\n"), "14 days after the log's start, 2026-11-29")
        #expect(text.contains("the incident-commander filed this story during the drill, at T+50:00 (14:50:00 UTC)."))
        let json = try JSONSerialization.jsonObject(with: Data(try #require(files["stories.json"]).utf8)) as! [[String: Any]]
        #expect(json.map { $0["source"] as? String } == ["team"])
        let report = try JSONSerialization.jsonObject(with: Data(try #require(files["report.json"]).utf8)) as! [String: Any]
        #expect((report["stories"] as? [Any])?.isEmpty == true, "report.json keeps the spec's stories: gap stories only")
    }

    @Test func theParserIsStrict() throws {
        #expect(try Self.parseCSV("a,\"b\"\"c\",\"d\ne\"\n") == [["a", "b\"c", "d\ne"]])
        #expect(throws: (any Error).self) { try Self.parseCSV("\"open\n") }
    }
}
