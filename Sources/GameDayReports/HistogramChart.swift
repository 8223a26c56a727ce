import GameDayWhatIf

/// The layout of one SVG histogram of the what-if report: bars of counts over value bins, with marks (a deadline,
/// an SLA, the pass mark) drawn as labelled vertical lines. Plain values for the `histogram.svg` template.
struct HistogramChart: Sendable {
    struct Bar: Sendable { let x: Int, y: Int, width: Int, height: Int, label: String }
    struct Mark: Sendable { let x: Int, label: String, kind: String, labelX: Int, anchor: String }
    struct Tick: Sendable { let x: Int, label: String }

    let id: String
    let title: String
    let width: Int, height: Int
    let plotLeft: Int, plotRight: Int, plotTop: Int, plotBottom: Int
    let bars: [Bar]
    let marks: [Mark]
    let ticks: [Tick]
    let maxCount: String
    let description: String

    /// A histogram of `histogram` over [0, `upper`] in `binCount` bins; `label` formats a value; `marks` are (value, label, kind).
    init(id: String, title: String, histogram: CountHistogram, upper: Int, binCount: Int, label: (Int) -> String,
         marks: [(Int, String, String)]) {
        self.id = id
        self.title = title
        let (plotLeft, plotRight, plotTop, plotBottom) = (44, 548, 16, 156)
        (width, height) = (560, 190)
        (self.plotLeft, self.plotRight, self.plotTop, self.plotBottom) = (plotLeft, plotRight, plotTop, plotBottom)
        let upper = max(upper, 1)
        let binWidth = max(1, (upper + binCount) / binCount)
        let bins = (upper + binWidth) / binWidth
        var counts: [UInt64] = []
        for b in 0..<bins { counts.append(histogram.count(in: (b * binWidth)...(b * binWidth + binWidth - 1))) }
        let most = max(counts.max() ?? 0, 1)
        let span = Double(plotRight - plotLeft)
        func x(_ value: Int) -> Int { plotLeft + Int(span * Double(min(value, bins * binWidth)) / Double(bins * binWidth)) }
        bars = counts.enumerated().map { b, n in
            let h = Int(Double(plotBottom - plotTop) * Double(n) / Double(most))
            return Bar(x: x(b * binWidth), y: plotBottom - h, width: max(1, x((b + 1) * binWidth) - x(b * binWidth) - 1), height: h,
                       label: "\(label(b * binWidth))–\(label(b * binWidth + binWidth - 1)): \(n) runs")
        }
        self.marks = marks.filter { $0.0 >= 0 }.map { value, text, kind in
            let at = x(value)
            let right = at > plotLeft + Int(span * 0.7)
            return Mark(x: at, label: text, kind: kind, labelX: right ? at - 4 : at + 4, anchor: right ? "end" : "start")
        }
        ticks = (0...4).map { i in
            let value = bins * binWidth * i / 4
            return Tick(x: x(value), label: label(value))
        }
        maxCount = String(most)
        description = "\(title): \(histogram.count) runs; " + marks.map { "\($0.1) at \(label($0.0))" }.joined(separator: ", ")
    }
}
