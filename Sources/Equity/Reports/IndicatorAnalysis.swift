/// `equity compare` and `equity trend` over an `IndicatorDataSet`: one pass that indexes rows by
/// (indicator, area, sex, age, period) — dictionaries only when building the index, plain array
/// look-ups per comparison.
public struct IndicatorAnalysis {
    public let data: IndicatorDataSet

    /// (indicator, area, sex, age) → row indices sorted by period.
    var series: [SeriesKey: [Int]] = [:]
    var seriesOrder: [SeriesKey] = []
    /// (indicator, sex, age, period) → area → row index
    var byPeriod: [PeriodKey: [String: Int]] = [:]

    struct SeriesKey: Hashable { var indicator: String; var area: String; var sex: String; var age: String }
    struct PeriodKey: Hashable { var indicator: String; var sex: String; var age: String; var period: String }

    public init(_ data: IndicatorDataSet) {
        self.data = data
        for (i, r) in data.rows.enumerated() {
            let k = SeriesKey(indicator: r.indicator, area: r.area, sex: r.sex, age: r.age)
            if series[k] == nil { seriesOrder.append(k) }
            series[k, default: []].append(i)
            byPeriod[PeriodKey(indicator: r.indicator, sex: r.sex, age: r.age, period: r.period), default: [:]][r.area] = i
        }
        for k in seriesOrder {
            series[k]!.sort { IndicatorDataSet.periodLess(data.rows[$0].period, data.rows[$1].period) }
        }
    }

    public static let compareHeader = ["indicator_id", "area_code", "area_name", "sex", "age", "period", "value", "lowercl", "uppercl",
                                       "comparator", "comparator_code", "comparator_value", "comparison", "rag", "rank", "rank_of",
                                       "previous_period", "previous_value", "change_since_previous", "note"]

    /// One comparison of one area's value with one comparator.
    public struct Comparison: Sendable {
        public var row: IndicatorDataSet.Row
        public var comparator: String
        public var comparatorCode: String
        public var comparatorValue: Double
        public var outcome: BenchmarkComparison.Outcome
        public var rank: Int?
        public var rankOf: Int?
        public var previous: IndicatorDataSet.Row?
        public var change: String
        public var note: String
    }

    /// Comparisons for every data row of the given areas (default: every area that has
    /// comparators), against each of their comparators.
    public func comparisons(areas: Set<String>? = nil) -> [Comparison] {
        let kinds = ["england", "region", "parent", "neighbours"]
        let withComparators = Set(kinds.flatMap { data.comparators[$0]?.keys.map { $0 } ?? [] })
        var out: [Comparison] = []
        for k in seriesOrder {
            if let areas, !areas.contains(k.area) { continue }
            if areas == nil && !withComparators.contains(k.area) { continue }
            guard let ind = data.indicators[k.indicator] else { continue }
            let rowsOfSeries = series[k]!
            for (position, ri) in rowsOfSeries.enumerated() {
                let r = data.rows[ri]
                let previous = position > 0 ? data.rows[rowsOfSeries[position - 1]] : nil
                let change = previous.map { changeLabel(r, $0, ind.polarity) } ?? ""
                let peers = byPeriod[PeriodKey(indicator: r.indicator, sex: r.sex, age: r.age, period: r.period)] ?? [:]
                for kind in kinds {
                    guard let codes = data.comparators[kind]?[k.area], !codes.isEmpty else { continue }
                    var comparatorCode = codes[0]
                    var comparatorValue = Double.nan
                    var rank: (rank: Int, of: Int)? = nil
                    if kind == "neighbours" {
                        // The neighbour group: the area and its neighbours.
                        let group = [k.area] + codes
                        let values = group.compactMap { peers[$0] }.map { data.rows[$0].value }.filter { !$0.isNaN }
                        comparatorCode = "\(codes.count) neighbours"
                        if !values.isEmpty { comparatorValue = values.reduce(0, +) / Double(values.count) }
                        rank = CompetitionRank.rank(of: r.value, among: values, polarity: ind.polarity)
                    } else if let pi = peers[comparatorCode] {
                        comparatorValue = data.rows[pi].value
                    }
                    let outcome = benchmark(r, ind, comparatorValue: comparatorValue, kind: kind, comparatorCode: comparatorCode, peers: peers)
                    var notes = [outcome.note, r.note].filter { !$0.isEmpty }
                    if kind != "neighbours" && comparatorValue.isNaN { notes.insert("no \(kind) value for this period", at: 0) }
                    out.append(Comparison(row: r, comparator: kind, comparatorCode: comparatorCode, comparatorValue: comparatorValue,
                                          outcome: outcome, rank: rank?.rank, rankOf: rank?.of, previous: previous, change: change,
                                          note: Array(Set(notes)).sorted().joined(separator: "; ")))
                }
            }
        }
        return out
    }

    /// Writes `comparisons` as the `equity compare` CSV.
    public func compare(areas: Set<String>? = nil, into out: ByteWriter) {
        out.appendRow(Self.compareHeader)
        for c in comparisons(areas: areas) {
            let r = c.row
            out.field(r.indicator); out.field(r.area); out.field(r.areaName); out.field(r.sex); out.field(r.age); out.field(r.period)
            out.field(r.value); out.field(r.lower95); out.field(r.upper95)
            out.field(c.comparator); out.field(c.comparatorCode); out.field(c.comparatorValue)
            out.field(c.outcome.label); out.field(c.outcome.rag)
            out.field(c.rank.map(String.init) ?? ""); out.field(c.rankOf.map(String.init) ?? "")
            out.field(c.previous?.period ?? ""); out.field(c.previous?.value ?? .nan); out.field(c.change)
            out.field(c.note)
            out.endRow()
        }
    }

    func changeLabel(_ r: IndicatorDataSet.Row, _ p: IndicatorDataSet.Row, _ polarity: Polarity) -> String {
        guard let overlap = BenchmarkComparison.overlap(value1: r.value, lower1: r.lower95, upper1: r.upper95,
                                                        value2: p.value, lower2: p.lower95, upper2: p.upper95) else { return "" }
        if overlap { return "No significant change" }
        let up = r.value > p.value
        switch polarity {
        case .highIsGood: return up ? "Significantly better" : "Significantly worse"
        case .lowIsGood: return up ? "Significantly worse" : "Significantly better"
        default: return up ? "Significantly higher" : "Significantly lower"
        }
    }

    func benchmark(_ r: IndicatorDataSet.Row, _ ind: IndicatorDataSet.Indicator, comparatorValue: Double, kind: String,
                   comparatorCode: String, peers: [String: Int]) -> BenchmarkComparison.Outcome {
        switch ind.benchmark {
        case .none: return .notCompared("indicator not benchmarked")
        case .ci95: return BenchmarkComparison.compare(lower: r.lower95, upper: r.upper95, comparator: comparatorValue, polarity: ind.polarity)
        case .ci998: return BenchmarkComparison.compare(lower: r.lower998, upper: r.upper998, comparator: comparatorValue, polarity: ind.polarity)
        case .twoLevel:
            return BenchmarkComparison.compareTwoLevel(lower95: r.lower95, upper95: r.upper95, lower998: r.lower998, upper998: r.upper998,
                                                       comparator: comparatorValue, polarity: ind.polarity)
        case .quintiles:
            // All areas of the same type under the same comparator.
            let members = (data.comparators[kind] ?? [:]).filter { $0.value.contains(comparatorCode) }.map(\.key)
            let values = members.compactMap { peers[$0] }.filter { data.rows[$0].areaType == r.areaType }.map { data.rows[$0].value }
            guard let q = QuintileBenchmark.quintile(of: r.value, among: values) else {
                return .notCompared("fewer than 5 areas to form quintiles")
            }
            return BenchmarkComparison.Outcome(label: QuintileBenchmark.labels[q - 1], rag: "", note: "")
        }
    }

    public static let trendHeader = ["indicator_id", "area_code", "area_name", "sex", "age", "trend", "chi_squared", "slope", "points",
                                     "method", "latest_period", "note"]

    /// The recent trend of every series (or of the given areas).
    public func trends(areas: Set<String>? = nil) -> [(key: (String, String, String, String, String), latest: String, result: RecentTrend.Result)] {
        var out: [(key: (String, String, String, String, String), latest: String, result: RecentTrend.Result)] = []
        for k in seriesOrder {
            if let areas, !areas.contains(k.area) { continue }
            guard let ind = data.indicators[k.indicator] else { continue }
            let rows = series[k]!.map { data.rows[$0] }
            let name = rows.first?.areaName ?? ""
            let latest = rows.last?.period ?? ""
            let result = trend(rows, ind)
            out.append(((k.indicator, k.area, name, k.sex, k.age), latest, result))
        }
        return out
    }

    func trend(_ rows: [IndicatorDataSet.Row], _ ind: IndicatorDataSet.Indicator) -> RecentTrend.Result {
        // Annual, non-overlapping points: multi-year periods are spaced by their span.
        var points: [RecentTrend.Point] = []
        var spans = Set<Int>()
        for r in rows {
            guard let (start, span) = IndicatorDataSet.periodYears(r.period) else { continue }
            spans.insert(span)
            points.append(.init(year: start, value: r.value, lower: r.lower95, upper: r.upper95, count: r.count, denominator: r.denominator))
        }
        if spans.count > 1 {
            return RecentTrend.Result(label: "Cannot be calculated", chiSquared: .nan, slope: .nan, points: points.count, method: "",
                                      significant: false, note: "periods of different lengths")
        }
        let span = spans.first ?? 1
        if span > 1 {
            // Keep points spaced by the span, counting back from the latest, and renumber them.
            guard let last = points.last?.year else { return RecentTrend.compute([], polarity: ind.polarity, useCounts: false) }
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

    public func writeTrends(areas: Set<String>? = nil, into out: ByteWriter) {
        out.appendRow(Self.trendHeader)
        for t in trends(areas: areas) {
            out.field(t.key.0); out.field(t.key.1); out.field(t.key.2); out.field(t.key.3); out.field(t.key.4)
            out.field(t.result.label); out.field(t.result.chiSquared); out.field(t.result.slope); out.field(t.result.points)
            out.field(t.result.method); out.field(t.latest); out.field(t.result.note)
            out.endRow()
        }
    }
}
