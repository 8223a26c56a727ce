import Foundation
import GameDayEngine

/// A trend chart of runs as a self-contained SVG: the score, and the times to acknowledge, contain and recover.
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

    /// The SVG document for `entries`, oldest first.
    public func svg(_ entries: [HistoryEntry]) -> String {
        let left = 64.0, right = Double(width) - 24
        let scoreTop = 56.0, scoreHeight = 130.0
        let timeTop = 236.0, timeHeight = 130.0
        let height = 420
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
        func x(_ index: Int) -> Double {
            entries.count == 1 ? (left + right) / 2 : left + (right - left) * Double(index) / Double(entries.count - 1)
        }

        // Score panel: 0 to 100.
        out += "<text x=\"\(Self.number(left))\" y=\"\(Self.number(scoreTop - 10))\" fill=\"#444444\">Score</text>\n"
        for tick in stride(from: 0, through: 100, by: 25) {
            let y = scoreTop + scoreHeight * (1 - Double(tick) / 100)
            out += Self.gridLine(left, right, y) + Self.label(left - 8, y + 4, String(tick))
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
            let fill = entry.passed ? "#2a9d8f" : "#ffffff"
            out += "<circle cx=\"\(Self.number(px))\" cy=\"\(Self.number(py))\" r=\"4\" fill=\"\(fill)\" stroke=\"#2a9d8f\" stroke-width=\"2\">"
            out += "<title>\(Self.escape("Run #\(entry.runID) (\(Self.when(entry))): \(JSONValue.decimal(entry.score, forceFraction: true).rendered()), \(verdict)"))</title></circle>\n"
        }

        // Times panel: 0 to a round maximum.
        let maxSeconds = entries.flatMap { e in Self.series.compactMap { $0.value(e) } }.max() ?? 0
        let step = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 1_209_600]
            .first { maxSeconds <= $0 * 4 } ?? max(1, (maxSeconds + 3) / 4)
        let top = step * 4
        out += "<text x=\"\(Self.number(left))\" y=\"\(Self.number(timeTop - 10))\" fill=\"#444444\">Time from T0</text>\n"
        for tick in 0...4 {
            let y = timeTop + timeHeight * (1 - Double(tick) / 4)
            out += Self.gridLine(left, right, y) + Self.label(left - 8, y + 4, tick == 0 ? "0" : DurationText.format(step * tick))
        }
        for series in Self.series {
            var segment: [(Double, Double)] = []
            for (index, entry) in entries.enumerated() {
                if let seconds = series.value(entry) {
                    segment.append((x(index), timeTop + timeHeight * (1 - Double(seconds) / Double(top))))
                } else {
                    out += Self.polyline(segment, color: series.color, dash: series.dash)
                    segment = []
                }
            }
            out += Self.polyline(segment, color: series.color, dash: series.dash)
            for (index, entry) in entries.enumerated() {
                guard let seconds = series.value(entry) else { continue }
                let py = timeTop + timeHeight * (1 - Double(seconds) / Double(top))
                out += "<circle cx=\"\(Self.number(x(index)))\" cy=\"\(Self.number(py))\" r=\"3\" fill=\"\(series.color)\">"
                out += "<title>\(Self.escape("Run #\(entry.runID): time to \(series.name) \(DurationText.format(seconds))"))</title></circle>\n"
            }
        }

        // Run labels under the times panel, thinned out when there are many runs.
        let every = max(1, Int((Double(entries.count) / ((right - left) / 44)).rounded(.up)))
        for (index, entry) in entries.enumerated() where index % every == 0 || index == entries.count - 1 {
            out += "<text x=\"\(Self.number(x(index)))\" y=\"\(Self.number(timeTop + timeHeight + 18))\" text-anchor=\"middle\" fill=\"#444444\">#\(entry.runID)</text>\n"
        }

        // Legend.
        var lx = left
        let ly = Double(height) - 12
        out += "<circle cx=\"\(Self.number(lx + 6))\" cy=\"\(Self.number(ly - 4))\" r=\"4\" fill=\"#2a9d8f\"/>"
        out += "<text x=\"\(Self.number(lx + 16))\" y=\"\(Self.number(ly))\" fill=\"#222222\">score (hollow: not passed)</text>\n"
        lx += 16 + Self.textWidth("score (hollow: not passed)") + 20
        for series in Self.series {
            out += "<line x1=\"\(Self.number(lx))\" y1=\"\(Self.number(ly - 4))\" x2=\"\(Self.number(lx + 24))\" y2=\"\(Self.number(ly - 4))\" stroke=\"\(series.color)\" stroke-width=\"2\"\(series.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"
            out += "<text x=\"\(Self.number(lx + 30))\" y=\"\(Self.number(ly))\" fill=\"#222222\">time to \(series.name)</text>\n"
            lx += 30 + Self.textWidth("time to \(series.name)") + 20
        }
        out += "</svg>\n"
        return out
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
