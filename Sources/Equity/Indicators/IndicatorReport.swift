/// The BI team's indicator table for one area: for each indicator (grouped by its `group`), the
/// latest and previous period side by side — the area's value, England's and the region's, the
/// rank among the statistical neighbours, the RAG rating against each, and the recent-trend label —
/// rendered as CSV (for Power BI / Excel), Markdown and one self-contained HTML page.
public struct IndicatorReport {
    public struct Period: Sendable {
        public var period = ""
        public var value = Double.nan
        public var england = Double.nan
        public var region = Double.nan
        public var neighbourRank = ""
        public var ragEngland = ""
        public var ragRegion = ""
        public var ragNeighbours = ""
        public var comparisonEngland = ""
        public var comparisonRegion = ""
        public var comparisonNeighbours = ""
    }

    public struct Line: Sendable {
        public var group: String
        public var indicator: String
        public var name: String
        public var unit: String
        public var polarity: String
        public var latest: Period
        public var previous: Period?
        public var trend: String
    }

    public let area: String
    public let areaName: String
    public let lines: [Line]

    public init(analysis: IndicatorAnalysis, area: String) throws {
        let data = analysis.data
        guard let areaID = data.names.find(area), let first = data.area.firstIndex(of: areaID) else {
            throw EquityError.invalidArgument("area '\(area)' has no rows in \(data.dataFile)")
        }
        self.area = area
        let name = data.names.string(data.areaName[first])
        areaName = name.isEmpty ? area : name
        let comparisons = analysis.comparisons(areas: [area])
        let trends = analysis.trends(areas: [area])
        var lines: [Line] = []
        for id in data.indicatorOrder {
            guard let ind = data.indicators[id] else { continue }
            let mine = comparisons.filter { $0.row.indicator == id }
            let periods = Array(Set(mine.map { $0.row.period })).sorted(by: IndicatorDataSet.periodLess)
            guard let last = periods.last else { continue }
            func period(_ p: String) -> Period {
                var out = Period()
                out.period = p
                for c in mine where c.row.period == p {
                    out.value = c.row.value
                    switch c.comparator {
                    case "england": out.england = c.comparatorValue; out.ragEngland = c.outcome.rag?.rawValue ?? ""; out.comparisonEngland = c.outcome.label
                    case "region": out.region = c.comparatorValue; out.ragRegion = c.outcome.rag?.rawValue ?? ""; out.comparisonRegion = c.outcome.label
                    case "neighbours":
                        out.ragNeighbours = c.outcome.rag?.rawValue ?? ""; out.comparisonNeighbours = c.outcome.label
                        if let r = c.rank, let n = c.rankOf { out.neighbourRank = "\(r) of \(n)" }
                    default: break
                    }
                }
                return out
            }
            let trend = trends.first { $0.key.0 == id }?.result.label.rawValue ?? ""
            lines.append(Line(group: ind.group, indicator: id, name: ind.name, unit: ind.unit, polarity: ind.polarity.rawValue,
                              latest: period(last), previous: periods.count > 1 ? period(periods[periods.count - 2]) : nil, trend: trend))
        }
        self.lines = lines
    }

    static let columns = ["group", "indicator_id", "indicator", "unit", "latest_period", "value", "england", "region", "neighbour_rank",
                          "rag_england", "rag_region", "rag_neighbours", "previous_period", "previous_value", "previous_rag_england",
                          "previous_rag_region", "previous_rag_neighbours", "trend"]

    public func csv() -> ByteWriter {
        let out = ByteWriter()
        out.appendRow(Self.columns)
        for l in lines {
            out.field(l.group); out.field(l.indicator); out.field(l.name); out.field(l.unit)
            out.field(l.latest.period); out.field(l.latest.value); out.field(l.latest.england); out.field(l.latest.region)
            out.field(l.latest.neighbourRank); out.field(l.latest.ragEngland); out.field(l.latest.ragRegion); out.field(l.latest.ragNeighbours)
            out.field(l.previous?.period ?? ""); out.field(l.previous?.value ?? .nan); out.field(l.previous?.ragEngland ?? "")
            out.field(l.previous?.ragRegion ?? ""); out.field(l.previous?.ragNeighbours ?? ""); out.field(l.trend)
            out.endRow()
        }
        return out
    }

    static func show(_ v: Double) -> String {
        if v.isNaN { return "–" }
        let r = (v * 10).rounded() / 10
        return abs(v) < 10 ? NumberFormatting.string((v * 100).rounded() / 100) : NumberFormatting.string(r)
    }

    var groups: [(String, [Line])] {
        var order: [String] = [], by: [String: [Line]] = [:]
        for l in lines {
            if by[l.group] == nil { order.append(l.group) }
            by[l.group, default: []].append(l)
        }
        return order.map { ($0, by[$0]!) }
    }

    public func markdown(title: String) -> String {
        var s = "# \(title)\n\n"
        s += "RAG against England, the region and the statistical neighbours (Fingertips rules: 95% confidence interval of the value against the comparator; G better, A similar, R worse). Rank among the area and its neighbours, best first.\n\n"
        for (group, ls) in groups {
            s += "## \(group.isEmpty ? "Indicators" : group)\n\n"
            s += "| Indicator | Period | \(areaName) | England | Region | Neighbour rank | vs England | vs region | vs neighbours | Previous period | Previous value | Trend |\n"
            s += "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
            for l in ls {
                let p = l.previous
                s += "| \(l.name) (\(l.unit)) | \(l.latest.period) | \(Self.show(l.latest.value)) | \(Self.show(l.latest.england)) | \(Self.show(l.latest.region)) | \(l.latest.neighbourRank) | \(l.latest.ragEngland) | \(l.latest.ragRegion) | \(l.latest.ragNeighbours) | \(p?.period ?? "") | \(p.map { Self.show($0.value) } ?? "") | \(l.trend) |\n"
            }
            s += "\n"
        }
        return s
    }

    static func escape(_ t: String) -> String { SVGMap.escape(t) }

    static func ragCell(_ rag: String, _ label: String) -> String {
        let style: String
        switch rag {
        case "G": style = "background:#1a9850;color:#fff"
        case "A": style = "background:#fdb863;color:#000"
        case "R": style = "background:#d73027;color:#fff"
        default: style = "background:#f0f0f0;color:#555"
        }
        return "<td class=\"rag\" style=\"\(style)\" title=\"\(escape(label))\">\(rag.isEmpty ? "–" : rag)</td>"
    }

    public func html(title: String) -> String {
        var s = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(Self.escape(title))</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:24px;color:#222}
        h1{font-size:22px;margin:0 0 4px}p.sub{color:#555;margin:0 0 16px;font-size:13px}
        table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:8px}
        th,td{border:1px solid #ccc;padding:4px 6px;text-align:right;vertical-align:top}
        th{background:#2b3a55;color:#fff;font-weight:600}
        td.name,th.name{text-align:left}td.rag{text-align:center;font-weight:700;width:44px}
        tr.group td{background:#e8ecf3;text-align:left;font-weight:700}
        .key span{display:inline-block;padding:2px 8px;margin-right:6px;border-radius:3px}
        </style></head><body>
        <h1>\(Self.escape(title))</h1>
        <p class="sub">RAG against England, the region and the statistical neighbours by the Fingertips rules (the area's 95% confidence interval against the comparator's value). Neighbour rank: among the area and its neighbours, best first. Trend: Fingertips recent-trend test.</p>
        <p class="key sub"><span style="background:#1a9850;color:#fff">G better</span><span style="background:#fdb863">A similar</span><span style="background:#d73027;color:#fff">R worse</span><span style="background:#f0f0f0">– not compared</span></p>
        <table>
        <tr><th class="name" rowspan="2">Indicator</th><th colspan="8">Latest period</th><th colspan="5">Previous period</th><th rowspan="2">Trend</th></tr>
        <tr><th>Period</th><th>\(Self.escape(areaName))</th><th>England</th><th>Region</th><th>Neighbour rank</th><th>vs England</th><th>vs region</th><th>vs neighbours</th><th>Period</th><th>Value</th><th>vs England</th><th>vs region</th><th>vs neighbours</th></tr>

        """
        for (group, ls) in groups {
            s += "<tr class=\"group\"><td colspan=\"15\">\(Self.escape(group.isEmpty ? "Indicators" : group))</td></tr>\n"
            for l in ls {
                let p = l.previous
                s += "<tr><td class=\"name\">\(Self.escape(l.name))<br><small>\(Self.escape(l.unit))</small></td>"
                s += "<td>\(Self.escape(l.latest.period))</td><td><b>\(Self.show(l.latest.value))</b></td><td>\(Self.show(l.latest.england))</td><td>\(Self.show(l.latest.region))</td><td>\(Self.escape(l.latest.neighbourRank))</td>"
                s += Self.ragCell(l.latest.ragEngland, l.latest.comparisonEngland) + Self.ragCell(l.latest.ragRegion, l.latest.comparisonRegion)
                    + Self.ragCell(l.latest.ragNeighbours, l.latest.comparisonNeighbours)
                if let p {
                    s += "<td>\(Self.escape(p.period))</td><td>\(Self.show(p.value))</td>"
                    s += Self.ragCell(p.ragEngland, p.comparisonEngland) + Self.ragCell(p.ragRegion, p.comparisonRegion) + Self.ragCell(p.ragNeighbours, p.comparisonNeighbours)
                } else {
                    s += "<td></td><td></td><td></td><td></td><td></td>"
                }
                s += "<td class=\"name\">\(Self.escape(l.trend))</td></tr>\n"
            }
        }
        s += "</table>\n</body></html>\n"
        return s
    }
}
