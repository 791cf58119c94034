extension IndicatorReport {
    /// The wide table's columns, one row per indicator series (binding: the BI team's Power BI
    /// model reads them).
    public static let csvColumns = ["group", "indicator_id", "indicator", "unit", "sex", "age", "category_type", "category",
                                    "latest_period", "value", "lower95", "upper95", "count", "denominator",
                                    "england", "region", "neighbour_average", "neighbour_rank",
                                    "comparison_england", "comparison_region", "comparison_neighbours",
                                    "rag_england", "rag_region", "rag_neighbours",
                                    "previous_period", "previous_value", "change_since_previous", "trend", "note"]

    /// The tidy table's columns: one row per series, period (latest, previous) and comparator.
    public static let tidyColumns = ["indicator_id", "indicator", "unit", "polarity", "group", "sex", "age", "category_type", "category",
                                     "area_code", "area_name", "period", "period_role", "value", "value_display", "lower95", "upper95",
                                     "count", "denominator", "comparator", "comparator_code", "comparator_name", "comparator_value",
                                     "comparator_value_display", "comparison", "rag", "rank", "rank_of", "change_since_previous",
                                     "trend", "value_note", "note"]

    /// The wide table as CSV (or JSON with `format: .json`), full precision.
    public func csv(format: TableFormat = .csv) -> ByteWriter {
        let out = ByteWriter()
        out.format = format
        out.header(Self.csvColumns)
        for l in lines {
            let x = l.latest
            out.field(l.indicator.group); out.field(l.indicator.id); out.field(l.indicator.name); out.field(l.indicator.unit)
            out.field(l.sex); out.field(l.age); out.field(l.categoryType); out.field(l.category)
            out.field(x.period); out.field(x.value); out.field(x.lower95); out.field(x.upper95); out.field(x.count); out.field(x.denominator)
            out.field(x[.england]?.value ?? .nan); out.field(x[.region]?.value ?? .nan); out.field(x[.neighbours]?.value ?? .nan)
            out.field(x.neighbourRankText)
            for kind in [ComparatorKind.england, .region, .neighbours] {
                out.field(x[kind].map { $0.outcome.result.label(labels, polarity: l.indicator.polarity) } ?? "")
            }
            for kind in [ComparatorKind.england, .region, .neighbours] { out.field(x[kind]?.outcome.rag?.rawValue ?? "") }
            out.field(l.previous?.period ?? ""); out.field(l.previous?.value ?? .nan)
            out.field(x.change?.result.rawValue ?? "")
            out.field(l.trend?.label.rawValue ?? "")
            out.field([x.valueNote, x.note].filter { !$0.isEmpty }.joined(separator: "; "))
            out.endRow()
        }
        out.finishTable()
        return out
    }

    /// The tidy table for Power BI: one row per series, period and comparator, with names,
    /// units and polarity, and display-rounded values (the indicator's decimals) beside the
    /// full-precision ones.
    public func tidyCSV(format: TableFormat = .csv) -> ByteWriter {
        let out = ByteWriter()
        out.format = format
        out.header(Self.tidyColumns)
        for l in lines {
            let dp = ReportRendering.decimals(l)
            for (role, p) in [("latest", l.latest), ("previous", l.previous)] {
                guard let p else { continue }
                let comparisons: [Benchmark?] = p.benchmarks.isEmpty ? [nil] : p.benchmarks
                for b in comparisons {
                    out.field(l.indicator.id); out.field(l.indicator.name); out.field(l.indicator.unit)
                    out.field(l.indicator.polarityKnown ? l.indicator.polarity.rawValue : ""); out.field(l.indicator.group)
                    out.field(l.sex); out.field(l.age); out.field(l.categoryType); out.field(l.category)
                    out.field(area); out.field(areaName); out.field(p.period); out.field(role)
                    out.field(p.value); out.field(ReportRendering.fixed(p.value, decimals: dp)); out.field(p.lower95); out.field(p.upper95)
                    out.field(p.count); out.field(p.denominator)
                    out.field(b?.comparator.rawValue ?? ""); out.field(b?.code ?? ""); out.field(b?.name ?? "")
                    out.field(b?.value ?? .nan); out.field(b.map { ReportRendering.fixed($0.value, decimals: dp) } ?? "")
                    out.field(b.map { $0.outcome.result.label(labels, polarity: l.indicator.polarity) } ?? "")
                    out.field(b?.outcome.rag?.rawValue ?? "")
                    if let r = b?.rank, let n = b?.rankOf { out.field(r); out.field(n) } else { out.field(Double.nan); out.field(Double.nan) }
                    out.field(p.change?.result.rawValue ?? "")
                    out.field(role == "latest" ? (l.trend?.label.rawValue ?? "") : "")
                    out.field(p.valueNote)
                    out.field([b?.note ?? "", p.note].filter { !$0.isEmpty }.joined(separator: "; "))
                    out.endRow()
                }
            }
        }
        out.finishTable()
        return out
    }
}

extension IndicatorReport.Period {
    /// "3 of 16" when the area was ranked among its neighbours, otherwise "".
    public var neighbourRankText: String {
        guard let b = self[.neighbours], let r = b.rank, let n = b.rankOf else { return "" }
        return "\(r) of \(n)"
    }
}
