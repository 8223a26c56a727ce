import GameDayEngine

extension RecordResult {
    /// What recording did, as a JSON object.
    public var json: JSONValue {
        func list(_ changes: [Change]) -> JSONValue {
            .array(changes.map { .object([("story", .int(Int($0.storyID))), ("key", .string($0.key)), ("title", .string($0.title)),
                                          ("occurrences", .int($0.occurrences))]) })
        }
        return .object([("run", .int(Int(runID))), ("new", list(new)), ("recurrences", list(recurrences)),
                        ("regressions", list(regressions)), ("verified", list(verified))])
    }
}
