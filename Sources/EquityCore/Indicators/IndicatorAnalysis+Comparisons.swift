/// Fingertips comparisons of every area with its comparators (methods.md §3): benchmark
/// outcomes, ranks among statistical neighbours, the change since the previous period
/// (``PeriodChange``) and, for exports, the label Fingertips published.
extension IndicatorAnalysis {
    /// One comparison of one area's value with one comparator.
    public struct Comparison: Sendable {
        /// The area's row.
        public var row: IndicatorDataSet.Row
        /// What it is compared with.
        public var comparator: ComparatorKind
        /// The comparator's area code ("N neighbours" for the statistical neighbours).
        public var comparatorCode: String
        /// The comparator's name ("England", "East of England", "15 neighbours").
        public var comparatorName: String
        /// The comparator's value (NaN when it has none for this period; the group mean for
        /// neighbours).
        public var comparatorValue: Double
        /// The Fingertips comparison (methods.md §3).
        public var outcome: BenchmarkComparison.Outcome
        /// The area's competition rank among itself and its neighbours, best first (neighbours only).
        public var rank: Int?
        /// How many areas were ranked.
        public var rankOf: Int?
        /// The same series' previous period, if any.
        public var previous: IndicatorDataSet.Row?
        /// The change since `previous` (see ``PeriodChange``).
        public var change: PeriodChange?
        /// The label Fingertips published for this comparison in the export ("" if none).
        public var published: String
        /// Why a comparison is missing, and notes on the row (empty otherwise).
        public var note: String
        /// The indicator's polarity.
        public var polarity: Polarity
        /// The row's index in the data set.
        package var rowIndex: Int = -1

        /// Whether Equity's outcome agrees with the published label (nil when nothing was
        /// published or the label is not recognised).
        public var agreesWithPublished: Bool? {
            guard !published.isEmpty, let p = BenchmarkResult.parsePublished(published, polarity: polarity) else { return nil }
            return p == outcome.result
        }
    }

    /// One comparison as indices, for writers that format rows without building strings.
    package struct Cell {
        package var row: Int
        package var previous: Int?
        package var kind: ComparatorKind
        package var code: Int32
        package var comparatorValue: Double
        package var outcome: BenchmarkComparison.Outcome
        package var rank: (rank: Int, of: Int)?
        package var change: PeriodChange?
        package var missingComparator: Bool
        package var published: Int32
    }

    package static let kinds = ComparatorKind.allCases

    /// Calls `body` for every comparison of the series in `seriesRange` (of `areas`, or of every
    /// area with a comparator).
    package func forEachComparison(series seriesRange: Range<Int>, areas: Set<Int32>?, _ body: (Cell) -> Void) {
        let d = data
        let comparatorMaps = Self.kinds.map { d.comparators[$0] }
        let indicatorList = d.indicatorOrder.map { d.indicators[$0]! }
        let emptyText = d.names.find("") ?? -1
        var values: [Double] = [] // the neighbour group's values, reused across rows
        for si in seriesRange {
            let first = Int(order[seriesStart[si]])
            let areaID = d.area[first]
            if let areas, !areas.contains(areaID) { continue }
            if areas == nil && !comparatorMaps.contains(where: { ($0?[areaID]).map { $0.contains { $0 != areaID } } ?? false }) { continue }
            let ind = indicatorList[Int(d.indicatorIndex[first])]
            let vID = variant[first]
            for k in seriesStart[si]..<seriesStart[si + 1] {
                let ri = Int(order[k])
                let previous = k > seriesStart[si] ? Int(order[k - 1]) : nil
                let changed = previous.flatMap { self.change(ri, $0, ind.polarity) }
                let pRank = periodRank[Int(d.period[ri])]
                for (kindIndex, kind) in Self.kinds.enumerated() {
                    guard let codes = comparatorMaps[kindIndex]?[areaID], !codes.isEmpty else { continue }
                    if kind != .neighbours && codes[0] == areaID { continue } // England is not compared with itself
                    var comparatorValue = Double.nan
                    var rank: (rank: Int, of: Int)? = nil
                    var missing = false
                    if kind == .neighbours {
                        values.removeAll(keepingCapacity: true)
                        if !d.value[ri].isNaN { values.append(d.value[ri]) }
                        for code in codes where code != areaID {
                            let j = lookup(variant: vID, period: pRank, area: code)
                            if j >= 0, !d.value[j].isNaN { values.append(d.value[j]) }
                        }
                        if !values.isEmpty { comparatorValue = values.reduce(0, +) / Double(values.count) }
                        rank = CompetitionRank.rank(of: d.value[ri], among: values, polarity: ind.polarity)
                    } else {
                        let j = lookup(variant: vID, period: pRank, area: codes[0])
                        if j >= 0 { comparatorValue = d.value[j] } else { missing = true }
                    }
                    let outcome = benchmark(ri, ind, comparatorValue: comparatorValue, kind: kind, comparatorCode: codes[0], variant: vID, period: pRank)
                    var published = emptyText
                    if kind == .england { published = d.publishedEngland[ri] } else if kind == d.parentKind { published = d.publishedParent[ri] }
                    body(Cell(row: ri, previous: previous, kind: kind, code: codes[0], comparatorValue: comparatorValue, outcome: outcome,
                              rank: rank, change: changed, missingComparator: missing, published: published))
                }
            }
        }
    }

    /// The notes of a comparison cell: the missing comparator, the outcome's reason, the row's.
    package func notes(_ c: Cell) -> String {
        var text = c.missingComparator ? "no \(c.kind.rawValue) value for this period" : ""
        func add(_ part: String) {
            guard !part.isEmpty else { return }
            if !text.isEmpty { text += "; " }
            text += part
        }
        add(c.outcome.note)
        add(IndicatorDataSet.noteText(data.noteCode[c.row]))
        return text
    }

    /// The display name of a comparator area (its name in the data, else its code).
    package func comparatorName(_ c: Cell) -> String {
        if c.kind == .neighbours {
            let own = data.area[c.row]
            var n = 0
            for member in data.comparators[.neighbours]?[own] ?? [] where member != own { n += 1 }
            return "\(n) neighbours"
        }
        return areaName(c.code)
    }

    /// The name of an area code as the data gives it (the code when it has no name).
    package func areaName(_ code: Int32) -> String {
        let name = Int(code) < areaNames.count ? areaNames[Int(code)] : -1
        return name >= 0 ? data.names.string(name) : data.names.string(code)
    }

    /// Comparisons as values (for reports and small selections).
    public func comparisons(areas: Set<String>? = nil) -> [Comparison] {
        let ids = areas.map { Set($0.compactMap { data.names.find($0) }) }
        var out: [Comparison] = []
        var names: [Int32: String] = [:]
        forEachComparison(series: 0..<(seriesStart.count - 1), areas: ids) { c in
            let code = c.kind == .neighbours ? "\((data.comparators[.neighbours]?[data.area[c.row]]?.filter { $0 != data.area[c.row] }.count ?? 0)) neighbours"
                                             : data.names.string(c.code)
            let name: String
            if c.kind == .neighbours { name = code } else if let n = names[c.code] { name = n } else {
                name = areaName(c.code)
                names[c.code] = name
            }
            let row = data.row(c.row)
            out.append(Comparison(row: row, comparator: c.kind, comparatorCode: code, comparatorName: name,
                                  comparatorValue: c.comparatorValue, outcome: c.outcome, rank: c.rank?.rank, rankOf: c.rank?.of,
                                  previous: c.previous.map { data.row($0) }, change: c.change, published: data.names.string(c.published),
                                  note: notes(c), polarity: data.indicators[row.indicator]?.polarity ?? .noJudgement, rowIndex: c.row))
        }
        return out
    }

    /// The change from row p (previous period) to row r under the analysis' test.
    package func change(_ r: Int, _ p: Int, _ polarity: Polarity) -> PeriodChange? {
        let d = data
        return PeriodChange.compute(latest: (d.value[r], d.lower95[r], d.upper95[r]), previous: (d.value[p], d.lower95[p], d.upper95[p]),
                                    polarity: polarity, test: options.changeTest)
    }

    package func benchmark(_ r: Int, _ ind: IndicatorDataSet.Indicator, comparatorValue: Double, kind: ComparatorKind, comparatorCode: Int32,
                           variant vID: Int32, period pRank: Int32) -> BenchmarkComparison.Outcome {
        let d = data
        if d.value[r].isNaN { return .notCompared("value missing") }
        switch ind.benchmark {
        case .none: return .notCompared("indicator not benchmarked")
        case .ci95:
            if d.lower95[r].isNaN || d.upper95[r].isNaN { return .notCompared("no 95% confidence interval") }
            return BenchmarkComparison.compare(lower: d.lower95[r], upper: d.upper95[r], comparator: comparatorValue, polarity: ind.polarity)
        case .ci998:
            if d.lower998[r].isNaN || d.upper998[r].isNaN { return .notCompared("no 99.8% confidence interval") }
            return BenchmarkComparison.compare(lower: d.lower998[r], upper: d.upper998[r], comparator: comparatorValue, polarity: ind.polarity)
        case .twoLevel:
            return BenchmarkComparison.compareTwoLevel(lower95: d.lower95[r], upper95: d.upper95[r], lower998: d.lower998[r], upper998: d.upper998[r],
                                                       comparator: comparatorValue, polarity: ind.polarity)
        case .quintiles:
            // All areas of the same type under the same comparator.
            var values: [Double] = []
            for m in groupMembers[kind]?[comparatorCode] ?? [] {
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
