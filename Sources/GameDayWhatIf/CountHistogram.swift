/// Counts of non-negative integer values, stored in pages allocated as values arrive: exact nearest-rank
/// percentiles in memory that grows with the spread of the values, not with the number of runs.
public struct CountHistogram: Sendable, Hashable {
    private static let pageSize = 4096
    private var pages: [[UInt64]?] = []
    /// How many values were added.
    public private(set) var count: UInt64 = 0
    /// Their sum.
    public private(set) var sum: UInt64 = 0

    /// An empty histogram.
    public init() {}

    /// Adds `value` (negative values count as 0).
    @inline(__always) public mutating func add(_ value: Int) {
        let v = max(0, value)
        let page = v / Self.pageSize
        if page >= pages.count { pages.append(contentsOf: repeatElement(nil, count: page - pages.count + 1)) }
        if pages[page] == nil { pages[page] = Array(repeating: 0, count: Self.pageSize) }
        pages[page]![v % Self.pageSize] &+= 1
        count &+= 1
        sum &+= UInt64(v)
    }

    /// Adds every count of `other`.
    public mutating func merge(_ other: CountHistogram) {
        for (p, page) in other.pages.enumerated() {
            guard let page else { continue }
            if p >= pages.count { pages.append(contentsOf: repeatElement(nil, count: p - pages.count + 1)) }
            if pages[p] == nil { pages[p] = page } else {
                for i in page.indices where page[i] != 0 { pages[p]![i] &+= page[i] }
            }
        }
        count &+= other.count
        sum &+= other.sum
    }

    /// How many values lie in `range`.
    public func count(in range: ClosedRange<Int>) -> UInt64 {
        var total: UInt64 = 0
        let low = max(0, range.lowerBound), high = range.upperBound
        guard low <= high else { return 0 }
        for p in (low / Self.pageSize)...(high / Self.pageSize) where p < pages.count {
            guard let page = pages[p] else { continue }
            let from = max(low - p * Self.pageSize, 0), to = min(high - p * Self.pageSize, Self.pageSize - 1)
            if from <= to { for i in from...to { total &+= page[i] } }
        }
        return total
    }

    /// The largest value added, nil when empty.
    public var maximum: Int? {
        for p in pages.indices.reversed() {
            guard let page = pages[p], let i = page.lastIndex(where: { $0 != 0 }) else { continue }
            return p * Self.pageSize + i
        }
        return nil
    }

    /// The nearest-rank percentile `percent` (the value at 1-based rank ⌈percent/100 × n⌉, at least 1), nil when empty.
    public func percentile(_ percent: Int) -> Int? {
        guard count > 0 else { return nil }
        let rank = max(1, (UInt64(percent) * count + 99) / 100)
        var seen: UInt64 = 0
        for (p, page) in pages.enumerated() {
            guard let page else { continue }
            for (i, n) in page.enumerated() where n != 0 {
                seen += n
                if seen >= rank { return p * Self.pageSize + i }
            }
        }
        return nil
    }
}
