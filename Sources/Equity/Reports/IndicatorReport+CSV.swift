extension IndicatorReport {
    /// The table's columns, one row per indicator series (binding: the BI team's Power BI model
    /// reads them).
    public static let csvColumns = ["group", "indicator_id", "indicator", "unit", "latest_period", "value", "england", "region",
                                    "neighbour_rank", "rag_england", "rag_region", "rag_neighbours", "previous_period", "previous_value",
                                    "previous_rag_england", "previous_rag_region", "previous_rag_neighbours", "trend"]

    /// The table as CSV (or JSON with `format: .json`), full precision.
    public func csv(format: TableFormat = .csv) -> ByteWriter {
        let out = ByteWriter()
        out.format = format
        out.header(Self.csvColumns)
        for l in lines {
            out.field(l.indicator.group); out.field(l.indicator.id); out.field(l.indicator.name); out.field(l.indicator.unit)
            out.field(l.latest.period); out.field(l.latest.value)
            out.field(l.latest[.england]?.value ?? .nan); out.field(l.latest[.region]?.value ?? .nan)
            out.field(l.latest.neighbourRankText)
            for kind in [ComparatorKind.england, .region, .neighbours] { out.field(l.latest[kind]?.outcome.rag?.rawValue ?? "") }
            out.field(l.previous?.period ?? ""); out.field(l.previous?.value ?? .nan)
            for kind in [ComparatorKind.england, .region, .neighbours] { out.field(l.previous?[kind]?.outcome.rag?.rawValue ?? "") }
            out.field(l.trend?.label.rawValue ?? "")
            out.endRow()
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
