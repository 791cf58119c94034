extension IndicatorReport {
    /// A table cell's text in Markdown: pipes and line breaks escaped.
    static func markdownCell(_ t: String) -> String {
        var out = ""
        out.reserveCapacity(t.utf8.count)
        for c in t {
            switch c {
            case "\\": out += "\\\\"
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    /// The series' name (kept for the renderers' tests).
    static func seriesName(_ l: Line) -> String { ReportRendering.seriesName(l) }

    /// A value with its 95% interval at the indicator's decimals: "77.0 (76.3–77.7)".
    static func valueWithInterval(_ p: Period, decimals: Int) -> String {
        let v = ReportRendering.fixed(p.value, decimals: decimals)
        guard p.lower95.isFinite, p.upper95.isFinite else { return v }
        return "\(v) (\(ReportRendering.fixed(p.lower95, decimals: decimals))–\(ReportRendering.fixed(p.upper95, decimals: decimals)))"
    }

    /// The table as Markdown: one section per indicator group, words rather than colours.
    public func markdown(title: String) -> String {
        var s = "# \(Self.markdownCell(title))\n\n"
        s += "\(Self.markdownCell(areaName)) compared with England, the region and the statistical neighbours by Fingertips' rules (the area's 95% confidence interval against the comparator's value). Neighbour rank: among the area and its neighbours, best first. Change: the difference from the previous period and its 95% interval.\n\n"
        for (group, ls) in groups {
            s += "## \(Self.markdownCell(group.isEmpty ? "Indicators" : group))\n\n"
            s += "| Indicator | Period | \(Self.markdownCell(areaName)) | England | Region | Neighbour average | vs England | vs region | vs neighbours | Rank | Previous | Change | Recent trend |\n"
            s += "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
            for l in ls {
                let x = l.latest, dp = ReportRendering.decimals(l)
                let words = [ComparatorKind.england, .region, .neighbours].map { k in
                    x[k].map { $0.outcome.result.label(labels, polarity: l.indicator.polarity) } ?? ""
                }
                let rank = x[.neighbours].flatMap { b in b.rank.map { "\(ReportRendering.ordinal($0)) of \(b.rankOf ?? 0)" } } ?? ""
                let previous = l.previous.map { "\($0.period): \(ReportRendering.fixed($0.value, decimals: dp))" } ?? ""
                let unit = l.indicator.unit.isEmpty ? "" : " (\(l.indicator.unit))"
                let cells = [ReportRendering.seriesName(l) + unit, x.period, Self.valueWithInterval(x, decimals: dp),
                             ReportRendering.fixed(x[.england]?.value ?? .nan, decimals: dp),
                             ReportRendering.fixed(x[.region]?.value ?? .nan, decimals: dp),
                             ReportRendering.fixed(x[.neighbours]?.value ?? .nan, decimals: dp)] + words
                    + [rank, previous, x.change?.result.rawValue ?? "", l.trend.map { ReportRendering.arrow($0.label).symbol + " " + $0.label.rawValue } ?? ""]
                s += "| " + cells.map(Self.markdownCell).joined(separator: " | ") + " |\n"
            }
            s += "\n"
        }
        return s
    }
}
