extension IndicatorReport {
    /// Text for HTML element content and attribute values.
    static func escape(_ t: String) -> String { SVGMap.escape(t) }

    /// A comparison cell: the word (in the report's label style) on its colour, the comparator's
    /// value and any note as the tooltip; "–" on white when there is no comparator.
    static func comparisonCell(_ b: Benchmark?, line l: Line, labels: LabelStyle, palette: ReportRendering.Palette) -> String {
        guard let b else { return "<td class=\"cmp none\">–</td>" }
        let word = b.outcome.result.label(labels, polarity: l.indicator.polarity)
        let dp = ReportRendering.decimals(l)
        var tip = "\(b.name): \(ReportRendering.fixed(b.value, decimals: dp))"
        if !b.note.isEmpty { tip += " — \(b.note)" }
        if !b.published.isEmpty { tip += " (Fingertips published: \(b.published))" }
        guard let sw = palette.swatch(b.outcome.result) else {
            return "<td class=\"cmp nc\" title=\"\(escape(tip))\">\(escape(word))</td>"
        }
        return "<td class=\"cmp\" style=\"background:\(sw.fill);color:\(sw.text)\" title=\"\(escape(tip))\">\(escape(word))</td>"
    }

    /// The key: every result word the report uses, on its colour.
    func keyHTML(_ palette: ReportRendering.Palette) -> String {
        var seen: [String] = []
        var items = ""
        for l in lines {
            for p in [l.latest] + (l.previous.map { [$0] } ?? []) {
                for b in p.benchmarks {
                    let word = b.outcome.result.label(labels, polarity: l.indicator.polarity)
                    guard !seen.contains(word) else { continue }
                    seen.append(word)
                    if let sw = palette.swatch(b.outcome.result) {
                        items += "<li><span class=\"sw\" style=\"background:\(sw.fill);color:\(sw.text)\">\(Self.escape(word))</span></li>"
                    } else {
                        items += "<li><span class=\"sw nc\">\(Self.escape(word))</span></li>"
                    }
                }
            }
        }
        return "<ul class=\"key\" aria-label=\"Key to the comparison colours\">\(items)</ul>"
    }

    /// The page with the default options and `title`.
    public func html(title: String) -> String { html(ReportRendering.Options(title: title)) }

    /// The table as one self-contained HTML page (inline CSS and SVG; no scripts, fonts or
    /// network): a caption, headers with scopes and row headers, the comparisons as words on
    /// colour-blind-safe colours, spine and trend charts, the methods and the source and licence.
    /// It reflows at 1024 px and prints on A4 landscape with the column headers repeated.
    public func html(_ options: ReportRendering.Options) -> String {
        let palette = options.palette
        let comparators = [ComparatorKind.england, .region, .neighbours]
        func name(_ k: ComparatorKind) -> String {
            for l in lines { if let b = l.latest[k] { return k == .neighbours ? "Neighbours" : b.name } }
            return k.displayName
        }
        let regionName = name(.region), neighbourCount = lines.lazy.compactMap { $0.latest[.neighbours]?.code }.first ?? ""
        var s = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(options.title))</title>
        <style>
        :root{--ink:#0b0c0c;--muted:#505a5f;--rule:#b1b4b6}
        *{box-sizing:border-box}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:20px;color:var(--ink);font-size:13px;line-height:1.35}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px}
        p.sub{color:var(--muted);margin:0 0 10px}
        ul.key{list-style:none;padding:0;margin:6px 0 12px;display:flex;flex-wrap:wrap;gap:6px}
        .sw{display:inline-block;padding:2px 8px;border-radius:3px;font-weight:600;border:1px solid transparent}
        .nc{background:#fff;color:var(--ink);border:1px solid var(--ink)}
        table{border-collapse:collapse;width:100%;font-size:12px}
        caption{text-align:left;font-weight:600;padding:4px 0 8px;color:var(--ink)}
        th,td{border:1px solid var(--rule);padding:3px 5px;vertical-align:middle;text-align:right}
        thead th{background:#1d2b3a;color:#fff;font-weight:600;text-align:center}
        tbody th{text-align:left;font-weight:400;min-width:170px}
        tbody th small{color:var(--muted)}
        tr.group th{background:#e8ecf3;color:var(--ink);font-weight:700;text-align:left}
        td.cmp{text-align:center;font-weight:600;min-width:62px}
        td.cmp.none{color:var(--muted);font-weight:400}
        td .ci,td .sub{display:block;color:var(--muted);font-size:11px;white-space:nowrap}
        td.trend{text-align:left;min-width:110px}
        .arrow{font-size:15px;font-weight:700;display:inline-block;width:1.1em;text-align:center;border-radius:3px}
        td.spine{padding:2px 4px;text-align:center}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
        .charts figure{margin:0;border:1px solid #e5e5e5;padding:4px}
        .charts figcaption{font-size:11px;color:var(--muted)}
        footer{margin-top:18px;color:var(--muted);font-size:11.5px}
        footer li{margin-bottom:3px}
        td.period{white-space:nowrap}
        @media (max-width:1100px){body{margin:8px;font-size:12px}table{font-size:11px}th,td{padding:2px 3px}tbody th{min-width:120px}
        td.cmp{min-width:0}td .sub,td .ci{white-space:normal}svg.spine{width:92px;height:auto}td.trend{min-width:90px}}
        @page{size:A4 landscape;margin:10mm}
        @media print{body{margin:0;font-size:10px}table{font-size:9px}thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}
        .charts{display:block}.charts figure{display:inline-block;width:32%;break-inside:avoid}
        td.cmp,thead th,.sw,.arrow,tr.group th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        </style></head><body>
        <header>
        <h1>\(Self.escape(options.title))</h1>
        <p class="sub">\(Self.escape(areaName)) (\(Self.escape(area))) compared with England, \(Self.escape(regionName)) and its statistical neighbours\(neighbourCount.isEmpty ? "" : " (" + Self.escape(neighbourCount) + ")"). Each comparison is written in words on its colour.</p>
        \(keyHTML(palette))
        </header>
        <main>
        <table>
        <caption>\(Self.escape(areaName)): latest values, comparisons, change since the previous period and recent trend</caption>
        <thead>
        <tr><th scope="col" rowspan="2">Indicator</th><th scope="col" rowspan="2">Period</th><th scope="col" rowspan="2">\(Self.escape(areaName)) (95% CI)<br><small>count / denominator</small></th><th scope="colgroup" colspan="3">Comparator value</th><th scope="colgroup" colspan="3">Compared with</th><th scope="col" rowspan="2">Previous period<br><small>change since</small></th><th scope="col" rowspan="2">Recent trend</th><th scope="col" rowspan="2">England spread<br><small>worst ◀ ▶ best</small></th></tr>
        <tr><th scope="col">England</th><th scope="col">\(Self.escape(regionName))</th><th scope="col">Neighbours<br><small>average · rank</small></th><th scope="col">England</th><th scope="col">\(Self.escape(regionName))</th><th scope="col">Neighbours</th></tr>
        </thead>

        """
        for (group, ls) in groups {
            s += "<tbody>\n<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"12\">\(Self.escape(group.isEmpty ? "Indicators" : group))</th></tr>\n"
            for l in ls {
                let x = l.latest, dp = ReportRendering.decimals(l)
                let unit = l.indicator.unit.isEmpty ? "" : "<br><small>\(Self.escape(l.indicator.unit))</small>"
                s += "<tr><th scope=\"row\">\(Self.escape(ReportRendering.seriesName(l)))\(unit)</th>"
                s += "<td class=\"period\">\(Self.escape(x.period))</td>"
                var value = "<b>\(Self.escape(ReportRendering.fixed(x.value, decimals: dp)))</b>"
                if x.lower95.isFinite && x.upper95.isFinite {
                    value += "<span class=\"ci\">(\(Self.escape(ReportRendering.fixed(x.lower95, decimals: dp)))–\(Self.escape(ReportRendering.fixed(x.upper95, decimals: dp))))</span>"
                }
                if x.count.isFinite || x.denominator.isFinite {
                    value += "<span class=\"sub\">\(ReportRendering.count(x.count)) / \(ReportRendering.count(x.denominator))</span>"
                }
                if !x.valueNote.isEmpty { value += "<span class=\"sub\" title=\"\(Self.escape(x.valueNote))\">note *</span>" }
                s += "<td>\(value)</td>"
                s += "<td>\(Self.escape(ReportRendering.fixed(x[.england]?.value ?? .nan, decimals: dp)))</td>"
                s += "<td>\(Self.escape(ReportRendering.fixed(x[.region]?.value ?? .nan, decimals: dp)))</td>"
                var neighbours = Self.escape(ReportRendering.fixed(x[.neighbours]?.value ?? .nan, decimals: dp))
                if let b = x[.neighbours], let r = b.rank, let n = b.rankOf {
                    neighbours += "<span class=\"sub\">Rank \(ReportRendering.ordinal(r)) of \(n)</span>"
                }
                s += "<td>\(neighbours)</td>"
                for k in comparators { s += Self.comparisonCell(x[k], line: l, labels: labels, palette: palette) }
                if let p = l.previous {
                    var cell = "\(Self.escape(p.period)): \(Self.escape(ReportRendering.fixed(p.value, decimals: dp)))"
                    if let c = x.change {
                        let diff = c.difference.isFinite ? ReportRendering.fixed(c.difference, decimals: dp) : ""
                        let ci = c.lower.isFinite ? " (\(ReportRendering.fixed(c.lower, decimals: dp)) to \(ReportRendering.fixed(c.upper, decimals: dp)))" : ""
                        cell += "<span class=\"sub\" title=\"\(Self.escape("change \(diff)\(ci)"))\">\(Self.escape(c.result.rawValue))</span>"
                    }
                    s += "<td>\(cell)</td>"
                } else {
                    s += "<td>–</td>"
                }
                if let t = l.trend {
                    let (symbol, judgement) = ReportRendering.arrow(t.label)
                    let sw = judgement.flatMap { palette.swatch($0) }
                    let style = sw.map { " style=\"background:\($0.fill);color:\($0.text)\"" } ?? ""
                    let tip = t.note.isEmpty ? t.label.rawValue : "\(t.label.rawValue): \(t.note)"
                    s += "<td class=\"trend\" title=\"\(Self.escape(tip))\"><span class=\"arrow\" aria-hidden=\"true\"\(style)>\(symbol)</span> \(Self.escape(t.label.rawValue))</td>"
                } else {
                    s += "<td class=\"trend\">–</td>"
                }
                s += "<td class=\"spine\">\(Self.spineSVG(l, palette: palette))</td></tr>\n"
            }
            s += "</tbody>\n"
        }
        s += "</table>\n"
        let charts = lines.compactMap { l in Self.trendSVG(l, palette: palette, areaName: areaName).map { (l, $0) } }
        if !charts.isEmpty {
            s += "<h2>Trends</h2>\n<div class=\"charts\">\n"
            for (l, svg) in charts {
                let caption = l.trend.map { "Recent trend: \($0.label.rawValue)" } ?? ""
                s += "<figure>\(svg)<figcaption>\(Self.escape(caption))</figcaption></figure>\n"
            }
            s += "</div>\n"
        }
        s += """
        </main>
        <footer>
        <h2>Methods</h2>
        <ul>
        <li>Compared with: the area's 95% confidence interval against the comparator's value (Fingertips' benchmarking; 99.8% or both levels where the indicator says so; quintiles among areas of the same type). A value published without a confidence interval is not compared.</li>
        <li>Neighbours: the average of the area and its statistical neighbours; rank among them, best first (ties share a rank).</li>
        <li>Change since the previous period: the difference of the two values with its 95% interval (standard errors from each value's interval); significant when the interval excludes zero.</li>
        <li>Recent trend: Fingertips' test on the five most recent points (χ² above 9.55, the slope's sign unchanged when any point is left out).</li>
        <li>England spread: the worst, 25th and 75th percentile and best of the areas of the same type, England in the centre, the area's marker coloured by its comparison with England.</li>
        </ul>
        <p>\(Self.escape(options.source))</p>
        <p>\(Self.escape(options.licence))</p>
        </footer>
        </body></html>

        """
        return s
    }
}
