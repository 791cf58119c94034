extension IndicatorReport {
    /// Text for HTML element content and attribute values.
    static func escape(_ t: String) -> String { SVGMap.escape(t) }

    /// A RAG cell: the colour of the outcome's rating (grey when not rated) with the rating's
    /// letter, and the Fingertips label as its tooltip.
    static func ragCell(_ benchmark: Benchmark?) -> String {
        let rag = benchmark?.outcome.rag
        let style: String
        switch rag {
        case .green: style = "background:#1a9850;color:#fff"
        case .amber: style = "background:#fdb863;color:#000"
        case .red: style = "background:#d73027;color:#fff"
        case nil: style = "background:#f0f0f0;color:#555"
        }
        let label = benchmark.map { $0.outcome.label + ($0.note.isEmpty ? "" : " (\($0.note))") } ?? "no comparator"
        return "<td class=\"rag\" style=\"\(style)\" title=\"\(escape(label))\">\(rag?.rawValue ?? "–")</td>"
    }

    /// The table as one self-contained HTML page (no scripts, no external resources).
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
                let x = l.latest
                s += "<tr><td class=\"name\">\(Self.escape(Self.seriesName(l)))<br><small>\(Self.escape(l.indicator.unit))</small></td>"
                s += "<td>\(Self.escape(x.period))</td><td><b>\(Self.show(x.value))</b></td><td>\(Self.show(x[.england]?.value ?? .nan))</td>"
                s += "<td>\(Self.show(x[.region]?.value ?? .nan))</td><td>\(Self.escape(x.neighbourRankText))</td>"
                s += Self.ragCell(x[.england]) + Self.ragCell(x[.region]) + Self.ragCell(x[.neighbours])
                if let p = l.previous {
                    s += "<td>\(Self.escape(p.period))</td><td>\(Self.show(p.value))</td>"
                    s += Self.ragCell(p[.england]) + Self.ragCell(p[.region]) + Self.ragCell(p[.neighbours])
                } else {
                    s += "<td></td><td></td><td></td><td></td><td></td>"
                }
                s += "<td class=\"name\">\(Self.escape(l.trend?.label.rawValue ?? ""))</td></tr>\n"
            }
        }
        s += "</table>\n</body></html>\n"
        return s
    }
}
