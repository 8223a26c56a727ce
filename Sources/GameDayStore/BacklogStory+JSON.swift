import GameDayEngine

extension BacklogStory {
    /// The story as a JSON object, keys in a fixed order.
    public var json: JSONValue {
        .object([
            ("id", .int(Int(id))), ("key", .string(key)), ("team", .string(team)), ("drill", .string(drill)),
            ("title", .string(title)), ("owner", .string(owner)), ("severity", .string(severity.rawValue)),
            ("due", .string(due)), ("source", .string(source)), ("text", .string(text)),
            ("status", .string(status.rawValue)), ("occurrences", .int(occurrences)),
            ("first_run", .int(Int(firstRunID))), ("last_run", .int(Int(lastRunID))),
        ])
    }
}

extension StoryEvent {
    /// The event as a JSON object.
    public var json: JSONValue {
        .object([("kind", .string(kind.rawValue)), ("at", .string(at)), ("run", .int(runID.map { Int($0) })), ("note", .string(note))])
    }
}
