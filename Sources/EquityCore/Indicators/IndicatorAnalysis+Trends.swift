import Dispatch

/// The Fingertips recent-trend test (methods.md §4) on every series, and the annual percentage
/// change over a whole series.
extension IndicatorAnalysis {
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

    /// The recent trend of one series (an indicator for one area, sex, age and category).
    public struct SeriesTrend: Sendable {
        /// The indicator's id.
        public var indicator: String
        /// The area's code.
        public var area: String
        /// The area's name.
        public var areaName: String
        /// The series' sex ("" for none).
        public var sex: String
        /// The series' age group ("" for none).
        public var age: String
        /// The series' category type ("" for the headline series).
        public var categoryType: String
        /// The series' category ("" for the headline series).
        public var category: String
        /// The latest period of the series.
        public var latestPeriod: String
        /// The Fingertips recent-trend result.
        public var result: RecentTrend.Result
    }

    /// The recent trend of every series, or of the series of `areas`.
    public func trends(areas: Set<String>? = nil) -> [SeriesTrend] {
        let ids = areas.map { Set($0.compactMap { data.names.find($0) }) }
        return trendResults(areas: ids).compactMap { t in
            guard let t else { return nil }
            let r = data.row(t.first)
            return SeriesTrend(indicator: r.indicator, area: r.area, areaName: r.areaName, sex: r.sex, age: r.age,
                               categoryType: r.categoryType, category: r.category,
                               latestPeriod: data.names.string(data.period[t.last]), result: t.result)
        }
    }

    package func trend(_ rows: [Int], _ ind: IndicatorDataSet.Indicator) -> RecentTrend.Result {
        let d = data
        var points: [RecentTrend.Point] = []
        var periodsOfRows: [TimePeriod] = []
        var unparsed = 0
        for r in rows {
            let pr = periodRank[Int(d.period[r])]
            guard pr >= 0, let p = periods[Int(pr)] else { unparsed += 1; continue }
            periodsOfRows.append(p)
            points.append(.init(year: p.startYear, value: d.value[r], lower: d.lower95[r], upper: d.upper95[r], count: d.count[r], denominator: d.denominator[r]))
        }
        if points.isEmpty {
            return RecentTrend.Result(label: .cannotBeCalculated, chiSquared: .nan, slope: .nan, points: 0, method: nil, significant: false,
                                      note: unparsed > 0 ? "periods not recognised" : "no data")
        }
        switch options.trendRule {
        case .current:
            var result = RecentTrend.current(points, polarity: ind.polarity, measure: ind.valueType.trendMeasure,
                                             annual: periodsOfRows.allSatisfy { $0.months <= 12 })
            if ind.valueType == .unknown { result.note += " (value type not stated: give it in the metadata file)" }
            return result
        case .legacy:
            return legacyTrend(points, periodsOfRows, ind)
        }
    }

    /// The rule of methods.md §4: annual, non-overlapping points (multi-year periods spaced by
    /// their span), χ² on counts for proportions.
    func legacyTrend(_ input: [RecentTrend.Point], _ periods: [TimePeriod], _ ind: IndicatorDataSet.Indicator) -> RecentTrend.Result {
        var points = input
        let spans = Set(periods.map { max(1, ($0.months + 11) / 12) })
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
        default:
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
            guard pr >= 0, let p = periods[Int(pr)] else { continue }
            t.append(Double(p.firstMonth + p.lastMonth + 1) / 24) // the period's midpoint, in years
            x.append(d.count[r]); n.append(d.denominator[r])
        }
        return (AnnualPercentChange.fit(times: t, counts: x, denominators: n, model: model), model.rawValue, t.count)
    }
}
