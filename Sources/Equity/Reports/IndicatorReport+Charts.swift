/// The report's charts as SVG: Fingertips' spine chart (England's spread of the areas of the
/// same type, the area's marker) and small trend charts with 95% whiskers and England's line.
extension IndicatorReport {
    /// "Goodness" of a value: higher is better after this (ascending for no judgement).
    static func goodness(_ v: Double, _ polarity: Polarity) -> Double { polarity == .lowIsGood ? -v : v }

    /// One spine as SVG elements inside a `width × height` box at (x, y): light grey from the
    /// worst to the best area, dark grey between the 25th and 75th percentiles, England's value
    /// a red line in the centre (Fingertips' layout: the scale set by the extreme further from
    /// England), the area's value a circle filled with its colour against England.
    static func spineElements(_ s: Spine, polarity: Polarity, marker: ReportRendering.Swatch?, x: Double, y: Double,
                              width: Double, height: Double) -> String {
        let centre = s.england.isFinite ? s.england : (s.quartile25 + s.quartile75) / 2
        let gc = goodness(centre, polarity)
        let reach = max(gc - goodness(s.worst, polarity), goodness(s.best, polarity) - gc, 1e-12)
        let half = width / 2 - 6
        func px(_ v: Double) -> Double { x + width / 2 + (goodness(v, polarity) - gc) / reach * half }
        func f(_ v: Double) -> String { NumberFormatting.string((v * 10).rounded() / 10) }
        let barY = y + height * 0.2, barH = height * 0.6
        var out = ""
        let lo = min(px(s.worst), px(s.best)), hi = max(px(s.worst), px(s.best))
        out += "<rect x=\"\(f(lo))\" y=\"\(f(barY))\" width=\"\(f(max(hi - lo, 0.5)))\" height=\"\(f(barH))\" fill=\"#D9D9D9\"/>"
        let q1 = min(px(s.quartile25), px(s.quartile75)), q3 = max(px(s.quartile25), px(s.quartile75))
        out += "<rect x=\"\(f(q1))\" y=\"\(f(barY))\" width=\"\(f(max(q3 - q1, 0.5)))\" height=\"\(f(barH))\" fill=\"#7F7F7F\"/>"
        if s.england.isFinite {
            out += "<line x1=\"\(f(px(s.england)))\" x2=\"\(f(px(s.england)))\" y1=\"\(f(y + 1))\" y2=\"\(f(y + height - 1))\" stroke=\"#C00000\" stroke-width=\"2\"/>"
        }
        if s.area.isFinite {
            let fill = marker?.fill ?? "#FFFFFF"
            out += "<circle cx=\"\(f(px(s.area)))\" cy=\"\(f(y + height / 2))\" r=\"\(f(min(height * 0.32, 6)))\" fill=\"\(fill)\" stroke=\"#000000\" stroke-width=\"1.2\"/>"
        }
        return out
    }

    /// A small spine chart (inline in the table).
    static func spineSVG(_ l: Line, palette: ReportRendering.Palette, width: Double = 150, height: Double = 22) -> String {
        guard let s = l.spine else { return "" }
        let marker = l.latest[.england].flatMap { palette.swatch($0.outcome.result) }
        let dp = ReportRendering.decimals(l)
        let desc = "Worst \(ReportRendering.fixed(s.worst, decimals: dp)), 25th percentile \(ReportRendering.fixed(s.quartile25, decimals: dp)), "
            + "75th \(ReportRendering.fixed(s.quartile75, decimals: dp)), best \(ReportRendering.fixed(s.best, decimals: dp)) of \(s.areas) areas; "
            + "England \(ReportRendering.fixed(s.england, decimals: dp)); this area \(ReportRendering.fixed(s.area, decimals: dp))"
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spine\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(ReportRendering.escape(desc))\">"
            + "<title>\(ReportRendering.escape(desc))</title>"
            + spineElements(s, polarity: l.indicator.polarity, marker: marker, x: 0, y: 0, width: width, height: height) + "</svg>"
    }

    /// A small trend chart: the area's values with 95% whiskers (coloured by the latest
    /// comparison with England where it is the latest period) and England's values as a dashed
    /// line; nil with fewer than two periods.
    static func trendSVG(_ l: Line, palette: ReportRendering.Palette, areaName: String, width: Double = 300, height: Double = 170) -> String? {
        let points = l.history.filter { $0.value.isFinite }
        guard points.count >= 2 else { return nil }
        var lo = Double.infinity, hi = -Double.infinity
        for p in points {
            for v in [p.value, p.lower95, p.upper95, p.england] where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        }
        if hi - lo < 1e-12 { lo -= 1; hi += 1 }
        let pad = (hi - lo) * 0.08
        lo -= pad; hi += pad
        let name = ReportRendering.seriesName(l)
        let titleLines = Self.wrap(name, width: Int(width / 6.2), maxLines: 2)
        let left = 46.0, right = width - 10, top = 22.0 + 12 * Double(titleLines.count), bottom = height - 28
        func px(_ k: Int) -> Double { left + (right - left) * (points.count == 1 ? 0.5 : Double(k) / Double(points.count - 1)) }
        func py(_ v: Double) -> Double { bottom - (v - lo) / (hi - lo) * (bottom - top) }
        func f(_ v: Double) -> String { NumberFormatting.string((v * 10).rounded() / 10) }
        let dp = ReportRendering.decimals(l)
        let summary = points.map { "\($0.period) \(ReportRendering.fixed($0.value, decimals: dp))" }.joined(separator: ", ")
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(ReportRendering.escape(name + ": " + summary))\" font-family=\"system-ui, Arial, sans-serif\">"
        s += "<title>\(ReportRendering.escape(name))</title><desc>\(ReportRendering.escape(summary))</desc>"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>"
        for (k, t) in titleLines.enumerated() {
            s += "<text x=\"6\" y=\"\(14 + 12 * k)\" font-size=\"11\" font-weight=\"600\" fill=\"#0B0C0C\">\(ReportRendering.escape(t))</text>"
        }
        if !l.indicator.unit.isEmpty {
            s += "<text x=\"6\" y=\"\(13 + 12 * titleLines.count)\" font-size=\"9\" fill=\"#505A5F\">\(ReportRendering.escape(l.indicator.unit))</text>"
        }
        // Axes: y ticks at 4 levels.
        for k in 0...3 {
            let v = lo + (hi - lo) * Double(k) / 3
            let y = py(v)
            s += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#E5E5E5\"/>"
            s += "<text x=\"\(f(left - 4))\" y=\"\(f(y + 3))\" font-size=\"9\" text-anchor=\"end\" fill=\"#505A5F\">\(ReportRendering.escape(ReportRendering.fixed(v, decimals: dp)))</text>"
        }
        s += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(bottom))\" y2=\"\(f(bottom))\" stroke=\"#505A5F\"/>"
        let labelled = Set([0, points.count - 1, points.count / 2])
        for (k, p) in points.enumerated() where labelled.contains(k) {
            let anchor = k == 0 ? "start" : k == points.count - 1 ? "end" : "middle"
            s += "<text x=\"\(f(px(k)))\" y=\"\(f(bottom + 12))\" font-size=\"9\" text-anchor=\"\(anchor)\" fill=\"#505A5F\">\(ReportRendering.escape(p.period))</text>"
        }
        // England.
        let england = points.enumerated().filter { $0.element.england.isFinite }
        if england.count >= 2 {
            s += "<polyline fill=\"none\" stroke=\"#C00000\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\" points=\""
                + england.map { "\(f(px($0.offset))),\(f(py($0.element.england)))" }.joined(separator: " ") + "\"/>"
        } else if let e = england.first {
            s += "<circle cx=\"\(f(px(e.offset)))\" cy=\"\(f(py(e.element.england)))\" r=\"2.5\" fill=\"#C00000\"/>"
        }
        // The area.
        s += "<polyline fill=\"none\" stroke=\"#0B0C0C\" stroke-width=\"1.5\" points=\""
            + points.enumerated().map { "\(f(px($0.offset))),\(f(py($0.element.value)))" }.joined(separator: " ") + "\"/>"
        let latestFill = l.latest[.england].flatMap { palette.swatch($0.outcome.result) }?.fill ?? "#FFFFFF"
        for (k, p) in points.enumerated() {
            if p.lower95.isFinite && p.upper95.isFinite {
                s += "<line x1=\"\(f(px(k)))\" x2=\"\(f(px(k)))\" y1=\"\(f(py(p.lower95)))\" y2=\"\(f(py(p.upper95)))\" stroke=\"#0B0C0C\"/>"
                for v in [p.lower95, p.upper95] {
                    s += "<line x1=\"\(f(px(k) - 3))\" x2=\"\(f(px(k) + 3))\" y1=\"\(f(py(v)))\" y2=\"\(f(py(v)))\" stroke=\"#0B0C0C\"/>"
                }
            }
            let fill = k == points.count - 1 ? latestFill : "#FFFFFF"
            s += "<circle cx=\"\(f(px(k)))\" cy=\"\(f(py(p.value)))\" r=\"3.5\" fill=\"\(fill)\" stroke=\"#0B0C0C\"><title>\(ReportRendering.escape("\(p.period): \(ReportRendering.fixed(p.value, decimals: dp))"))</title></circle>"
        }
        // Legend.
        let ly = height - 6
        s += "<line x1=\"\(f(left))\" x2=\"\(f(left + 16))\" y1=\"\(f(ly - 3))\" y2=\"\(f(ly - 3))\" stroke=\"#0B0C0C\" stroke-width=\"1.5\"/>"
        s += "<text x=\"\(f(left + 20))\" y=\"\(f(ly))\" font-size=\"9\" fill=\"#0B0C0C\">\(ReportRendering.escape(String(areaName.prefix(24)))) (95% CI)</text>"
        if !england.isEmpty {
            s += "<line x1=\"\(f(left + 150))\" x2=\"\(f(left + 166))\" y1=\"\(f(ly - 3))\" y2=\"\(f(ly - 3))\" stroke=\"#C00000\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
            s += "<text x=\"\(f(left + 170))\" y=\"\(f(ly))\" font-size=\"9\" fill=\"#0B0C0C\">England</text>"
        }
        return s + "</svg>"
    }

    /// Words of `text` in lines of at most `width` characters (at most `maxLines`, the last
    /// ending in "…" when text is left over).
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= width { current += " " + word } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = String(lines[maxLines - 1].prefix(max(1, width - 1))) + "…"
        }
        return lines
    }

    /// The area's spine chart for every indicator with a spread, as one SVG (Fingertips' area
    /// profile): indicator names on the left, the spine on the right, a key below.
    public func spineChartSVG(_ options: ReportRendering.Options) -> String {
        let rows = lines.filter { $0.spine != nil }
        let width = 980.0, nameWidth = 430.0, rowH = 26.0, top = 56.0
        let height = top + Double(rows.count) * rowH + 70
        func f(_ v: Double) -> String { NumberFormatting.string((v * 10).rounded() / 10) }
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"system-ui, Arial, sans-serif\" role=\"img\" aria-label=\"\(ReportRendering.escape(options.title)): spine chart\">"
        s += "<title>\(ReportRendering.escape(options.title)): spine chart</title>"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>"
        s += "<text x=\"10\" y=\"24\" font-size=\"18\" font-weight=\"700\" fill=\"#0B0C0C\">\(ReportRendering.escape(options.title))</text>"
        s += "<text x=\"10\" y=\"42\" font-size=\"12\" fill=\"#505A5F\">\(ReportRendering.escape(areaName)) among areas of the same type: worst on the left, best on the right, England in the centre</text>"
        for (k, l) in rows.enumerated() {
            guard let spine = l.spine else { continue }
            let y = top + Double(k) * rowH
            if k % 2 == 0 { s += "<rect x=\"0\" y=\"\(f(y))\" width=\"\(Int(width))\" height=\"\(f(rowH))\" fill=\"#F3F2F1\"/>" }
            s += "<text x=\"10\" y=\"\(f(y + 17))\" font-size=\"12\" fill=\"#0B0C0C\">\(ReportRendering.escape(Self.wrap(ReportRendering.seriesName(l), width: 66, maxLines: 1).first ?? ""))</text>"
            let marker = l.latest[.england].flatMap { options.palette.swatch($0.outcome.result) }
            s += Self.spineElements(spine, polarity: l.indicator.polarity, marker: marker, x: nameWidth, y: y + 3, width: width - nameWidth - 20, height: rowH - 6)
        }
        let ky = top + Double(rows.count) * rowH + 22
        s += "<rect x=\"10\" y=\"\(f(ky - 10))\" width=\"28\" height=\"12\" fill=\"#D9D9D9\"/><text x=\"44\" y=\"\(f(ky))\" font-size=\"11\">worst to best area</text>"
        s += "<rect x=\"170\" y=\"\(f(ky - 10))\" width=\"28\" height=\"12\" fill=\"#7F7F7F\"/><text x=\"204\" y=\"\(f(ky))\" font-size=\"11\">25th to 75th percentile</text>"
        s += "<line x1=\"370\" x2=\"370\" y1=\"\(f(ky - 11))\" y2=\"\(f(ky + 3))\" stroke=\"#C00000\" stroke-width=\"2\"/><text x=\"378\" y=\"\(f(ky))\" font-size=\"11\">England</text>"
        s += "<circle cx=\"455\" cy=\"\(f(ky - 4))\" r=\"5\" fill=\"#FFFFFF\" stroke=\"#000000\"/><text x=\"465\" y=\"\(f(ky))\" font-size=\"11\">\(ReportRendering.escape(areaName)), coloured by its comparison with England</text>"
        s += "<text x=\"10\" y=\"\(f(ky + 24))\" font-size=\"10\" fill=\"#505A5F\">\(ReportRendering.escape(options.licence))</text>"
        return s + "</svg>\n"
    }

    /// Every chart as a separate SVG file: `chart_spine.svg` and `chart_trend_NN_<indicator>.svg`.
    public func chartFiles(_ options: ReportRendering.Options) -> [(name: String, svg: String)] {
        var files: [(String, String)] = []
        if lines.contains(where: { $0.spine != nil }) { files.append(("chart_spine.svg", spineChartSVG(options))) }
        for (k, l) in lines.enumerated() {
            guard let svg = Self.trendSVG(l, palette: options.palette, areaName: areaName, width: 420, height: 220) else { continue }
            let safe = String(l.indicator.id.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
            let number = k + 1 < 10 ? "0\(k + 1)" : "\(k + 1)"
            files.append(("chart_trend_\(number)_\(safe).svg", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n"))
        }
        return files
    }
}
