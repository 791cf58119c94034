/// The BI team's indicator table for one area, as typed rows: for each indicator series (an
/// indicator with its sex and age), the latest and previous period side by side — the area's
/// value with its 95% limits, count and denominator, each comparator's value with the Fingertips
/// comparison and RAG rating, the rank among the statistical neighbours, the change since the
/// previous period, and the Fingertips recent-trend result.
///
/// Built from an ``IndicatorAnalysis``; the `Equity` module renders it as CSV, Markdown and HTML.
/// Comparisons follow Fingertips' benchmarking rules (PHE, *Technical Guide: Confidence
/// Intervals*; `shared/methods.md` §3), trends the Fingertips recent-trend test (§4).
public struct IndicatorReport: Sendable {
    /// One comparator's value and the area's comparison with it.
    public struct Benchmark: Sendable {
        /// Which comparator.
        public var comparator: ComparatorKind
        /// The comparator's area code, or "N neighbours".
        public var code: String
        /// The comparator's value (the mean of the area and its neighbours for `.neighbours`).
        public var value: Double
        /// The comparison's result, label and RAG rating.
        public var outcome: BenchmarkComparison.Outcome
        /// The area's competition rank among itself and its neighbours, best first (`.neighbours` only).
        public var rank: Int?
        /// How many areas were ranked.
        public var rankOf: Int?
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
        /// The change since the previous period (overlap of the two 95% intervals), if there is one.
        public var change: ChangeResult?

        /// The comparison with one comparator, if the area has it.
        public subscript(_ comparator: ComparatorKind) -> Benchmark? {
            benchmarks.first { $0.comparator == comparator }
        }
    }

    /// One indicator series: the latest period, the previous one and the recent trend.
    public struct Line: Sendable {
        /// The indicator's metadata (name, unit, polarity, group, benchmarking method).
        public var indicator: IndicatorDataSet.Indicator
        /// The series' sex ("" when the data has none).
        public var sex: String
        /// The series' age group ("" when the data has none).
        public var age: String
        /// The latest period with a row.
        public var latest: Period
        /// The period before it, if any.
        public var previous: Period?
        /// The Fingertips recent trend over the series.
        public var trend: RecentTrend.Result?
    }

    /// The area's code.
    public let area: String
    /// The area's name (its code when the data has no name).
    public let areaName: String
    /// One line per indicator series, in the indicators file's order.
    public let lines: [Line]

    /// The table for `area`; throws when the data has no rows for it.
    public init(analysis: IndicatorAnalysis, area: String) throws {
        let data = analysis.data
        guard let areaID = data.names.find(area), let first = data.area.firstIndex(of: areaID) else {
            throw EquityError.invalidArgument("area \(MessageText.quoted(area)) has no rows in \(data.dataFile)")
        }
        self.area = area
        let name = data.names.string(data.areaName[first])
        areaName = name.isEmpty ? area : name
        let comparisons = analysis.comparisons(areas: [area])
        let trends = analysis.trends(areas: [area])

        struct SeriesKey: Hashable { var indicator: String, sex: String, age: String }
        var bySeries: [SeriesKey: [String: [IndicatorAnalysis.Comparison]]] = [:]
        var seriesOrder: [SeriesKey] = []
        for c in comparisons {
            let key = SeriesKey(indicator: c.row.indicator, sex: c.row.sex, age: c.row.age)
            if bySeries[key] == nil { seriesOrder.append(key) }
            bySeries[key, default: [:]][c.row.period, default: []].append(c)
        }
        var lines: [Line] = []
        for id in data.indicatorOrder {
            guard let indicator = data.indicators[id] else { continue }
            for key in seriesOrder where key.indicator == id {
                guard let periods = bySeries[key] else { continue }
                let ordered = periods.keys.sorted(by: IndicatorDataSet.periodLess)
                guard let last = ordered.last, let latest = Self.period(periods[last] ?? []) else { continue }
                let previous = ordered.count > 1 ? Self.period(periods[ordered[ordered.count - 2]] ?? []) : nil
                let trend = trends.first { $0.indicator == id && $0.sex == key.sex && $0.age == key.age }?.result
                lines.append(Line(indicator: indicator, sex: key.sex, age: key.age, latest: latest, previous: previous, trend: trend))
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
            Benchmark(comparator: c.comparator, code: c.comparatorCode, value: c.comparatorValue, outcome: c.outcome,
                      rank: c.rank, rankOf: c.rankOf, note: c.note)
        }
        return Period(period: row.period, value: row.value, lower95: row.lower95, upper95: row.upper95, count: row.count,
                      denominator: row.denominator, benchmarks: benchmarks, change: first.change)
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
