/// The BI team's indicator table for one area, as typed rows: for each indicator series (an
/// indicator with its sex, age and category), the latest and previous period side by side — the
/// area's value with its 95% limits, count and denominator, each comparator's value with the
/// Fingertips comparison and RAG rating, the neighbour average and rank, the change since the
/// previous period — the Fingertips recent trend, the series' history (for trend charts) and
/// England's spread of the areas of the same type (for the spine chart).
///
/// Built from an ``IndicatorAnalysis``; the `Equity` module renders it as CSV (wide and tidy),
/// Markdown, HTML with charts, SVG and Excel. Comparisons follow Fingertips' benchmarking rules
/// (PHE, *Technical Guide: Confidence Intervals*; methods.md §3), trends the Fingertips
/// recent-trend test (§4), changes ``PeriodChange``.
public struct IndicatorReport: Sendable {
    /// One comparator's value and the area's comparison with it.
    public struct Benchmark: Sendable {
        /// Which comparator.
        public var comparator: ComparatorKind
        /// The comparator's area code, or "N neighbours".
        public var code: String
        /// The comparator's name ("England", "East of England", "15 neighbours").
        public var name: String
        /// The comparator's value (the mean of the area and its neighbours for `.neighbours`).
        public var value: Double
        /// The comparison's result, label and RAG rating.
        public var outcome: BenchmarkComparison.Outcome
        /// The area's competition rank among itself and its neighbours, best first (`.neighbours` only).
        public var rank: Int?
        /// How many areas were ranked.
        public var rankOf: Int?
        /// The label Fingertips published for this comparison ("" if none).
        public var published: String
        /// Why the comparison is missing or qualified (empty otherwise).
        public var note: String
    }

    /// One period of one series.
    public struct Period: Sendable {
        /// The period as written in the data ("2020-22", "2021/22", …).
        public var period: String
        /// The area's value.
        public var value: Double
        /// The lower 95% limit.
        public var lower95: Double
        /// The upper 95% limit.
        public var upper95: Double
        /// The count (numerator), or NaN when the data has none.
        public var count: Double
        /// The denominator, or NaN when the data has none.
        public var denominator: Double
        /// The comparisons, in ``ComparatorKind`` order, for the comparators the area has.
        public var benchmarks: [Benchmark]
        /// The change since the previous period, if there is one.
        public var change: PeriodChange?
        /// The publisher's note on the value.
        public var valueNote: String
        /// Notes on the row (limits rebuilt, no limits published, …).
        public var note: String

        /// The comparison with one comparator, if the area has it.
        public subscript(_ comparator: ComparatorKind) -> Benchmark? {
            benchmarks.first { $0.comparator == comparator }
        }
    }

    /// A point of a series' history: the area's value and limits, and England's value.
    public struct HistoryPoint: Sendable {
        /// The period as written.
        public var period: String
        /// The area's value.
        public var value: Double
        /// The lower 95% limit.
        public var lower95: Double
        /// The upper 95% limit.
        public var upper95: Double
        /// England's value in the same period (NaN without an England comparator).
        public var england: Double
    }

    /// England's spread of the areas of the same type in the latest period, worst to best by
    /// polarity (Fingertips' spine chart; low-to-high when there is no judgement).
    public struct Spine: Sendable {
        /// The number of areas.
        public var areas: Int
        /// The worst value (lowest for no judgement).
        public var worst: Double
        /// The 25th percentile from the worst end (Excel PERCENTILE.INC, as Fingertips).
        public var quartile25: Double
        /// The 75th percentile from the worst end.
        public var quartile75: Double
        /// The best value (highest for no judgement).
        public var best: Double
        /// England's value (NaN if the data has none).
        public var england: Double
        /// The area's value.
        public var area: Double
    }

    /// One indicator series: the latest period, the previous one, the recent trend and charts.
    public struct Line: Sendable {
        /// The indicator's metadata (name, unit, polarity, group, benchmarking method, decimals).
        public var indicator: IndicatorDataSet.Indicator
        /// The series' sex ("" when the data has none).
        public var sex: String
        /// The series' age group ("" when the data has none).
        public var age: String
        /// The category type ("" for the headline series).
        public var categoryType: String
        /// The category ("" for the headline series).
        public var category: String
        /// The latest period with a row.
        public var latest: Period
        /// The period before it, if any.
        public var previous: Period?
        /// The Fingertips recent trend over the series.
        public var trend: RecentTrend.Result?
        /// Every period of the series, oldest first.
        public var history: [HistoryPoint]
        /// England's spread in the latest period (nil with fewer than 2 areas of the area's type).
        public var spine: Spine?
    }

    /// The area's code.
    public let area: String
    /// The area's name (its code when the data has no name).
    public let areaName: String
    /// One line per indicator series, in the indicators' order; headline series before category
    /// series.
    public let lines: [Line]
    /// How comparison results are spelt.
    public let labels: LabelStyle

    /// The table for `area`; throws when the data has no rows for it (with or without spaces
    /// around the code).
    public init(analysis: IndicatorAnalysis, area: String, includeCategories: Bool = false) throws {
        let data = analysis.data
        let code = area.trimmingSpaces()
        guard let areaID = data.names.find(code), let first = data.area.firstIndex(of: areaID) else {
            throw EquityError.invalidArgument("area \(MessageText.quoted(area)) has no rows in \(data.dataFile)")
        }
        self.area = code
        self.labels = analysis.options.labels
        let name = data.names.string(data.areaName[first])
        areaName = name.isEmpty ? code : name
        let comparisons = analysis.comparisons(areas: [code])
        let trends = analysis.trends(areas: [code])

        struct SeriesKey: Hashable { var indicator: String, sex: String, age: String, categoryType: String, category: String }
        var bySeries: [SeriesKey: [String: [IndicatorAnalysis.Comparison]]] = [:]
        var seriesOrder: [SeriesKey] = []
        for c in comparisons {
            let key = SeriesKey(indicator: c.row.indicator, sex: c.row.sex, age: c.row.age, categoryType: c.row.categoryType, category: c.row.category)
            if bySeries[key] == nil { seriesOrder.append(key) }
            bySeries[key, default: [:]][c.row.period, default: []].append(c)
        }
        func periodLess(_ a: String, _ b: String) -> Bool {
            switch (TimePeriod.parse(a), TimePeriod.parse(b)) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a < b
            }
        }
        var lines: [Line] = []
        for id in data.indicatorOrder {
            guard let indicator = data.indicators[id] else { continue }
            let keys = seriesOrder.filter { $0.indicator == id && (includeCategories || $0.categoryType.isEmpty) }
                .sorted { ($0.categoryType.isEmpty ? 0 : 1) < ($1.categoryType.isEmpty ? 0 : 1) }
            for key in keys {
                guard let periods = bySeries[key] else { continue }
                let ordered = periods.keys.sorted(by: periodLess)
                guard let last = ordered.last, let latest = Self.period(periods[last] ?? []) else { continue }
                let previous = ordered.count > 1 ? Self.period(periods[ordered[ordered.count - 2]] ?? []) : nil
                let trend = trends.first {
                    $0.indicator == id && $0.sex == key.sex && $0.age == key.age && $0.categoryType == key.categoryType && $0.category == key.category
                }?.result
                let history = ordered.compactMap { p -> HistoryPoint? in
                    guard let cs = periods[p], let row = cs.first?.row else { return nil }
                    return HistoryPoint(period: p, value: row.value, lower95: row.lower95, upper95: row.upper95,
                                        england: cs.first { $0.comparator == .england }?.comparatorValue ?? .nan)
                }
                let spine = Self.spine(analysis, rowIndex: periods[last]?.first?.rowIndex ?? -1, polarity: indicator.polarity,
                                       england: latest[.england]?.value ?? .nan)
                lines.append(Line(indicator: indicator, sex: key.sex, age: key.age, categoryType: key.categoryType, category: key.category,
                                  latest: latest, previous: previous, trend: trend, history: history, spine: spine))
            }
        }
        self.lines = lines
    }

    static func period(_ comparisons: [IndicatorAnalysis.Comparison]) -> Period? {
        guard let first = comparisons.first else { return nil }
        let row = first.row
        let benchmarks = comparisons.sorted { a, b in
            (ComparatorKind.allCases.firstIndex(of: a.comparator) ?? 0) < (ComparatorKind.allCases.firstIndex(of: b.comparator) ?? 0)
        }.map { c in
            Benchmark(comparator: c.comparator, code: c.comparatorCode, name: c.comparatorName, value: c.comparatorValue, outcome: c.outcome,
                      rank: c.rank, rankOf: c.rankOf, published: c.published, note: c.note)
        }
        return Period(period: row.period, value: row.value, lower95: row.lower95, upper95: row.upper95, count: row.count,
                      denominator: row.denominator, benchmarks: benchmarks, change: first.change, valueNote: row.valueNote, note: row.note)
    }

    /// The spread of the area's type in its latest period (every area of the type with a value).
    static func spine(_ analysis: IndicatorAnalysis, rowIndex r: Int, polarity: Polarity, england: Double) -> Spine? {
        let d = analysis.data
        guard r >= 0 else { return nil }
        let pRank = analysis.periodRank[Int(d.period[r])]
        guard pRank >= 0 else { return nil }
        let variant = analysis.variant[r], typeID = d.areaType[r]
        var values: [Double] = []
        for a in 0..<Int32(d.names.count) {
            let j = analysis.lookup(variant: variant, period: pRank, area: a)
            if j >= 0, d.areaType[j] == typeID, !d.value[j].isNaN { values.append(d.value[j]) }
        }
        guard values.count >= 2 else { return nil }
        values.sort()
        if polarity == .lowIsGood { values.reverse() } // worst (highest) first
        let q25 = percentile(values, 0.25), q75 = percentile(values, 0.75)
        return Spine(areas: values.count, worst: values[0], quartile25: q25, quartile75: q75, best: values[values.count - 1],
                     england: england, area: d.value[r])
    }

    /// Excel PERCENTILE.INC along an ordered list (ascending or descending).
    static func percentile(_ v: [Double], _ p: Double) -> Double {
        let h = Double(v.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, v.count - 1)
        return v[lo] + (h - Double(lo)) * (v[hi] - v[lo])
    }

    /// The indicators' groups in first-seen order, with their lines.
    public var groups: [(group: String, lines: [Line])] {
        var order: [String] = [], by: [String: [Line]] = [:]
        for l in lines {
            if by[l.indicator.group] == nil { order.append(l.indicator.group) }
            by[l.indicator.group, default: []].append(l)
        }
        return order.map { ($0, by[$0] ?? []) }
    }
}
