extension IndicatorReport {
    /// The table as an Excel workbook at `path` (libxlsxwriter): sheet "Report" with the same
    /// columns as the HTML table, comparison cells filled with the palette's colours and their
    /// words, values at each indicator's decimals (full precision kept in the cell), frozen
    /// headers, A4 landscape printing with repeated headers; sheet "Data" with the tidy table.
    public func writeXLSX(to path: String, _ options: ReportRendering.Options) throws {
        let book = try XLSXWorkbook(path: path)
        let sheet = try book.addSheet("Report")
        var header = XLSXWorkbook.Style()
        header.bold = true; header.fill = 0x1D2B3A; header.font = 0xFFFFFF; header.wrap = true; header.align = 2
        var title = XLSXWorkbook.Style()
        title.bold = true; title.border = false; title.size = 14
        var plain = XLSXWorkbook.Style()
        plain.wrap = true
        var group = XLSXWorkbook.Style()
        group.bold = true; group.fill = 0xE8ECF3
        var small = XLSXWorkbook.Style()
        small.border = false; small.font = 0x505A5F; small.wrap = true
        sheet.write(0, 0, options.title, title)
        let columns = ["Indicator", "Unit", "Period", "Value", "Lower 95% CI", "Upper 95% CI", "Count", "Denominator", "England", "Region",
                       "Neighbour average", "Rank among neighbours", "Compared with England", "Compared with region",
                       "Compared with neighbours", "Previous period", "Previous value", "Change since previous", "Recent trend"]
        for (k, c) in columns.enumerated() { sheet.write(2, k, c, header) }
        sheet.setRow(2, height: 32)
        let widths: [Double] = [46, 12, 10, 9, 9, 9, 10, 12, 9, 9, 10, 11, 14, 14, 14, 10, 9, 16, 24]
        for (k, w) in widths.enumerated() { sheet.setColumns(k, k, width: w) }
        var row = 3
        for (g, ls) in groups {
            sheet.merge(row, 0, row, columns.count - 1, g.isEmpty ? "Indicators" : g, group)
            row += 1
            for l in ls {
                let x = l.latest, dp = ReportRendering.decimals(l)
                var number = XLSXWorkbook.Style()
                number.numberFormat = dp == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: dp)
                var whole = XLSXWorkbook.Style()
                whole.numberFormat = "#,##0"
                sheet.write(row, 0, ReportRendering.seriesName(l), plain)
                sheet.write(row, 1, l.indicator.unit, plain)
                sheet.write(row, 2, x.period, plain)
                sheet.write(row, 3, x.value, number); sheet.write(row, 4, x.lower95, number); sheet.write(row, 5, x.upper95, number)
                sheet.write(row, 6, x.count, whole); sheet.write(row, 7, x.denominator, whole)
                sheet.write(row, 8, x[.england]?.value ?? .nan, number); sheet.write(row, 9, x[.region]?.value ?? .nan, number)
                sheet.write(row, 10, x[.neighbours]?.value ?? .nan, number)
                sheet.write(row, 11, x[.neighbours].flatMap { b in b.rank.map { "\(ReportRendering.ordinal($0)) of \(b.rankOf ?? 0)" } } ?? "", plain)
                for (k, kind) in [ComparatorKind.england, .region, .neighbours].enumerated() {
                    var style = XLSXWorkbook.Style()
                    style.align = 2
                    guard let b = x[kind] else { sheet.write(row, 12 + k, "–", style); continue }
                    if let sw = options.palette.swatch(b.outcome.result) {
                        style.fill = XLSXWorkbook.colour(sw.fill); style.font = XLSXWorkbook.colour(sw.text); style.bold = true
                    }
                    sheet.write(row, 12 + k, b.outcome.result.label(labels, polarity: l.indicator.polarity), style)
                }
                sheet.write(row, 15, l.previous?.period ?? "", plain)
                sheet.write(row, 16, l.previous?.value ?? .nan, number)
                sheet.write(row, 17, x.change?.result.rawValue ?? "", plain)
                sheet.write(row, 18, l.trend.map { ReportRendering.arrow($0.label).symbol + " " + $0.label.rawValue } ?? "", plain)
                row += 1
            }
        }
        sheet.write(row + 1, 0, options.source, small)
        sheet.write(row + 2, 0, options.licence, small)
        sheet.freeze(row: 3, col: 1)
        sheet.printA4Landscape(repeatRows: 2, 2)

        // The tidy table, for pivoting.
        let data = try book.addSheet("Data")
        let tidy = tidyCSV()
        let text = tidy.text
        var r = 0
        var bold = XLSXWorkbook.Style()
        bold.bold = true
        let numeric: Set<String> = ["value", "lower95", "upper95", "count", "denominator", "comparator_value", "rank", "rank_of"]
        var names: [String] = []
        for line in CSVLines(text) {
            for (c, field) in line.enumerated() {
                if r == 0 { names.append(field); data.write(0, c, field, bold); continue }
                if numeric.contains(names[c]), let v = Double(field) { data.write(r, c, v) } else { data.write(r, c, field) }
            }
            r += 1
        }
        data.freeze(row: 1, col: 0)
        if r > 1 { data.autofilter(0, 0, r - 1, max(0, names.count - 1)) }
        try book.close()
    }
}

/// The rows of a small CSV text (RFC 4180 quoting), for copying the tidy table into a sheet.
struct CSVLines: Sequence, IteratorProtocol {
    var chars: [Character]
    var i = 0
    init(_ text: String) { chars = Array(text) }

    mutating func next() -> [String]? {
        guard i < chars.count else { return nil }
        var fields: [String] = [], field = "", quoted = false
        while i < chars.count {
            let c = chars[i]
            i += 1
            if quoted {
                if c == "\"" {
                    if i < chars.count && chars[i] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                break
            } else if c != "\r" {
                field.append(c)
            }
        }
        fields.append(field)
        return fields
    }
}
