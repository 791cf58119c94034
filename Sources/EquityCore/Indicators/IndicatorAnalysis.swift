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

    /// One comparison of one area's value with one comparator.
    public struct Comparison: Sendable {
        /// The area's row.
        public var row: IndicatorDataSet.Row
        /// What it is compared with.
        public var comparator: ComparatorKind
        /// The comparator's area code ("N neighbours" for the statistical neighbours).
        public var comparatorCode: String
        /// The comparator's value (NaN when it has none for this period).
        public var comparatorValue: Double
        /// The Fingertips comparison (methods.md §3).
        public var outcome: BenchmarkComparison.Outcome
        /// The area's competition rank among itself and its neighbours, best first (neighbours only).
        public var rank: Int?
        /// How many areas were ranked.
        public var rankOf: Int?
        /// The same series' previous period, if any.
        public var previous: IndicatorDataSet.Row?
        /// The change since `previous` (overlap of the two 95% intervals).
        public var change: ChangeResult?
        /// Why a comparison is missing, and how limits were made (empty otherwise).
        public var note: String
    }

    package static let kinds = ComparatorKind.allCases

    /// Calls `body` for every comparison of the series in `seriesRange`.
    package func forEachComparison(series seriesRange: Range<Int>, areas: Set<Int32>?,
                           _ body: (Int, Int?, ComparatorKind, Int32, Double, BenchmarkComparison.Outcome, (rank: Int, of: Int)?, ChangeResult?, Int) -> Void) {
        let d = data
        let comparatorMaps = Self.kinds.map { d.comparators[$0] }
        let indicatorList = d.indicatorOrder.map { d.indicators[$0]! }
        var values: [Double] = [] // the neighbour group's values, reused across rows
        for si in seriesRange {
            let first = Int(order[seriesStart[si]])
            let areaID = d.area[first]
            if let areas, !areas.contains(areaID) { continue }
            if areas == nil && !comparatorMaps.contains(where: { $0?[areaID] != nil }) { continue }
            let ind = indicatorList[Int(d.indicatorIndex[first])]
            let vID = variant[first]
            for k in seriesStart[si]..<seriesStart[si + 1] {
                let ri = Int(order[k])
                let previous = k > seriesStart[si] ? Int(order[k - 1]) : nil
                let changed = previous.flatMap { self.change(ri, $0, ind.polarity) }
                let pRank = periodRank[Int(d.period[ri])]
                for (kindIndex, kind) in Self.kinds.enumerated() {
                    guard let codes = comparatorMaps[kindIndex]?[areaID], !codes.isEmpty else { continue }
                    var comparatorValue = Double.nan
                    var rank: (rank: Int, of: Int)? = nil
                    var note = 0 // 1: no comparator value
                    if kind == .neighbours {
                        values.removeAll(keepingCapacity: true)
                        for code in [areaID] + codes {
                            let j = lookup(variant: vID, period: pRank, area: code)
                            if j >= 0, !d.value[j].isNaN { values.append(d.value[j]) }
                        }
                        if !values.isEmpty { comparatorValue = values.reduce(0, +) / Double(values.count) }
                        rank = CompetitionRank.rank(of: d.value[ri], among: values, polarity: ind.polarity)
                    } else {
                        let j = lookup(variant: vID, period: pRank, area: codes[0])
                        if j >= 0 { comparatorValue = d.value[j] } else { note = 1 }
                    }
                    let outcome = benchmark(ri, ind, comparatorValue: comparatorValue, kind: kind, comparatorCode: codes[0], variant: vID, period: pRank)
                    body(ri, previous, kind, codes[0], comparatorValue, outcome, rank, changed, note)
                }
            }
        }
    }

    /// Comparisons as values (for reports and small selections).
    public func comparisons(areas: Set<String>? = nil) -> [Comparison] {
        let ids = areas.map { Set($0.compactMap { data.names.find($0) }) }
        var out: [Comparison] = []
        forEachComparison(series: 0..<(seriesStart.count - 1), areas: ids) { ri, previous, kind, code, cv, outcome, rank, change, note in
            let n = data.comparators[kind]?[data.area[ri]]?.count ?? 0
            let notes = [note == 1 ? "no \(kind.rawValue) value for this period" : "", outcome.note, IndicatorDataSet.noteTexts[Int(data.noteCode[ri])]]
                .filter { !$0.isEmpty }
            out.append(Comparison(row: data.row(ri), comparator: kind, comparatorCode: kind == .neighbours ? "\(n) neighbours" : data.names.string(code),
                                  comparatorValue: cv, outcome: outcome, rank: rank?.rank, rankOf: rank?.of, previous: previous.map { data.row($0) },
                                  change: change, note: notes.joined(separator: "; ")))
        }
        return out
    }

    /// The change from row p (previous period) to row r, by overlapping 95% intervals.
    package func change(_ r: Int, _ p: Int, _ polarity: Polarity) -> ChangeResult? {
        let d = data
        return BenchmarkComparison.change(latest: (d.value[r], d.lower95[r], d.upper95[r]),
                                          previous: (d.value[p], d.lower95[p], d.upper95[p]), polarity: polarity)
    }

    package func benchmark(_ r: Int, _ ind: IndicatorDataSet.Indicator, comparatorValue: Double, kind: ComparatorKind, comparatorCode: Int32,
                   variant vID: Int32, period pRank: Int32) -> BenchmarkComparison.Outcome {
        let d = data
        switch ind.benchmark {
        case .none: return .notCompared("indicator not benchmarked")
        case .ci95: return BenchmarkComparison.compare(lower: d.lower95[r], upper: d.upper95[r], comparator: comparatorValue, polarity: ind.polarity)
        case .ci998: return BenchmarkComparison.compare(lower: d.lower998[r], upper: d.upper998[r], comparator: comparatorValue, polarity: ind.polarity)
        case .twoLevel:
            return BenchmarkComparison.compareTwoLevel(lower95: d.lower95[r], upper95: d.upper95[r], lower998: d.lower998[r], upper998: d.upper998[r],
                                                       comparator: comparatorValue, polarity: ind.polarity)
        case .quintiles:
            // All areas of the same type under the same comparator.
            let members = (d.comparators[kind] ?? [:]).filter { $0.value.contains(comparatorCode) }.map(\.key)
            var values: [Double] = []
            for m in members {
                let j = lookup(variant: vID, period: pRank, area: m)
                if j >= 0 && d.areaType[j] == d.areaType[r] { values.append(d.value[j]) }
            }
            guard let q = QuintileBenchmark.quintile(of: d.value[r], among: values) else {
                return .notCompared("fewer than 5 areas to form quintiles")
            }
            return BenchmarkComparison.Outcome(.quintile(q))
        }
    }

    /// The recent trend of every series (or of the given areas): (first row of the series, latest row, result).
    package func trendResults(areas: Set<Int32>?, threads: Int = Parallelism.threads) -> [(first: Int, last: Int, result: RecentTrend.Result)?] {
        let seriesCount = seriesStart.count - 1
        var results = [(first: Int, last: Int, result: RecentTrend.Result)?](repeating: nil, count: seriesCount)
        let indicatorList = data.indicatorOrder.map { data.indicators[$0]! }
        results.withUnsafeMutableBufferPointer { buf in
            let out = buf
            let chunks = max(1, min(seriesCount, threads * 8))
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for si in (seriesCount * c / chunks)..<(seriesCount * (c + 1) / chunks) {
                    let first = Int(order[seriesStart[si]])
                    if let areas, !areas.contains(data.area[first]) { continue }
                    let rows = (seriesStart[si]..<seriesStart[si + 1]).map { Int(order[$0]) }
                    out[si] = (first, rows.last!, trend(rows, indicatorList[Int(data.indicatorIndex[first])]))
                }
            }
        }
        return results
    }

    /// Trends as values (for reports).
    public func trends(areas: Set<String>? = nil) -> [(key: (String, String, String, String, String), latest: String, result: RecentTrend.Result)] {
        let ids = areas.map { Set($0.compactMap { data.names.find($0) }) }
        return trendResults(areas: ids).compactMap { t in
            guard let t else { return nil }
            let r = data.row(t.first)
            return ((r.indicator, r.area, r.areaName, r.sex, r.age), data.names.string(data.period[t.last]), t.result)
        }
    }

    package func trend(_ rows: [Int], _ ind: IndicatorDataSet.Indicator) -> RecentTrend.Result {
        let d = data
        // Annual, non-overlapping points: multi-year periods are spaced by their span.
        var points: [RecentTrend.Point] = []
        var spans = Set<Int>()
        for r in rows {
            let pr = periodRank[Int(d.period[r])]
            guard pr >= 0, let (start, span) = periodYears[Int(pr)] else { continue }
            spans.insert(span)
            points.append(.init(year: start, value: d.value[r], lower: d.lower95[r], upper: d.upper95[r], count: d.count[r], denominator: d.denominator[r]))
        }
        if spans.count > 1 {
            return RecentTrend.Result(label: .cannotBeCalculated, chiSquared: .nan, slope: .nan, points: points.count, method: nil,
                                      significant: false, note: "periods of different lengths")
        }
        let span = spans.first ?? 1
        if span > 1, let last = points.last?.year {
            // Keep points spaced by the span, counting back from the latest, and renumber them.
            points = points.filter { (last - $0.year) % span == 0 }.map { p in
                var q = p
                q.year = last - (last - p.year) / span // consecutive spans become consecutive "years"
                return q
            }
        }
        switch ind.valueType {
        case .proportion:
            let haveCounts = points.suffix(5).allSatisfy { !$0.count.isNaN && !$0.denominator.isNaN }
            return RecentTrend.compute(points, polarity: ind.polarity, useCounts: haveCounts)
        case .crudeRate, .dsr, .isr, .ratio, .mean, .lifeExpectancy, .score:
            return RecentTrend.compute(points, polarity: ind.polarity, useCounts: false)
        }
    }

    /// Annual percentage change over the whole series (counts needed): Poisson log-linear for
    /// crude rates, ratios and ISRs, logistic for proportions.
    package func apc(_ rows: [Int], _ ind: IndicatorDataSet.Indicator) -> (AnnualPercentChange.Result?, String, Int) {
        let d = data
        let model: AnnualPercentChange.Model
        switch ind.valueType {
        case .proportion: model = .logistic
        case .crudeRate, .isr, .ratio: model = .poisson
        default: return (nil, "", 0)
        }
        var t: [Double] = [], x: [Double] = [], n: [Double] = []
        for r in rows where !d.count[r].isNaN && !d.denominator[r].isNaN {
            let pr = periodRank[Int(d.period[r])]
            guard pr >= 0, let (start, span) = periodYears[Int(pr)] else { continue }
            t.append(Double(start) + Double(span - 1) / 2)
            x.append(d.count[r]); n.append(d.denominator[r])
        }
        return (AnnualPercentChange.fit(times: t, counts: x, denominators: n, model: model), model.rawValue, t.count)
    }

}
