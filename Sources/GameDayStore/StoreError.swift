/// A failure of the history store, with a message fit for the terminal.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The database could not be opened, migrated, read or written.
    case database(path: String, message: String)
    /// No story has this id or key.
    case noSuchStory(String)
    /// A key names stories of several teams; the caller must say which team.
    case ambiguousStory(key: String, teams: [String])
    /// The story's status does not allow this change (shipping a verified story, say).
    case invalidTransition(story: Int64, from: StoryStatus, action: String)
    /// The database is not a gameday history (an unknown migration was applied, say).
    case incompatible(path: String, message: String)
    /// `--db` or `GAMEDAY_DB` names no usable history (a malformed PostgreSQL URL, say).
    case badLocation(text: String, message: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .database(let path, let message): "\(path): \(message)"
        case .noSuchStory(let reference): "no story '\(reference)' in the backlog"
        case .ambiguousStory(let key, let teams):
            "story '\(key)' exists for several teams (\(teams.map { $0.isEmpty ? "no team" : $0 }.joined(separator: ", "))); name the team with --team"
        case .invalidTransition(let story, let from, let action):
            "story #\(story) is \(from.rawValue): it cannot be \(action)"
        case .incompatible(let path, let message): "\(path): \(message)"
        case .badLocation(let text, let message): "\(text): \(message)"
        }
    }
}
