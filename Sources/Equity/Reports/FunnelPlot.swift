#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A funnel plot as a self-contained SVG (PHE's funnel charts): each area's value against its
/// precision (denominator, expected count or population-years), the 95% (2s) and 99.8% (3s)
/// control limits as curves around the average, areas coloured and worded by their
/// significance, and the names of areas beyond the 99.8% limits written beside them.
public enum FunnelPlot {
    /// What to draw.
    public struct Options: Sendable {
        /// The chart's title.
        public var title: String
        /// A line under the title (default: the statistic and the limits' method).
        public var subtitle: String?
        /// The y axis' label (default: from the statistic).
        public var valueLabel: String?
        /// With a polarity, High/Low read as Better/Worse (green/vermillion); without, as
        /// Higher/Lower in blues and oranges.
        public var polarity: Polarity = .noJudgement
        /// Options with a title.
        public init(title: String) { self.title = title }
    }

    /// One area on the plot.
    public struct Point: Sendable {
        /// Its name (shown on hover; written beside it when beyond the 99.8% limits).
        public var name: String
        /// Its precision (x).
        public var x: Double
        /// Its value (y).
        public var y: Double
        /// Its significance (nil when it could not be placed).
        public var significance: Funnel.Significance?
    }

    /// The points of a funnel analysis: proportions as x/n × multiplier against n; ratios
    /// against the expected count (count type: O/E − 1; isr: O/E × 100); rates against the
    /// population-years behind them (multiplier × events / rate, per year).
    public static func points(numerators x: [Double], denominators n: [Double]?, rates r: [Double]?, names: [String],
                              analysis: Funnel.Analysis, options o: Funnel.Options) -> [Point] {
        (0..<x.count).compactMap { i in
            guard let s = analysis.significance[i] else { return nil }
            let px: Double, py: Double
            switch o.statistic {
            case .proportion:
                guard let n else { return nil }
                px = n[i]; py = x[i] / n[i] * o.multiplier
            case .ratio:
                guard let n else { return nil }
                px = n[i]; py = o.ratioType == .count ? x[i] / n[i] - 1 : x[i] / n[i] * 100
            case .rate:
                guard let r else { return nil }
                let d = x[i] == 0 ? (n?[i] ?? .nan) : o.multiplier * x[i] / r[i]
                px = d / o.yearsOfData; py = x[i] == 0 ? 0 : r[i]
            }
            guard px.isFinite, py.isFinite else { return nil }
            return Point(name: i < names.count ? names[i] : "", x: px, y: py, significance: s)
        }
    }

    /// The limit curves of a PHE limits table: (x, y) pairs for lower/upper 2s and 3s, and the
    /// baseline.
    static func curves(_ t: Funnel.LimitsTable, options o: Funnel.Options) -> (lower2: [(Double, Double)], upper2: [(Double, Double)],
                                                                           lower3: [(Double, Double)], upper3: [(Double, Double)], baseline: Double) {
        let v = t.values
        func pairs(_ xs: [Double], _ ys: [Double]) -> [(Double, Double)] { zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite && $0.0 > 0 } }
        switch o.statistic {
        case .proportion:
            return (pairs(v[0], v[1]), pairs(v[0], v[2]), pairs(v[0], v[3]), pairs(v[0], v[4]), v[5].first ?? .nan)
        case .ratio:
            return (pairs(v[1], v[2]), pairs(v[3], v[4]), pairs(v[5], v[6]), pairs(v[7], v[8]), o.ratioType == .count ? 0 : 100)
        case .rate:
            return (pairs(v[1], v[2]), pairs(v[3], v[4]), pairs(v[5], v[6]), pairs(v[7], v[8]), v[9].first ?? .nan)
        }
    }

    /// The word and colour of a significance under a polarity.
    static func style(_ s: Funnel.Significance, polarity: Polarity) -> (word: String, fill: String) {
        let high: Bool, strong: Bool
        switch s {
        case .high001: high = true; strong = true
        case .high025: high = true; strong = false
        case .low001: high = false; strong = true
        case .low025: high = false; strong = false
        case .notSignificant: return ("Within the 95% limits", "#FFFFFF")
        case .notApplicableDSR: return ("Not applicable (fewer than 10 events)", "#D9D9D9")
        }
        let level = strong ? " (beyond 99.8%)" : " (beyond 95%)"
        switch polarity {
        case .highIsGood, .lowIsGood:
            let better = (polarity == .highIsGood) == high
            return ((better ? "Better" : "Worse") + level, better ? (strong ? "#006B4F" : "#009E73") : (strong ? "#A34400" : "#D55E00"))
        default:
            return ((high ? "Higher" : "Lower") + level, high ? (strong ? "#A34400" : "#E69F00") : (strong ? "#004D7A" : "#56B4E9"))
        }
    }

    /// A round step (1, 2, 2.5 or 5 × a power of ten) at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = pow(10, log10(raw).rounded(.down))
        for m in [1.0, 2, 2.5, 5, 10] where m * p >= raw { return m * p }
        return 10 * p
    }

    /// The plot as SVG text.
    public static func svg(points: [Point], limits: Funnel.LimitsTable, funnel o: Funnel.Options, options: Options,
                           width: Double = 900, height: Double = 600) -> String {
        let c = curves(limits, options: o)
        let left = 78.0, right = width - 250, top = 64.0, bottom = height - 58
        let maxX = max(points.map(\.x).max() ?? 1, 1) * 1.05
        var lo = Double.infinity, hi = -Double.infinity
        for p in points { lo = min(lo, p.y); hi = max(hi, p.y) }
        if c.baseline.isFinite { lo = min(lo, c.baseline); hi = max(hi, c.baseline) }
        if !lo.isFinite { lo = 0; hi = 1 }
        let span = max(hi - lo, 1e-9)
        lo -= span * 0.15; hi += span * 0.15
        if o.statistic == .proportion { lo = max(lo, 0) }
        func px(_ x: Double) -> Double { left + x / maxX * (right - left) }
        func py(_ y: Double) -> Double { bottom - (y - lo) / (hi - lo) * (bottom - top) }
        func f(_ v: Double) -> String { NumberFormatting.string((v * 10).rounded() / 10) }
        func e(_ t: String) -> String { SVGMap.escape(t) }
        let valueLabel = options.valueLabel ?? {
            switch o.statistic {
            case .proportion: return o.multiplier == 100 ? "Per cent" : "Per \(ReportRendering.count(o.multiplier))"
            case .ratio: return o.ratioType == .count ? "Observed / expected − 1" : "Ratio × 100"
            case .rate: return "Rate per \(ReportRendering.count(o.multiplier))"
            }
        }()
        let xLabel: String = {
            switch o.statistic {
            case .proportion: return "Denominator"
            case .ratio: return "Expected count"
            case .rate: return o.yearsOfData == 1 ? "Population (person-years)" : "Population per year"
            }
        }()
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"system-ui, Arial, sans-serif\" role=\"img\" aria-label=\"\(e(options.title))\">"
        s += "<title>\(e(options.title))</title><rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>"
        s += "<text x=\"12\" y=\"26\" font-size=\"18\" font-weight=\"700\" fill=\"#0B0C0C\">\(e(options.title))</text>"
        s += "<text x=\"12\" y=\"46\" font-size=\"12\" fill=\"#505A5F\">\(e(options.subtitle ?? "Funnel plot: \(limits.statistic), 95% and 99.8% control limits around the average (\(limits.method))"))</text>"
        s += "<defs><clipPath id=\"plot\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(right - left))\" height=\"\(f(bottom - top))\"/></clipPath></defs>"
        // Grid and axes at round values.
        let yStep = niceStep((hi - lo) / 5), xStep = niceStep(maxX / 5)
        let yDecimals = max(0, min(4, Int(-log10(yStep).rounded(.down)) + (yStep.truncatingRemainder(dividingBy: pow(10, log10(yStep).rounded(.down))) == 0 ? 0 : 1)))
        var yv = (lo / yStep).rounded(.up) * yStep
        while yv <= hi {
            let y = py(yv)
            s += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"#E5E5E5\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#505A5F\">\(e(ReportRendering.fixed(yv, decimals: yDecimals)))</text>"
            yv += yStep
        }
        var xv = 0.0
        while xv <= maxX {
            s += "<text x=\"\(f(px(xv)))\" y=\"\(f(bottom + 16))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#505A5F\">\(e(ReportRendering.fixed(xv, decimals: xStep < 1 ? 1 : 0)))</text>"
            xv += xStep
        }
        s += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(bottom))\" y2=\"\(f(bottom))\" stroke=\"#505A5F\"/><line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(bottom))\" stroke=\"#505A5F\"/>"
        s += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(bottom + 36))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#0B0C0C\">\(e(xLabel))</text>"
        s += "<text transform=\"translate(18 \(f((top + bottom) / 2))) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#0B0C0C\">\(e(valueLabel))</text>"
        // Limits.
        func line(_ pts: [(Double, Double)], dash: String, colour: String) -> String {
            let inside = pts.filter { $0.0 <= maxX }.sorted { $0.0 < $1.0 }
            guard inside.count >= 2 else { return "" }
            return "<polyline clip-path=\"url(#plot)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.4\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") points=\""
                + inside.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ") + "\"/>"
        }
        s += line(c.lower3, dash: "", colour: "#505A5F") + line(c.upper3, dash: "", colour: "#505A5F")
        s += line(c.lower2, dash: "5 3", colour: "#505A5F") + line(c.upper2, dash: "5 3", colour: "#505A5F")
        if c.baseline.isFinite {
            s += "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(py(c.baseline)))\" y2=\"\(f(py(c.baseline)))\" stroke=\"#0B0C0C\" stroke-width=\"1.2\"/>"
        }
        // Points, strongest last so they are on top.
        let order = points.indices.sorted { a, b in
            func rank(_ p: Point) -> Int { p.significance == .high001 || p.significance == .low001 ? 2 : p.significance == .notSignificant ? 0 : 1 }
            return rank(points[a]) < rank(points[b])
        }
        var used: [String] = []
        for i in order {
            let p = points[i]
            guard let sig = p.significance else { continue }
            let st = style(sig, polarity: options.polarity)
            if !used.contains(st.word) { used.append(st.word) }
            let value = ReportRendering.fixed(p.y, decimals: span < 10 ? 2 : 1)
            s += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"5\" fill=\"\(st.fill)\" stroke=\"#0B0C0C\" stroke-width=\"1\"><title>\(e("\(p.name): \(value) — \(st.word)"))</title></circle>"
            if sig == .high001 || sig == .low001 {
                s += "<text x=\"\(f(px(p.x) + 8))\" y=\"\(f(py(p.y) + 4))\" font-size=\"11\" fill=\"#0B0C0C\">\(e(String(p.name.prefix(24))))</text>"
            }
        }
        // Legend.
        var ly = top + 6
        let lx = right + 24
        s += "<text x=\"\(f(lx))\" y=\"\(f(ly))\" font-size=\"12\" font-weight=\"600\" fill=\"#0B0C0C\">Areas</text>"
        ly += 20
        for word in used.sorted() {
            let fill = points.compactMap { $0.significance }.map { style($0, polarity: options.polarity) }.first { $0.word == word }?.fill ?? "#FFFFFF"
            s += "<circle cx=\"\(f(lx + 6))\" cy=\"\(f(ly - 4))\" r=\"5\" fill=\"\(fill)\" stroke=\"#0B0C0C\"/><text x=\"\(f(lx + 18))\" y=\"\(f(ly))\" font-size=\"11\" fill=\"#0B0C0C\">\(e(word))</text>"
            ly += 18
        }
        ly += 8
        s += "<line x1=\"\(f(lx))\" x2=\"\(f(lx + 18))\" y1=\"\(f(ly - 4))\" y2=\"\(f(ly - 4))\" stroke=\"#0B0C0C\" stroke-width=\"1.2\"/><text x=\"\(f(lx + 24))\" y=\"\(f(ly))\" font-size=\"11\">Average</text>"
        ly += 18
        s += "<line x1=\"\(f(lx))\" x2=\"\(f(lx + 18))\" y1=\"\(f(ly - 4))\" y2=\"\(f(ly - 4))\" stroke=\"#505A5F\" stroke-width=\"1.4\" stroke-dasharray=\"5 3\"/><text x=\"\(f(lx + 24))\" y=\"\(f(ly))\" font-size=\"11\">95% limits</text>"
        ly += 18
        s += "<line x1=\"\(f(lx))\" x2=\"\(f(lx + 18))\" y1=\"\(f(ly - 4))\" y2=\"\(f(ly - 4))\" stroke=\"#505A5F\" stroke-width=\"1.4\"/><text x=\"\(f(lx + 24))\" y=\"\(f(ly))\" font-size=\"11\">99.8% limits</text>"
        return s + "</svg>\n"
    }
}
