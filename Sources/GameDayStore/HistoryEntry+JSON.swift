import GameDayEngine

extension HistoryEntry {
    /// The run as a JSON object: times in seconds, null when not reached.
    public var json: JSONValue {
        var entries: [(String, JSONValue)] = [
            ("run", .int(Int(runID))), ("drill", .string(drill)), ("title", .string(title)), ("team", .string(team)),
            ("started", .string(started)), ("recorded", .string(Timestamp.utcTime(runDate, plusSeconds: 0))),
            ("score", .decimal(score, forceFraction: true)), ("passed", .bool(passed)),
            ("time_to_acknowledge", .int(timeToAcknowledge)),
        ]
        for phase in Phase.allCases { entries.append(("time_to_\(phase.rawValue)", .int(timeToPhase[phase]))) }
        entries.append(("stories", .int(storyCount)))
        entries.append(("source", source.map { s in
            .object([("kind", .string(s.kind.rawValue)), ("path", .string(s.path)), ("title", .string(s.title))])
        } ?? .null))
        return .object(entries)
    }
}
