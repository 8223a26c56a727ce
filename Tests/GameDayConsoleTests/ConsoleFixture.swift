import Foundation
import Testing
@testable import GameDayConsole
import GameDayEngine

/// The project's drills, and a replay of journal text the way `gameday run` does it.
enum ConsoleFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let runDate = Date(timeIntervalSince1970: 1_790_000_000)
    static let started = "2026-11-29T14:00:00Z"

    /// The drill `drills/ID.yaml` of the library.
    static func drill(_ id: String = "signing-key-compromised") throws -> Drill {
        let result = DrillLoader().loadDrill(path: root.appendingPathComponent("drills/\(id).yaml").path)
        return try #require(result.value, "\(result.diagnostics)")
    }

    /// A fresh temporary folder.
    static func folder() throws -> String {
        let path = Scratch.root + "gameday-console-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `text` loaded from a file as a response log of `drill`, with no diagnostics.
    static func load(_ text: String, drill: Drill) throws -> ResponseLog {
        let path = try folder() + "/journal.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = DrillLoader().loadResponseLog(path: path, drill: drill)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))\n\(text)")
        return try #require(result.value)
    }

    /// The report `gameday run DRILL --responses JOURNAL` gives for journal text.
    static func replay(_ text: String, drill: Drill) throws -> RunReport {
        Replay(CompiledDrill(drill), log: try load(text, drill: drill)).run(runDate: runDate)
    }
}

/// Drives a session the way the terminal front end does, with a fake wall clock and the journal in memory.
struct SessionDriver {
    var session: ConsoleSession
    var journal: String
    var lines: [ConsoleLine] = []
    var ended: SessionEnd?
    var wall: Double = 0

    /// A new session of `drill`.
    init(_ drill: Drill, mode: ConsoleMode = .play, pace: SessionClock.Pace = .step, role: String? = nil, team: String? = "blue") {
        let document = JournalDocument(drill: drill.id, team: team, started: ConsoleFixture.started)
        session = ConsoleSession(drill: drill, journal: document, options: .init(mode: mode, pace: pace, role: role), wall: 0)
        journal = document.text
        carry(session.start(wall: 0))
    }

    /// A session resumed from journal text.
    init(resuming text: String, drill: Drill, mode: ConsoleMode = .play, pace: SessionClock.Pace = .step, wall: Double = 0) throws {
        let log = try ConsoleFixture.load(text, drill: drill)
        var document = JournalDocument(log: log, checkpoint: JournalDocument.checkpoint(in: text))
        document.remarks = JournalDocument.remarks(in: text)
        session = ConsoleSession(drill: drill, journal: document, options: .init(mode: mode, pace: pace), wall: wall)
        journal = text
        self.wall = wall
        carry(session.start(wall: wall))
    }

    mutating func carry(_ outputs: [ConsoleOutput]) {
        for output in outputs {
            switch output {
            case .line(let line): lines.append(line)
            case .appendJournal(let text): journal += text
            case .rewriteJournal(let text): journal = text
            case .finished(let reason): ended = reason
            }
        }
    }

    /// Types `line` at the current wall time; returns the lines it printed.
    @discardableResult
    mutating func type(_ line: String) -> [ConsoleLine] {
        let before = lines.count
        carry(session.submit(line, wall: wall))
        return Array(lines[before...])
    }

    /// Moves the fake wall clock to `time` and ticks; returns the lines printed.
    @discardableResult
    mutating func tick(to time: Double) -> [ConsoleLine] {
        wall = time
        let before = lines.count
        carry(session.tick(wall: time))
        return Array(lines[before...])
    }

    /// Every text printed so far, one string.
    var transcript: String { lines.map(\.text).joined(separator: "\n") }
}
