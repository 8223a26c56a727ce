import Foundation
import GameDayEngine
import GameDayStore
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The trend chart: runs placed by date (not by the order they were recorded), the pass mark and the SLAs drawn,
/// the times to contain and recover as lines through every run that reached them, failed runs marked.
@Suite struct TrendChartTests {
    /// The score markers in document order: run id, x, and whether it is drawn as a failed run.
    static func markers(_ svg: String) -> [(run: Int, x: Double, failed: Bool)] {
        let pattern = #"<(?:circle cx="([0-9.]+)"|path d="M ([0-9.]+) )[^>]*><title>Run #([0-9]+) \([^)]*\): [0-9.]+, (passed|not passed)</title>"#
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { m in
            func group(_ i: Int) -> String? { Range(m.range(at: i), in: svg).map { String(svg[$0]) } }
            let failed = group(4) == "not passed"
            let x = group(1).flatMap(Double.init) ?? (group(2).flatMap(Double.init)! + 5)
            return (Int(group(3)!)!, x, failed)
        }
    }

    @Test func runsByDateWithPassMarkSLAsAndFailedRuns() throws {
        let store = try Support.store()
        // Recorded in this order, but run on these dates: #2 first, then #3, then #1.
        for (log, started) in [("exemplary", "2026-12-05T10:00:00Z"), ("exemplary", "2026-11-20T10:00:00Z"), ("slow", "2026-11-28T10:00:00Z")] {
            var report = try Support.report("signing-key-compromised", log)
            report.started = started
            try store.record(report: report, runDate: Support.runDate)
        }
        let entries = try store.history(drill: "signing-key-compromised")
        let svg = TrendChart(title: "Trend").svg(entries, passMark: 70, responseSLA: 900, resolutionSLA: 14_400)
        let marks = Self.markers(svg)
        #expect(marks.count == 3)
        let x = Dictionary(uniqueKeysWithValues: marks.map { ($0.run, $0.x) })
        #expect(x[2]! < x[3]! && x[3]! < x[1]!, "placed by date: \(marks)")
        // By date: 15 days between the first and the last, 8 between the first and the second.
        let fraction = (x[3]! - x[2]!) / (x[1]! - x[2]!)
        #expect(abs(fraction - 8.0 / 15.0) < 0.01, "\(fraction)")
        #expect(marks.first { $0.run == 3 }?.failed == true && marks.filter(\.failed).count == 1, "the slow run is marked failed")
        #expect(svg.contains(">pass mark 70</text>"))
        #expect(svg.contains(">response SLA 15m</text>") && svg.contains(">resolution SLA 4h</text>"))
        #expect(svg.contains(">failed run</text>"))
        // One contain line through every run that contained (a run that did not is left out, not a break in the line).
        #expect(svg.components(separatedBy: "stroke=\"#ff7f0e\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>").count - 1 == 2,
                "one contain line, and its legend")
        #expect(svg.contains("2026-11-20") && svg.contains("2026-11-28") && svg.contains("2026-12-05"), "dates under the chart")
        #expect(XMLParser(data: Data(svg.utf8)).parse())
    }
}
