import GameDayEngine

/// The SVG timeline's layout: lanes for injects, attacker moves, each role's actions, each outcome's deadline
/// and the moment it was met, and violations. Every coordinate is an integer and every shape a path, so the
/// template only places numbers and escaped labels.
public struct TimelineChart: Sendable {
    /// One shape on a lane.
    public struct Mark: Sendable, Hashable {
        /// SVG path data (numbers and path letters only), set when the mark is placed on its lane.
        public var d = ""
        /// CSS class from a fixed vocabulary.
        public var cls: String
        /// Tooltip text (untrusted: escaped by the template's content type).
        public var title: String
        /// Its shape.
        var kind: Shape.Kind
        /// Its horizontal position (moved right when it would cover the mark before it).
        var x: Int

        init(_ kind: Shape.Kind, _ x: Int, cls: String, title: String) {
            self.kind = kind
            self.x = x
            self.cls = cls
            self.title = title
        }
    }

    /// A shaded deadline window of an outcome lane.
    public struct Band: Sendable, Hashable {
        /// Left edge.
        public var x: Int
        /// Top edge.
        public var y: Int
        /// Width.
        public var width: Int
        /// Height.
        public var height: Int
        /// Right edge (the deadline).
        public var deadlineX: Int
        /// Bottom edge.
        public var bottom: Int
        /// Tooltip text.
        public var title: String
    }

    /// One horizontal lane.
    public struct Lane: Sendable, Hashable {
        /// The lane's label (untrusted).
        public var label: String
        /// Baseline of the label text.
        public var labelY: Int
        /// Centre line.
        public var y: Int
        /// Top of the lane's stripe.
        public var top: Int
        /// Whether the stripe is shaded (every other lane).
        public var shaded: Bool
        /// Deadline windows.
        public var bands: [Band]
        /// Shapes.
        public var marks: [Mark]
        /// Whether a group separator is drawn above the lane.
        public var startsGroup: Bool
    }

    /// One axis tick.
    public struct Tick: Sendable, Hashable {
        /// Horizontal position.
        public var x: Int
        /// Label (`14:20` or `T+20:00`).
        public var label: String
    }

    /// One legend entry.
    public struct LegendItem: Sendable, Hashable {
        /// Shape path data, drawn at the entry's place.
        public var d: String
        /// CSS class.
        public var cls: String
        /// Left of the label.
        public var textX: Int
        /// Baseline of the label.
        public var textY: Int
        /// The words.
        public var label: String
    }

    /// Total width of the drawing.
    public var width = 1100
    /// Total height of the drawing.
    public var height = 0
    /// Left edge of the plot (lane labels sit to its left).
    public var plotLeft = 230
    /// Right edge of the plot.
    public var plotRight = 1070
    /// Top of the first lane.
    public var plotTop = 36
    /// Bottom of the last lane.
    public var plotBottom = 0
    /// Height of one lane.
    public var laneHeight = 22
    /// The lanes, top to bottom.
    public var lanes: [Lane] = []
    /// Axis ticks.
    public var ticks: [Tick] = []
    /// Legend entries.
    public var legend: [LegendItem] = []
    /// Width of the plot.
    public var plotWidth: Int { plotRight - plotLeft }
    /// Where the axis labels sit (stored: templates see stored properties only).
    public var axisLabelY = 24
    /// A short description for screen readers.
    public var description: String = ""

    /// Lays out the timeline of `record`.
    public init(_ record: RunRecord) {
        let report = record.report, drill = record.drill, clock = record.clock
        let end = max(report.end, 1)
        func x(_ t: Int) -> Int { plotLeft + min(max(t, 0), end) * plotWidth / end }
        var y = plotTop
        var shaded = false
        func lane(_ label: String, group: Bool, bands: [Band] = [], marks: [Mark]) -> Lane {
            defer { y += laneHeight; shaded.toggle() }
            // In time order; a mark that would cover the one before it moves right, so every mark stays visible.
            var placed = marks.enumerated().sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }.map(\.element)
            var last = Int.min
            for i in placed.indices {
                if last != Int.min, placed[i].x < last + 9 { placed[i].x = last + 9 }
                last = placed[i].x
                placed[i].d = placed[i].kind.path(placed[i].x, y + laneHeight / 2)
            }
            return Lane(label: label, labelY: y + laneHeight / 2 + 4, y: y + laneHeight / 2, top: y, shaded: shaded,
                        bands: bands, marks: placed, startsGroup: group)
        }

        // Injects and attacker moves.
        var injectMarks: [Mark] = [], attackMarks: [Mark] = []
        for trace in report.injects {
            guard let inject = drill.inject(trace.id) else { continue }
            switch trace.status {
            case .fired where inject.channel != .silent:
                injectMarks.append(Mark(.circle, x(trace.at), cls: "inject-fired",
                                        title: "\(clock.label(trace.at)) \(inject.channel.rawValue): \(inject.message ?? inject.id)"))
            case .fired: break
            case .skipped:
                injectMarks.append(Mark(.circle, x(trace.at), cls: "inject-skipped",
                                        title: "\(clock.label(trace.at)) \(inject.id) did not fire: its condition did not hold"))
                if !inject.effects.isEmpty {
                    attackMarks.append(Mark(.diamond, x(trace.at), cls: "attack-averted",
                                            title: "\(clock.label(trace.at)) averted: \(inject.effects.map(\.text).joined(separator: "; "))"))
                }
            case .undetected:
                injectMarks.append(Mark(.cross, x(trace.at), cls: "inject-undetected",
                                        title: "\(clock.label(trace.at)) \(inject.id) went unnoticed: detection \(inject.requiresDetection ?? "") is missing or disabled"))
            }
        }
        for effect in report.effects {
            if let reason = effect.outcome.reason {
                attackMarks.append(Mark(.diamond, x(effect.at), cls: "attack-averted",
                                        title: "\(clock.label(effect.at)) averted: \(effect.command) — \(reason)"))
            } else {
                attackMarks.append(Mark(.diamond, x(effect.at), cls: "attack-applied",
                                        title: "\(clock.label(effect.at)) attacker: \(effect.command)"))
            }
        }
        lanes.append(lane("Injects", group: false, marks: injectMarks))
        lanes.append(lane("Attacker", group: false, marks: attackMarks))

        // One lane per role that acted, the drill's roles first.
        var roles: [String] = []
        for role in drill.roles where report.actions.contains(where: { $0.by == role }) { roles.append(role) }
        for action in report.actions {
            let role = action.by ?? "team"
            if !roles.contains(role) { roles.append(role) }
        }
        for (i, role) in roles.enumerated() {
            let marks = report.actions.filter { ($0.by ?? "team") == role }.map { action -> Mark in
                if let reason = action.outcome.reason {
                    return Mark(.cross, x(action.at), cls: "action-rejected",
                                title: "\(clock.label(action.at)) \(role): \(action.command) — rejected: \(reason)")
                }
                return Mark(.square, x(action.at), cls: "action-applied",
                            title: "\(clock.label(action.at)) \(role): \(action.command)")
            }
            lanes.append(lane(role, group: i == 0, marks: marks))
        }

        // One lane per outcome: its deadline window and the moment it was met.
        for (i, outcome) in report.outcomes.enumerated() {
            let top = y
            var bands: [Band] = []
            var marks: [Mark] = []
            if let deadline = outcome.deadline {
                let within = drill.outcomes.first { $0.id == outcome.id }?.within ?? deadline
                let from = max(0, deadline - within)
                bands.append(Band(x: x(from), y: top + 4, width: max(1, x(deadline) - x(from)), height: laneHeight - 8,
                                  deadlineX: x(deadline), bottom: top + laneHeight - 4, title: "\(outcome.title): due \(clock.label(deadline))"))
            }
            switch (outcome.status, outcome.metAt) {
            case (.missed, _):
                marks.append(Mark(.cross, x(end), cls: "outcome-missed",
                                  title: "\(outcome.title): missed"))
            case (let status, let metAt?):
                let cls = switch status { case .met: "outcome-met"; case .late: "outcome-late"; default: "outcome-na" }
                marks.append(Mark(.circle, x(metAt), cls: cls,
                                  title: "\(outcome.title): \(status.rawValue) at \(clock.label(metAt))"))
            default: break
            }
            lanes.append(lane(Self.shorten(outcome.title, 30), group: i == 0, bands: bands, marks: marks))
        }

        // Violations.
        let violationMarks = report.violations.map { v in
            Mark(.triangle, x(v.at), cls: "violation",
                 title: "\(clock.label(v.at)) forbidden move: \(v.title)")
        }
        lanes.append(lane("Forbidden moves", group: true, marks: violationMarks))
        plotBottom = y

        // Axis.
        let steps = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 1_209_600]
        let step = steps.first { end / $0 <= 10 } ?? end
        var t = 0
        while t <= end {
            let label: String
            if let utc = clock.utc(t) { label = String(utc.suffix(8).prefix(5)) } else { label = clock.offset(t) }
            ticks.append(Tick(x: x(t), label: label))
            t += step
        }

        // Legend, in two rows.
        let entries: [(String, String, Shape.Kind)] = [
            ("inject-fired", "inject shown", .circle), ("inject-skipped", "inject skipped", .circle),
            ("inject-undetected", "inject unnoticed", .cross), ("attack-applied", "attacker move", .diamond),
            ("attack-averted", "attacker move averted", .diamond), ("action-applied", "action applied", .square),
            ("action-rejected", "action rejected", .cross), ("outcome-met", "outcome met in time", .circle),
            ("outcome-late", "outcome late", .circle), ("outcome-missed", "outcome missed", .cross),
            ("outcome-na", "outcome n/a", .circle), ("violation", "forbidden move", .triangle),
        ]
        let legendTop = plotBottom + 34
        for (i, entry) in entries.enumerated() {
            let column = i % 6, row = i / 6
            let lx = 20 + column * 178, ly = legendTop + row * 22
            legend.append(LegendItem(d: entry.2.path(lx, ly), cls: entry.0, textX: lx + 12, textY: ly + 4, label: entry.1))
        }
        height = legendTop + 2 * 22 + 4
        description = "Timeline of the run from \(clock.label(0)) to \(clock.label(end)): \(report.injects.count) inject due times, "
            + "\(report.effects.count) attacker moves, \(report.actions.count) team actions, \(report.outcomes.count) outcomes, "
            + "\(report.violations.count) forbidden moves."
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func shorten(_ text: String, _ limit: Int) -> String {
        let line = UntrustedText.oneLine(text)
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }
}

/// Path data of the chart's shapes, centred on a point.
enum Shape {
    /// The shapes marks take.
    enum Kind: Sendable, Hashable {
        case circle, square, diamond, triangle, cross

        /// The path of this shape centred on (`x`, `y`).
        func path(_ x: Int, _ y: Int) -> String {
            switch self {
            case .circle: Shape.circle(x, y, 5)
            case .square: Shape.square(x, y, 4)
            case .diamond: Shape.diamond(x, y, 6)
            case .triangle: Shape.triangle(x, y, 6)
            case .cross: Shape.cross(x, y, 5)
            }
        }
    }

    static func circle(_ x: Int, _ y: Int, _ r: Int) -> String {
        "M \(x - r) \(y) a \(r) \(r) 0 1 0 \(2 * r) 0 a \(r) \(r) 0 1 0 \(-2 * r) 0 Z"
    }
    static func square(_ x: Int, _ y: Int, _ r: Int) -> String {
        "M \(x - r) \(y - r) h \(2 * r) v \(2 * r) h \(-2 * r) Z"
    }
    static func diamond(_ x: Int, _ y: Int, _ r: Int) -> String {
        "M \(x) \(y - r) L \(x + r) \(y) L \(x) \(y + r) L \(x - r) \(y) Z"
    }
    static func triangle(_ x: Int, _ y: Int, _ r: Int) -> String {
        "M \(x) \(y - r) L \(x + r) \(y + r) L \(x - r) \(y + r) Z"
    }
    static func cross(_ x: Int, _ y: Int, _ r: Int) -> String {
        "M \(x - r) \(y - r) L \(x + r) \(y + r) M \(x + r) \(y - r) L \(x - r) \(y + r)"
    }
}
