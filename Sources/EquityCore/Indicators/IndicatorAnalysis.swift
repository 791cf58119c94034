import Dispatch

/// Fingertips comparisons, changes and recent trends over an ``IndicatorDataSet``
/// (`equity compare`, `equity trend`, `equity report`).
///
/// Rows are radix-sorted once by (series variant, area, period), so each series — an indicator
/// for one area, sex, age and category — is a contiguous run; comparator values come from a dense
/// (variant × period × area) index when it fits in memory (a hash map otherwise). No strings are
/// built in the per-row loops; series are processed on all cores and written in order.
public final class IndicatorAnalysis {
    /// Choices where Fingertips' current and older rules differ.
    public struct Options: Sendable {
        /// The recent-trend rule (default: Fingertips today).
        public var trendRule: RecentTrend.Rule = .current
        /// The test of change since the previous period (default: the difference of two estimates).
        public var changeTest: PeriodChange.Test = .difference
        /// How comparison results are spelt.
        public var labels: LabelStyle = .fingertips
        /// The defaults.
        public init() {}
    }

    /// The rows, indicators and comparators analysed.
    public let data: IndicatorDataSet
    /// The options in force.
    public let options: Options

    /// Row indices sorted by (variant, area, period rank); series boundaries into `order`.
    package let order: [Int32]
    package let seriesStart: [Int]
    /// Per row: its variant (indicator, sex, age, category type, category).
    package let variant: [Int32]
    package let variantIndicator: [Int32]
    /// Period rank of each interned period id (-1 if not a period).
    package let periodRank: [Int32]
    package let periodCount: Int
    /// The parsed period of each rank (nil where the text is not a period).
    package let periods: [TimePeriod?]
    /// Per comparator kind: comparator area → the areas it is a comparator of (for quintiles).
    package let groupMembers: [ComparatorKind: [Int32: [Int32]]]
    /// Per interned area code: the interned name the data gives it, or -1.
    package let areaNames: [Int32]
    /// Dense index cell (variant, period, area) → row, or -1.
    let dense: [Int32]
    let sparse: [UInt64: Int32]
    let useDense: Bool
    let areaCount: Int

    struct VariantKey: Hashable {
        var indicator: Int32, sex: Int32, age: Int32, categoryType: Int32, category: Int32
    }

    /// Sorts and indexes `data` for comparisons and trends (the data set must not change after).
    public init(_ data: IndicatorDataSet, options: Options = Options()) {
        self.data = data
        self.options = options
        let n = data.rowCount
        // Variants: (indicator, sex, age, category type, category).
        var variantOf: [VariantKey: Int32] = [:]
        var vIndicator: [Int32] = []
        var v = [Int32](repeating: 0, count: n)
        var lastKey = VariantKey(indicator: -1, sex: -1, age: -1, categoryType: -1, category: -1), lastVariant: Int32 = 0
        for i in 0..<n {
            let key = VariantKey(indicator: data.indicatorIndex[i], sex: data.sex[i], age: data.age[i],
                                 categoryType: data.categoryType[i], category: data.category[i])
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
        // Periods: parse and rank the distinct period texts (unparsed texts last, by text).
        let names = data.names
        var seenPeriod = [Bool](repeating: false, count: names.count)
        var distinct: [Int32] = []
        for p in data.period where !seenPeriod[Int(p)] { seenPeriod[Int(p)] = true; distinct.append(p) }
        let parsed = distinct.map { TimePeriod.parse(names.string($0)) }
        let ordering = distinct.indices.sorted { a, b in
            switch (parsed[a], parsed[b]) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return names.string(distinct[a]) < names.string(distinct[b])
            }
        }
        var rank = [Int32](repeating: -1, count: names.count)
        for (k, idx) in ordering.enumerated() { rank[Int(distinct[idx])] = Int32(k) }
        periodRank = rank
        periodCount = ordering.count
        periods = ordering.map { parsed[$0] }
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
        // Quintile groups: who shares each comparator.
        var members: [ComparatorKind: [Int32: [Int32]]] = [:]
        for (kind, map) in data.comparators {
            for (area, codes) in map { for code in codes { members[kind, default: [:]][code, default: []].append(area) } }
        }
        groupMembers = members
        var areaNameOf = [Int32](repeating: -1, count: names.count)
        let emptyName = names.find("") ?? -2
        for i in 0..<n where areaNameOf[Int(data.area[i])] < 0 && data.areaName[i] != emptyName { areaNameOf[Int(data.area[i])] = data.areaName[i] }
        areaNames = areaNameOf
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

    /// The areas whose rows are compared: every area with a comparator other than itself.
    package func comparedAreas() -> Set<Int32> {
        var out = Set<Int32>()
        for map in data.comparators.values { for (area, codes) in map where codes.contains(where: { $0 != area }) { out.insert(area) } }
        return out
    }
}
