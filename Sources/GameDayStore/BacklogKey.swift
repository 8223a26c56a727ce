/// One drill and team's backlog: what a recording or a story change touches.
struct BacklogKey: Sendable, Hashable {
    /// The drill id.
    var drill: String
    /// The team, empty when the logs named none.
    var team: String
}
