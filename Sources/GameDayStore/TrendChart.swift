import Foundation
import GameDayEngine

/// A trend chart of runs as a self-contained SVG, by date: the score against the pass mark (failed runs marked),
/// and the times to acknowledge, contain and recover as lines against the response and resolution SLAs.
///
/// The SVG has no external reference, script, stylesheet or id, so it can be inlined in an HTML report (even
/// twice on one page) or saved as a file. The same entries always give the same bytes.
public struct TrendChart: Sendable {
    /// Width in pixels.
    public var width: Int
    /// The chart's title, shown at the top and used as its accessible name.
    public var title: String

    /// A chart `width` pixels wide (the height follows).
    public init(title: String = "Score and response times, run after run", width: Int = 720) {
        self.title = title
        self.width = max(width, 320)
    }

    private struct Series: Sendable {
        var name: String
        var color: String
        var dash: String?
        var value: @Sendable (HistoryEntry) -> Int?
    }

    private static let series = [
        Series(name: "acknowledge", color: "#1f77b4", dash: nil, value: { $0.timeToAcknowledge }),
        Series(name: "contain", color: "#ff7f0e", dash: "6 3", value: { $0.timeToContain }),
        Series(name: "recover", color: "#9467bd", dash: "2 3", value: { $0.timeToRecover }),
    ]

    /// When a run happened: its log's `started`, else the day it was recorded.
    static func date(_ entry: HistoryEntry) -> Date {
        entry.started.flatMap(Timestamp.parse) ?? entry.runDate
    }

    /// The SVG document for `entries`, placed by date (the log's `started`, else the run's date), oldest left: the
    /// score with the pass mark, failed runs marked; the times to acknowledge, contain and recover as lines with
    /// the response and resolution SLAs. `passMark` and the SLAs are the drill's, when the runs are of one drill.
    public func svg(_ entries: [HistoryEntry], passMark: Decimal? = nil, responseSLA: Int? = nil, resolutionSLA: Int? = nil) -> String {
        let left = 64.0, right = Double(width) - 24
        let scoreTop = 56.0, scoreHeight = 130.0
        let timeTop = 236.0, timeHeight = 130.0
        let height = 440
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" \
        role="img" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">
        <title>\(Self.escape(title))</title>
        <rect x="0" y="0" width="\(width)" height="\(height)" fill="#ffffff"/>
        <text x="\(Self.number(left))" y="28" font-size="15" font-weight="600" fill="#222222">\(Self.escape(title))</text>

        """
        guard !entries.isEmpty else {
            out += "<text x=\"\(Self.number(left))\" y=\"120\" fill=\"#666666\">No runs recorded yet.</text>\n</svg>\n"
            return out
        }
        // By date, ties in the order they were recorded.
        let entries = entries.enumerated().sorted { a, b in
            let da = Self.date(a.element), db = Self.date(b.element)
            return da != db ? da < db : a.element.runID < b.element.runID
        }.map(\.element)
        let first = Self.date(entries[0]).timeIntervalSince1970, last = Self.date(entries[entries.count - 1]).timeIntervalSince1970
        func x(_ index: Int) -> Double {
            guard last > first else {
                return entries.count == 1 ? (left + right) / 2 : left + (right - left) * Double(index) / Double(entries.count - 1)
            }
            return left + (right - left) * (Self.date(entries[index]).timeIntervalSince1970 - first) / (last - first)
        }

        // Score panel: 0 to 100, with the pass mark.
        out += "<text x=\"\(Self.number(left))\" y=\"\(Self.number(scoreTop - 10))\" fill=\"#444444\">Score</text>\n"
        for tick in stride(from: 0, through: 100, by: 25) {
            let y = scoreTop + scoreHeight * (1 - Double(tick) / 100)
            out += Self.gridLine(left, right, y) + Self.label(left - 8, y + 4, String(tick))
        }
        if let passMark {
            let mark = min(max(NSDecimalNumber(decimal: passMark).doubleValue, 0), 100)
            let y = scoreTop + scoreHeight * (1 - mark / 100)
            out += Self.referenceLine(left, right, y, color: "#c62828", label: "pass mark \(JSONValue.decimal(passMark, forceFraction: false).rendered())")
        }
        var scorePoints: [(Double, Double)] = []
        for (index, entry) in entries.enumerated() {
            let score = NSDecimalNumber(decimal: entry.score).doubleValue
            scorePoints.append((x(index), scoreTop + scoreHeight * (1 - min(max(score, 0), 100) / 100)))
        }
        out += Self.polyline(scorePoints, color: "#2a9d8f", dash: nil)
        for (index, entry) in entries.enumerated() {
            let (px, py) = scorePoints[index]
            let verdict = entry.passed ? "passed" : "not passed"
            let tooltip = "<title>\(Self.escape("Run #\(entry.runID) (\(Self.when(entry))): \(JSONValue.decimal(entry.score, forceFraction: true).rendered()), \(verdict)"))</title>"
            if entry.passed {
                out += "<circle cx=\"\(Self.number(px))\" cy=\"\(Self.number(py))\" r=\"4\" fill=\"#2a9d8f\" stroke=\"#2a9d8f\" stroke-width=\"2\">\(tooltip)</circle>\n"
            } else {
                out += "<path d=\"\(Self.cross(px, py, 5))\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"2.5\">\(tooltip)</path>\n"
            }
        }

        // Times panel: 0 to a round maximum, with the SLAs.
        let slas = [responseSLA, resolutionSLA].compactMap { $0 }
        let maxSeconds = (entries.flatMap { e in Self.series.compactMap { $0.value(e) } } + slas).max() ?? 0
        let step = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 1_209_600]
            .first { maxSeconds <= $0 * 4 } ?? max(1, (maxSeconds + 3) / 4)
        let top = step * 4
        func timeY(_ seconds: Int) -> Double { timeTop + timeHeight * (1 - Double(seconds) / Double(top)) }
        out += "<text x=\"\(Self.number(left))\" y=\"\(Self.number(timeTop - 10))\" fill=\"#444444\">Time from T0</text>\n"
        for tick in 0...4 {
            let y = timeTop + timeHeight * (1 - Double(tick) / 4)
            out += Self.gridLine(left, right, y) + Self.label(left - 8, y + 4, tick == 0 ? "0" : DurationText.format(step * tick))
        }
        if let responseSLA {
            out += Self.referenceLine(left, right, timeY(responseSLA), color: Self.series[0].color,
                                      label: "response SLA \(DurationText.format(responseSLA))")
        }
        if let resolutionSLA {
            out += Self.referenceLine(left, right, timeY(resolutionSLA), color: Self.series[2].color,
                                      label: "resolution SLA \(DurationText.format(resolutionSLA))")
        }
        for series in Self.series {
            // One line through every run that reached the milestone (a run that did not is left out, not a break).
            let points = entries.enumerated().compactMap { index, entry in series.value(entry).map { (x(index), timeY($0)) } }
            out += Self.polyline(points, color: series.color, dash: series.dash)
            for (index, entry) in entries.enumerated() {
                guard let seconds = series.value(entry) else { continue }
                out += "<circle cx=\"\(Self.number(x(index)))\" cy=\"\(Self.number(timeY(seconds)))\" r=\"3\" fill=\"\(series.color)\">"
                out += "<title>\(Self.escape("Run #\(entry.runID) (\(Self.when(entry))): time to \(series.name) \(DurationText.format(seconds))"))</title></circle>\n"
            }
        }

        // Dates under the times panel, thinned out when there are many runs.
        let every = max(1, Int((Double(entries.count) / ((right - left) / 76)).rounded(.up)))
        var lastLabel = -Double.infinity
        for (index, entry) in entries.enumerated() where index % every == 0 || index == entries.count - 1 {
            guard x(index) - lastLabel >= 72 else { continue }
            lastLabel = x(index)
            let day = String(Timestamp.utcTime(Self.date(entry), plusSeconds: 0).prefix(10))
            out += "<text x=\"\(Self.number(x(index)))\" y=\"\(Self.number(timeTop + timeHeight + 18))\" text-anchor=\"middle\" fill=\"#444444\">\(day)</text>\n"
        }

        // Legend.
        var lx = left
        let ly = Double(height) - 14
        out += "<circle cx=\"\(Self.number(lx + 6))\" cy=\"\(Self.number(ly - 4))\" r=\"4\" fill=\"#2a9d8f\"/>"
        out += "<text x=\"\(Self.number(lx + 16))\" y=\"\(Self.number(ly))\" fill=\"#222222\">score, passed</text>\n"
        lx += 16 + Self.textWidth("score, passed") + 16
        out += "<path d=\"\(Self.cross(lx + 6, ly - 4, 5))\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"2.5\"/>"
        out += "<text x=\"\(Self.number(lx + 16))\" y=\"\(Self.number(ly))\" fill=\"#222222\">failed run</text>\n"
        lx += 16 + Self.textWidth("failed run") + 16
        for series in Self.series {
            out += "<line x1=\"\(Self.number(lx))\" y1=\"\(Self.number(ly - 4))\" x2=\"\(Self.number(lx + 24))\" y2=\"\(Self.number(ly - 4))\" stroke=\"\(series.color)\" stroke-width=\"2\"\(series.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"
            out += "<text x=\"\(Self.number(lx + 30))\" y=\"\(Self.number(ly))\" fill=\"#222222\">time to \(series.name)</text>\n"
            lx += 30 + Self.textWidth("time to \(series.name)") + 16
        }
        out += "</svg>\n"
        return out
    }

    /// A thin dashed line across the plot at `y`, labelled at its right end.
    private static func referenceLine(_ x1: Double, _ x2: Double, _ y: Double, color: String, label text: String) -> String {
        "<line x1=\"\(number(x1))\" y1=\"\(number(y))\" x2=\"\(number(x2))\" y2=\"\(number(y))\" stroke=\"\(color)\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>\n"
            + "<text x=\"\(number(x2))\" y=\"\(number(y - 4))\" text-anchor=\"end\" font-size=\"10\" fill=\"\(color)\">\(escape(text))</text>\n"
    }

    /// Path data of a cross centred on (`x`, `y`).
    private static func cross(_ x: Double, _ y: Double, _ r: Double) -> String {
        "M \(number(x - r)) \(number(y - r)) L \(number(x + r)) \(number(y + r)) M \(number(x + r)) \(number(y - r)) L \(number(x - r)) \(number(y + r))"
    }

    /// A rough width of `text` at 12 pixels, enough to space the legend.
    private static func textWidth(_ text: String) -> Double { Double(text.count) * 6.6 }

    private static func when(_ entry: HistoryEntry) -> String {
        entry.started ?? Timestamp.utcTime(entry.runDate, plusSeconds: 0)
    }

    private static func gridLine(_ x1: Double, _ x2: Double, _ y: Double) -> String {
        "<line x1=\"\(number(x1))\" y1=\"\(number(y))\" x2=\"\(number(x2))\" y2=\"\(number(y))\" stroke=\"#e3e3e3\" stroke-width=\"1\"/>\n"
    }

    private static func label(_ x: Double, _ y: Double, _ text: String) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"end\" fill=\"#666666\">\(escape(text))</text>\n"
    }

    private static func polyline(_ points: [(Double, Double)], color: String, dash: String?) -> String {
        guard points.count >= 2 else { return "" }
        let list = points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")
        let dashing = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        return "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dashing)/>\n"
    }

    /// A coordinate to one decimal, without a trailing `.0`.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let whole = abs(tenths) / 10, fraction = abs(tenths) % 10
        return sign + String(whole) + (fraction == 0 ? "" : "." + String(fraction))
    }

    /// Text safe inside an XML element or attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
