import GameDayEngine

/// The SVG timeline's layout: lanes for injects, the attacker's moves, third parties' and the world's moves, each
/// role's actions, each outcome's deadline and the moment it was met, each exposure's time as bands, and forbidden
/// moves. Every coordinate is an integer and every shape a path, so the template only places numbers and escaped
/// labels. Nothing is drawn past the end line: a deadline after the end runs off the chart with an arrow.
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
        /// Its horizontal position (moved when it would cover its neighbour).
        var x: Int

        init(_ kind: Shape.Kind, _ x: Int, cls: String, title: String) {
            self.kind = kind
            self.x = x
            self.cls = cls
            self.title = title
        }
    }

    /// A shaded span of a lane: an outcome's deadline window, or a time a bad state lasted.
    public struct Band: Sendable, Hashable {
        /// CSS class: `band` (a deadline window) or `exposure-band`.
        public var cls: String
        /// Left edge.
        public var x: Int
        /// Top edge.
        public var y: Int
        /// Width.
        public var width: Int
        /// Height.
        public var height: Int
        /// The deadline's line, when it falls inside the chart.
        public var deadlineX: Int?
        /// Bottom edge.
        public var bottom: Int
        /// Path data of the arrow drawn where the band runs off the chart (a deadline after the end), or that
        /// marks a state that began before T0; empty for none.
        public var arrow: String
        /// CSS class of the arrow: `runs-off` or `before-t0`.
        public var arrowClass: String
        /// Tooltip text.
        public var title: String
    }

    /// One line of a lane's label.
    public struct LabelLine: Sendable, Hashable {
        /// Baseline.
        public var y: Int
        /// The words (untrusted).
        public var text: String
    }

    /// One horizontal lane.
    public struct Lane: Sendable, Hashable {
        /// The lane's whole label (untrusted).
        public var label: String
        /// The label wrapped to the label column, one line each.
        public var lines: [LabelLine]
        /// Baseline of the label's first line.
        public var labelY: Int
        /// Centre line.
        public var y: Int
        /// Top of the lane's stripe.
        public var top: Int
        /// Height of the lane's stripe.
        public var height: Int
        /// Whether the stripe is shaded (every other lane).
        public var shaded: Bool
        /// Deadline windows and exposure bands.
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
        /// Label: a round drill time (`T+15:00`).
        public var label: String
        /// The wall-clock time under it (`14:15`), when times are UTC.
        public var wall: String?
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
    public var plotLeft = 240
    /// Right edge of the plot: the end of the run.
    public var plotRight = 1070
    /// Top of the first lane.
    public var plotTop = 46
    /// Bottom of the last lane.
    public var plotBottom = 0
    /// Height of a lane with a one-line label.
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
    public var axisLabelY = 20
    /// Where the wall-clock line of the axis labels sits.
    public var wallLabelY = 34
    /// The label of the end line (`end T+2:00:00`).
    public var endLabel = ""
    /// Where the end line's label sits, under the plot.
    public var endLabelY = 0
    /// A short description for screen readers.
    public var description: String = ""

    /// Characters of a lane label per line (12 px text in the label column).
    static let labelWidth = 34
    /// Most lines of a lane label.
    static let labelLines = 6

    /// Lays out the timeline of `record`, with `windows` as exposure lanes.
    public init(_ record: RunRecord, windows: [ExposureWindow] = []) {
        let report = record.report, drill = record.drill, clock = record.clock
        let end = max(report.end, 1)
        let left = plotLeft, right = plotRight
        func x(_ t: Int) -> Int { left + min(max(t, 0), end) * (right - left) / end }
        var y = plotTop
        var shaded = false
        func lane(_ label: String, group: Bool, bands: (Int, Int) -> [Band] = { _, _ in [] }, marks: [Mark]) -> Lane {
            let wrapped = Self.wrap(label)
            let height = max(laneHeight, wrapped.count * 14 + 8)
            defer { y += height; shaded.toggle() }
            let centre = y + height / 2
            let lines = wrapped.enumerated().map { i, text in
                LabelLine(y: centre - (wrapped.count - 1) * 7 + i * 14 + 4, text: text)
            }
            return Lane(label: label, lines: lines, labelY: lines.first?.y ?? centre + 4, y: centre, top: y, height: height,
                        shaded: shaded, bands: bands(y, height), marks: Self.place(marks, y: centre, left: left, right: right),
                        startsGroup: group)
        }

        // Injects, the attacker's moves, and the moves of third parties and the world.
        var injectMarks: [Mark] = []
        var moveMarks: [Mover.Kind: [Mark]] = [:]
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
                let mover = Mover(inject)
                if !inject.effects.isEmpty, mover.kind == .attacker {
                    moveMarks[.attacker, default: []].append(Mark(.diamond, x(trace.at), cls: "attack-averted",
                                            title: "\(clock.label(trace.at)) averted: \(inject.effects.map(\.text).joined(separator: "; "))"))
                }
            case .undetected:
                injectMarks.append(Mark(.cross, x(trace.at), cls: "inject-undetected",
                                        title: "\(clock.label(trace.at)) \(inject.id) went unnoticed: detection \(inject.requiresDetection ?? "") is missing or disabled"))
            }
        }
        for effect in report.effects {
            let mover = drill.inject(effect.inject).map(Mover.init) ?? Mover(kind: .attacker, name: nil)
            let prefix = mover.kind == .attacker ? "attack" : mover.lane
            let mark: Mark
            if let reason = effect.outcome.reason {
                mark = Mark(.diamond, x(effect.at), cls: "\(prefix)-averted",
                            title: "\(clock.label(effect.at)) \(mover.kind == .attacker ? "averted" : mover.label + ", did not apply"): \(effect.command) — \(reason)")
            } else {
                mark = Mark(.diamond, x(effect.at), cls: "\(prefix)-applied", title: "\(clock.label(effect.at)) \(mover.label): \(effect.command)")
            }
            moveMarks[mover.kind, default: []].append(mark)
        }
        lanes.append(lane("Injects", group: false, marks: injectMarks))
        lanes.append(lane("Attacker", group: false, marks: moveMarks[.attacker] ?? []))
        if let marks = moveMarks[.thirdParty] { lanes.append(lane("Third parties", group: false, marks: marks)) }
        if let marks = moveMarks[.world] { lanes.append(lane("The world", group: false, marks: marks)) }

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
        var runsOff = false
        for (i, outcome) in report.outcomes.enumerated() {
            var marks: [Mark] = []
            var band: ((Int, Int) -> [Band]) = { _, _ in [] }
            if let deadline = outcome.deadline {
                let within = drill.outcomes.first { $0.id == outcome.id }?.within ?? deadline
                let from = max(0, deadline - within)
                let after = deadline > report.end
                if after { runsOff = true }
                let title = "\(outcome.title): due \(clock.label(deadline))" + (after ? ", after the end of the run" : "")
                band = { top, height in
                    let x0 = x(from), x1 = after ? right : x(deadline)
                    let mid = top + height / 2
                    return [Band(cls: "band", x: x0, y: top + 4, width: max(1, x1 - x0), height: height - 8, deadlineX: after ? nil : x1,
                                 bottom: top + height - 4, arrow: after ? Shape.arrowRight(right, mid) : "", arrowClass: "runs-off", title: title)]
                }
            }
            switch (outcome.status, outcome.metAt) {
            case (.missed, _):
                marks.append(Mark(.cross, right, cls: "outcome-missed", title: "\(outcome.title): missed"))
            case (let status, let metAt?):
                let cls = switch status { case .met: "outcome-met"; case .late: "outcome-late"; default: "outcome-na" }
                marks.append(Mark(.circle, x(metAt), cls: cls, title: "\(outcome.title): \(status.rawValue) at \(clock.label(metAt))"))
            default: break
            }
            lanes.append(lane(outcome.title, group: i == 0, bands: band, marks: marks))
        }

        // One lane per exposure: the time it lasted, as bands.
        for (i, window) in windows.enumerated() {
            let label = window.declared ? "Exposure: \(window.title)" : Self.capitalised(window.title)
            let spans = window.intervals
            let title = "\(Self.capitalised(window.title)): \(window.span(clock, end: report.end)) (\(Format.duration(window.seconds)))"
                + (window.budget.map { ", budget \(Format.duration($0))" } ?? "")
            let over = window.budget.map { window.seconds > $0 } ?? true
            lanes.append(lane(label, group: i == 0, bands: { top, height in
                spans.enumerated().map { k, pair in
                    let x0 = x(pair[0]), x1 = x(pair[1])
                    let before = k == 0 && window.beforeT0
                    return Band(cls: over ? "exposure-band" : "exposure-band within", x: x0, y: top + 4, width: max(2, x1 - x0),
                                height: height - 8, deadlineX: nil, bottom: top + height - 4,
                                arrow: before ? Shape.arrowLeft(x0, top + height / 2) : "", arrowClass: "before-t0", title: title)
                }
            }, marks: []))
        }

        // Violations.
        let violationMarks = report.violations.map { v in
            Mark(.triangle, x(v.at), cls: "violation", title: "\(clock.label(v.at)) forbidden move: \(v.title)")
        }
        lanes.append(lane("Forbidden moves", group: true, marks: violationMarks))
        plotBottom = y

        // Axis: ticks at round drill times, so that the chart reads in T+ whatever the wall clock said.
        let steps = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 1_209_600]
        let step = steps.first { end / $0 <= 8 } ?? max(1, end / 8)
        var t = 0
        while t <= end {
            let px = x(t)
            if t == 0 || t == end || right - px >= 50 {
                ticks.append(Tick(x: px, label: clock.offset(t), wall: clock.utc(t).map { String($0.suffix(8).prefix(5)) }))
            }
            t += step
        }
        endLabel = "end " + clock.offset(report.end)
        endLabelY = plotBottom + 14

        // Legend, six to a row.
        var entries: [(String, String, Shape.Kind)] = [
            ("inject-fired", "inject shown", .circle), ("inject-skipped", "inject skipped", .circle),
            ("inject-undetected", "inject unnoticed", .cross), ("attack-applied", "attacker move", .diamond),
            ("attack-averted", "attacker move averted", .diamond),
        ]
        if moveMarks[.thirdParty] != nil { entries.append(("third-party-applied", "third party's move", .diamond)) }
        if moveMarks[.world] != nil { entries.append(("world-applied", "the world's move", .diamond)) }
        entries += [
            ("action-applied", "action applied", .square), ("action-rejected", "action rejected", .cross),
            ("outcome-met", "outcome met in time", .circle), ("outcome-late", "outcome late", .circle),
            ("outcome-missed", "outcome missed", .cross), ("outcome-na", "outcome n/a", .circle),
            ("violation", "forbidden move", .triangle),
        ]
        if runsOff { entries.append(("runs-off", "deadline after the end", .arrow)) }
        if !windows.isEmpty { entries.append(("exposure-band", "exposed", .block)) }
        let legendTop = plotBottom + 30
        for (i, entry) in entries.enumerated() {
            let column = i % 6, row = i / 6
            let lx = 20 + column * 178, ly = legendTop + row * 22
            legend.append(LegendItem(d: entry.2.path(lx, ly), cls: entry.0, textX: lx + 12, textY: ly + 4, label: entry.1))
        }
        height = legendTop + ((entries.count + 5) / 6) * 22 + 4
        description = "Timeline of the run from \(clock.label(0)) to \(clock.label(end)): \(report.injects.count) inject due times, "
            + "\(report.effects.count) moves by the attacker, third parties or the world, \(report.actions.count) team actions, "
            + "\(report.outcomes.count) outcomes, \(windows.count) exposures, \(report.violations.count) forbidden moves."
    }

    /// `marks` in time order on a lane with centre `y`, each moved just enough not to cover its neighbour, and
    /// none past the plot's edges (a mark at the end sits just inside the end line).
    static func place(_ marks: [Mark], y: Int, left: Int, right: Int) -> [Mark] {
        let gap = 9, inset = 6
        var placed = marks.enumerated().sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }.map(\.element)
        guard !placed.isEmpty else { return [] }
        for i in placed.indices {
            placed[i].x = min(max(placed[i].x, left + inset), right - inset)
            if i > 0, placed[i].x < placed[i - 1].x + gap { placed[i].x = placed[i - 1].x + gap }
        }
        // Pushed past the end: pack from the right instead.
        if placed[placed.count - 1].x > right - inset {
            placed[placed.count - 1].x = right - inset
            for i in stride(from: placed.count - 2, through: 0, by: -1) where placed[i].x > placed[i + 1].x - gap {
                placed[i].x = max(left + inset, placed[i + 1].x - gap)
            }
        }
        for i in placed.indices { placed[i].d = placed[i].kind.path(placed[i].x, y) }
        return placed
    }

    /// `text` on lines of at most `labelWidth` characters, broken at spaces (a longer word is cut), at most
    /// `labelLines` lines, the last one ending in an ellipsis when the text is longer still.
    static func wrap(_ text: String) -> [String] {
        let words = UntrustedText.oneLine(text).split(separator: " ").map(String.init)
        var lines: [String] = []
        var line = ""
        for var word in words {
            while word.count > labelWidth {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(word.prefix(labelWidth)))
                word = String(word.dropFirst(labelWidth))
            }
            if line.isEmpty { line = word } else if line.count + 1 + word.count <= labelWidth { line += " " + word } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        if lines.count > labelLines {
            lines = Array(lines.prefix(labelLines))
            lines[labelLines - 1] = String(lines[labelLines - 1].prefix(labelWidth - 1)) + "…"
        }
        return lines.isEmpty ? [""] : lines
    }

    /// The first letter in upper case.
    static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}

/// Path data of the chart's shapes, centred on a point.
enum Shape {
    /// The shapes marks take.
    enum Kind: Sendable, Hashable {
        case circle, square, diamond, triangle, cross, arrow, block

        /// The path of this shape centred on (`x`, `y`).
        func path(_ x: Int, _ y: Int) -> String {
            switch self {
            case .circle: Shape.circle(x, y, 5)
            case .square: Shape.square(x, y, 4)
            case .diamond: Shape.diamond(x, y, 6)
            case .triangle: Shape.triangle(x, y, 6)
            case .cross: Shape.cross(x, y, 5)
            case .arrow: Shape.arrowRight(x + 4, y)
            case .block: "M \(x - 6) \(y - 5) h 12 v 10 h -12 Z"
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
    /// An arrowhead whose tip is at (`x`, `y`), pointing right: a deadline that runs off the chart.
    static func arrowRight(_ x: Int, _ y: Int) -> String {
        "M \(x - 8) \(y - 5) L \(x) \(y) L \(x - 8) \(y + 5) Z"
    }
    /// An arrowhead whose back is at (`x`, `y`), pointing left: a state that began before T0.
    static func arrowLeft(_ x: Int, _ y: Int) -> String {
        "M \(x + 8) \(y - 5) L \(x) \(y) L \(x + 8) \(y + 5) Z"
    }
}
