/// What a team did during a drill, with times.
public struct ResponseLog: Sendable {
    /// One action of the team.
    public struct Action: Sendable {
        /// Seconds from T0.
        public var at: Int
        /// The role that took it.
        public var by: String?
        /// The command line as written.
        public var line: String
        /// The words after quote removal.
        public var words: [String]
        /// Where it is written.
        public var location: SourceLocation

        /// Creates an action.
        public init(at: Int, by: String?, line: String, words: [String], location: SourceLocation) {
            self.at = at
            self.by = by
            self.line = line
            self.words = words
            self.location = location
        }
    }

    /// An inject a facilitator brought forward.
    public struct Injected: Sendable {
        /// The new first due time.
        public var at: Int
        /// The inject's id.
        public var inject: String
        /// Where it is written.
        public var location: SourceLocation

        /// Creates an entry.
        public init(at: Int, inject: String, location: SourceLocation) {
            self.at = at
            self.inject = inject
            self.location = location
        }
    }

    /// The drill's id.
    public var drillID: String
    /// The team's name.
    public var team: String?
    /// The wall-clock time of T0, as written (RFC 3339).
    public var started: String?
    /// The end of the run, when not the drill's duration.
    public var endedAt: Int?
    /// The actions in file order.
    public var actions: [Action]
    /// Injects brought forward.
    public var injected: [Injected]
    /// The log's file path, or nil for a log made in memory.
    public var file: String?

    /// Creates a log.
    public init(drillID: String, team: String? = nil, started: String? = nil, endedAt: Int? = nil,
                actions: [Action] = [], injected: [Injected] = [], file: String? = nil) {
        self.drillID = drillID
        self.team = team
        self.started = started
        self.endedAt = endedAt
        self.actions = actions
        self.injected = injected
        self.file = file
    }

    /// The end of the run for `drill`.
    public func end(for drill: Drill) -> Int { endedAt ?? drill.duration }
}
