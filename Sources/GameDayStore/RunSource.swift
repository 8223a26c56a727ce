/// Where a recorded run came from: a response log replayed (`gameday run`), a runbook tested (`gameday runbook test`),
/// or a live session's journal (`gameday play`, `gameday facilitate`). Runs recorded before the history kept it have none.
public struct RunSource: Sendable, Hashable {
    /// What made the run.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `gameday run DRILL --responses LOG`: a response log replayed (no path: no log, the team did nothing).
        case log
        /// `gameday runbook test RUNBOOK`: a runbook played as the team's only responder.
        case runbook
        /// `gameday play` or `gameday facilitate`: a live session, replayed from its journal.
        case journal
    }

    /// What made the run.
    public var kind: Kind
    /// The file it came from, as the command was given it (relative to the working directory when inside it).
    public var path: String?
    /// The runbook's title (without `Runbook: `); nil for the other kinds.
    public var title: String?

    /// A source.
    public init(kind: Kind, path: String?, title: String? = nil) {
        self.kind = kind
        self.path = path
        self.title = title
    }

    /// A runbook tested with `gameday runbook test`.
    public static func runbook(path: String, title: String) -> RunSource { RunSource(kind: .runbook, path: path, title: title) }

    /// `runbook:runbooks/x.md`, `log:drills/responses/x.yaml`, `journal:x.responses.yaml`, or the kind alone without a path.
    public var text: String { kind.rawValue + (path.map { ":" + $0 } ?? "") }

    /// The source as stored: the kind (empty for none), the path and the title.
    static func columns(_ source: RunSource?) -> (String, String?, String?) {
        (source?.kind.rawValue ?? "", source?.path, source?.title)
    }

    /// The source a run's row stores, nil when it has none (recorded before the history kept it, or by a later
    /// gameday's kind this one does not know).
    static func stored(kind: String, path: String?, title: String?) -> RunSource? {
        guard let kind = Kind(rawValue: kind) else { return nil }
        return RunSource(kind: kind, path: path, title: title)
    }
}
