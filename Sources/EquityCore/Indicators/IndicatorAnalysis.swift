import Dispatch

/// `equity compare` and `equity trend` over an `IndicatorDataSet`.
///
/// Rows are radix-sorted once by (indicator/sex/age variant, area, period), so each series is a
/// contiguous run; comparator values come from a dense (variant × period × area) index when it
/// fits in memory (a hash map otherwise). No strings are built in the per-row loops; series are
/// processed on all cores and written in order.
public final class IndicatorAnalysis {
    /// The rows, indicators and comparators analysed.
    public let data: IndicatorDataSet

    /// Row indices sorted by (variant, area, period rank); series boundaries into `order`.
    package let order: [Int32]
    package let seriesStart: [Int]
    /// Per row: its variant (indicator, sex, age).
    package let variant: [Int32]
    package let variantIndicator: [Int32]
    /// Period rank of each interned period id (-1 if not a period).
    package let periodRank: [Int32]
    package let periodCount: Int
    package let periodYears: [(start: Int, span: Int)?]
    /// Dense index cell (variant, period, area) → row, or -1.
    let dense: [Int32]
    let sparse: [UInt64: Int32]
    let useDense: Bool
    let areaCount: Int

    /// Sorts and indexes `data` for comparisons and trends (the data set must not change after).
    public init(_ data: IndicatorDataSet) {
        self.data = data
        let n = data.rowCount
        // Variants: (indicator, sex, age).
        var variantOf: [UInt64: Int32] = [:]
        var vIndicator: [Int32] = []
        var v = [Int32](repeating: 0, count: n)
        var lastKey: UInt64 = .max, lastVariant: Int32 = 0
        for i in 0..<n {
            let key = UInt64(UInt32(data.indicatorIndex[i])) << 42 | UInt64(UInt32(data.sex[i])) << 21 | UInt64(UInt32(data.age[i]))
            if key != lastKey {
                if let found = variantOf[key] { lastVariant = found } else {
                    lastVariant = Int32(vIndicator.count)
                    variantOf[key] = lastVariant
                    vIndicator.append(data.indicatorIndex[i])
                }
                lastKey = key
            }
            v[i] = lastVariant
        }
        variant = v
        variantIndicator = vIndicator
        // Periods: rank the distinct period texts.
        let names = data.names
        let distinctPeriods = Array(Set(data.period))
        let sortedPeriods = distinctPeriods.sorted { IndicatorDataSet.periodLess(names.string($0), names.string($1)) }
        var rank = [Int32](repeating: -1, count: names.count)
        for (k, p) in sortedPeriods.enumerated() { rank[Int(p)] = Int32(k) }
        periodRank = rank
        periodCount = sortedPeriods.count
        periodYears = sortedPeriods.map { IndicatorDataSet.periodYears(names.string($0)) }
        areaCount = names.count
        // Sort rows by (variant, area, period).
        var keys = [UInt64](repeating: 0, count: n)
        var payload = [UInt32](repeating: 0, count: n)
        for i in 0..<n {
            keys[i] = UInt64(UInt32(v[i])) << 44 | UInt64(UInt32(data.area[i])) << 20 | UInt64(UInt32(rank[Int(data.period[i])]))
            payload[i] = UInt32(i)
        }
        RadixSort.sort(keys: &keys, payload: &payload)
        order = payload.map { Int32(bitPattern: $0) }
        var starts: [Int] = []
        for k in 0..<n where k == 0 || (keys[k] >> 20) != (keys[k - 1] >> 20) { starts.append(k) }
        starts.append(n)
        seriesStart = starts
        // Comparator look-up index.
        let cells = vIndicator.count * max(periodCount, 1) * max(areaCount, 1)
        if cells <= 64_000_000 {
            var d = [Int32](repeating: -1, count: cells)
            for i in 0..<n {
                d[(Int(v[i]) * periodCount + Int(rank[Int(data.period[i])])) * areaCount + Int(data.area[i])] = Int32(i)
            }
            dense = d; sparse = [:]; useDense = true
        } else {
            var sp: [UInt64: Int32] = [:]
            for i in 0..<n { sp[keys[i]] = Int32(i) }
            dense = []; sparse = sp; useDense = false
        }
    }

    @inline(__always)
    package func lookup(variant: Int32, period: Int32, area: Int32) -> Int {
        if useDense { return Int(dense[(Int(variant) * periodCount + Int(period)) * areaCount + Int(area)]) }
        return Int(sparse[UInt64(UInt32(variant)) << 44 | UInt64(UInt32(area)) << 20 | UInt64(UInt32(period))] ?? -1)
    }
}
