/// Counts of non-negative integer values, stored in pages allocated as values arrive: exact nearest-rank
/// percentiles in memory that grows with the spread of the values, not with the number of runs.
public struct CountHistogram: Sendable, Hashable {
    private static let pageShift = 12
    private static let pageSize = 1 << pageShift
    /// Per page of values, where its counts start in `counts`, or -1 while no value of it arrived.
    private var pageStart: [Int] = []
    /// The counts of every allocated page, pages in the order they were allocated.
    private var counts: [UInt64] = []
    /// How many values were added.
    public private(set) var count: UInt64 = 0
    /// Their sum.
    public private(set) var sum: UInt64 = 0

    /// An empty histogram.
    public init() {}

    /// Adds `value` (negative values count as 0).
    @inline(__always) public mutating func add(_ value: Int) {
        add(max(0, value), times: 1)
    }

    @inline(__always) private mutating func add(_ v: Int, times: UInt64) {
        let page = v >> Self.pageShift
        if page >= pageStart.count || pageStart[page] < 0 { allocate(page) }
        counts[pageStart[page] + (v & (Self.pageSize - 1))] &+= times
        count &+= times
        sum &+= UInt64(v) &* times
    }

    private mutating func allocate(_ page: Int) {
        if page >= pageStart.count { pageStart.append(contentsOf: repeatElement(-1, count: page - pageStart.count + 1)) }
        pageStart[page] = counts.count
        counts.append(contentsOf: repeatElement(0, count: Self.pageSize))
    }

    /// The counts of page `p`, nil when none of its values arrived.
    private func page(_ p: Int) -> ArraySlice<UInt64>? {
        guard p < pageStart.count, pageStart[p] >= 0 else { return nil }
        return counts[pageStart[p]..<(pageStart[p] + Self.pageSize)]
    }

    /// Adds every count of `other`.
    public mutating func merge(_ other: CountHistogram) {
        for p in other.pageStart.indices {
            guard let page = other.page(p) else { continue }
            for (i, n) in zip(page.indices, page) where n != 0 {
                add(p << Self.pageShift | (i - page.startIndex), times: n)
            }
        }
    }

    /// Equal when they hold the same counts, whatever order their pages were allocated in.
    public static func == (a: CountHistogram, b: CountHistogram) -> Bool {
        guard a.count == b.count, a.sum == b.sum else { return false }
        for p in 0..<max(a.pageStart.count, b.pageStart.count) {
            let x = a.page(p), y = b.page(p)
            if let x, let y { if !x.elementsEqual(y) { return false } } else if let nonEmpty = x ?? y, nonEmpty.contains(where: { $0 != 0 }) {
                return false
            }
        }
        return true
    }

    /// Hashes the counts as `==` compares them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(sum)
        for p in pageStart.indices {
            guard let page = page(p), page.contains(where: { $0 != 0 }) else { continue }
            hasher.combine(p)
            for n in page { hasher.combine(n) }
        }
    }

    /// How many values lie in `range`.
    public func count(in range: ClosedRange<Int>) -> UInt64 {
        var total: UInt64 = 0
        let low = max(0, range.lowerBound), high = range.upperBound
        guard low <= high else { return 0 }
        for p in (low / Self.pageSize)...(high / Self.pageSize) where p < pageStart.count {
            guard let page = page(p) else { continue }
            let from = max(low - p * Self.pageSize, 0), to = min(high - p * Self.pageSize, Self.pageSize - 1)
            if from <= to { for i in from...to { total &+= page[page.startIndex + i] } }
        }
        return total
    }

    /// The largest value added, nil when empty.
    public var maximum: Int? {
        for p in pageStart.indices.reversed() {
            guard let page = page(p), let i = page.lastIndex(where: { $0 != 0 }) else { continue }
            return p * Self.pageSize + (i - page.startIndex)
        }
        return nil
    }

    /// The nearest-rank percentile `percent` (the value at 1-based rank ⌈percent/100 × n⌉, at least 1), nil when empty.
    public func percentile(_ percent: Int) -> Int? {
        guard count > 0 else { return nil }
        let rank = max(1, (UInt64(percent) * count + 99) / 100)
        var seen: UInt64 = 0
        for p in pageStart.indices {
            guard let page = page(p) else { continue }
            for (i, n) in page.enumerated() where n != 0 {
                seen += n
                if seen >= rank { return p * Self.pageSize + i }
            }
        }
        return nil
    }
}
