/// Fingertips comparisons of every area with its comparators (methods.md §3): benchmark
/// outcomes, ranks among statistical neighbours and the change since the previous period.
extension IndicatorAnalysis {
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
}
