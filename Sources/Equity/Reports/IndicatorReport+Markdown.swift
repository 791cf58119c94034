extension IndicatorReport {
    /// A value as the report shows it: "–" when missing, two decimals below 10, one above.
    static func show(_ v: Double) -> String {
        if !v.isFinite { return "–" }
        return abs(v) < 10 ? NumberFormatting.string((v * 100).rounded() / 100) : NumberFormatting.string((v * 10).rounded() / 10)
    }

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

    /// The name of a series: the indicator's name and unit, with sex and age when the data has them.
    static func seriesName(_ l: Line) -> String {
        let qualifiers = [l.sex, l.age].filter { !$0.isEmpty }
        return l.indicator.name + (qualifiers.isEmpty ? "" : " – " + qualifiers.joined(separator: ", "))
    }

    /// The table as Markdown: one section per indicator group.
    public func markdown(title: String) -> String {
        var s = "# \(Self.markdownCell(title))\n\n"
        s += "RAG against England, the region and the statistical neighbours (Fingertips rules: 95% confidence interval of the value against the comparator; G better, A similar, R worse). Rank among the area and its neighbours, best first.\n\n"
        for (group, ls) in groups {
            s += "## \(Self.markdownCell(group.isEmpty ? "Indicators" : group))\n\n"
            s += "| Indicator | Period | \(Self.markdownCell(areaName)) | England | Region | Neighbour rank | vs England | vs region | vs neighbours | Previous period | Previous value | Trend |\n"
            s += "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
            for l in ls {
                let p = l.previous, x = l.latest
                let rags = [ComparatorKind.england, .region, .neighbours].map { x[$0]?.outcome.rag?.rawValue ?? "" }
                let cells = ["\(Self.seriesName(l)) (\(l.indicator.unit))", x.period, Self.show(x.value), Self.show(x[.england]?.value ?? .nan),
                             Self.show(x[.region]?.value ?? .nan), x.neighbourRankText] + rags
                    + [p?.period ?? "", p.map { Self.show($0.value) } ?? "", l.trend?.label.rawValue ?? ""]
                s += "| " + cells.map(Self.markdownCell).joined(separator: " | ") + " |\n"
            }
            s += "\n"
        }
        return s
    }
}
