#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A self-contained SVG map of polygons (no scripts, fonts or network): equirectangular
/// projection with longitude scaled by cos(mean latitude) for lon/lat data, one path per feature
/// (holes by the even-odd rule), a title and a legend.
public enum SVGMap {
    /// One line of a map's legend: a swatch and its label.
    public struct LegendEntry: Sendable {
        /// The text beside the swatch.
        public var label: String
        /// The swatch's fill (a CSS colour).
        public var colour: String
        /// A legend line.
        public init(label: String, colour: String) { self.label = label; self.colour = colour }
    }

    /// The map as SVG text: one path per feature filled with `fills[f]`, `titles[f]` on hover,
    /// a title and a legend.
    /// A feature without a fill or title (fewer given than features) is drawn grey and untitled.
    public static func render(_ layer: PolygonLayer, fills: [String], titles: [String], title: String,
                              legend: [LegendEntry], width: Double = 900) -> String {
        var style = MapStyle(title: title)
        style.width = width
        return ThematicMap.render(layer, fills: fills, titles: titles, legend: legend, style: style)
    }

    /// The fill of features with no value.
    public static let missingColour = "#bdbdbd"

    static func escape(_ t: String) -> String {
        var out = ""
        for c in t {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// The colour of a LISA cluster (GeoDa's convention: HH red, LL blue, LH light blue, HL
    /// orange; not significant and not tested light grey; islands mid grey).
    public static func colour(of cluster: LocalMoran.Cluster) -> String {
        switch cluster {
        case .highHigh: return "#d7191c"
        case .lowLow: return "#2c7bb6"
        case .lowHigh: return "#abd9e9"
        case .highLow: return "#fdae61"
        case .notSignificant, .notTested: return "#eeeeee"
        case .island: return "#9e9e9e"
        }
    }

    /// A quantile choropleth (five classes with the default palette): fills and legend, classes
    /// bounded by value rank as in GeoDa's quantile map. Missing (NaN) values get
    /// ``missingColour`` and a "No value" legend line.
    public static func quintiles(_ values: [Double], palette: [String] = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"])
        -> (fills: [String], legend: [LegendEntry]) {
        let sorted = values.filter { !$0.isNaN }.sorted()
        let n = sorted.count
        let k = palette.count
        let missing = values.count - n
        guard n > 0, k > 0 else {
            return (values.map { _ in missingColour }, missing > 0 ? [LegendEntry(label: "No value (\(missing))", colour: missingColour)] : [])
        }
        let breaks = (1..<max(k, 1)).map { sorted[min(n - 1, $0 * n / k)] }
        let fills = values.map { v -> String in
            if v.isNaN { return missingColour }
            var c = 0
            while c < breaks.count && v >= breaks[c] { c += 1 }
            return palette[c]
        }
        var legend: [LegendEntry] = []
        var lower = sorted[0]
        for c in 0..<k {
            let upper = c < breaks.count ? breaks[c] : sorted[n - 1]
            legend.append(LegendEntry(label: "\(short(lower)) – \(short(upper))", colour: palette[c]))
            lower = upper
        }
        if missing > 0 { legend.append(LegendEntry(label: "No value (\(missing))", colour: missingColour)) }
        return (fills, legend)
    }

    static func short(_ v: Double) -> String {
        let m = abs(v) >= 100 ? 1.0 : (abs(v) >= 1 ? 100.0 : 10000.0)
        return NumberFormatting.string((v * m).rounded() / m)
    }

    /// A quintile choropleth of `values` (one per feature of `layer`, named by `ids`).
    public static func choropleth(layer: PolygonLayer, ids: [String], values: [Double], title: String) -> ByteWriter {
        choropleth(layer: layer, ids: ids, values: values, style: MapStyle(title: title))
    }

    /// A quintile choropleth drawn in `style`.
    public static func choropleth(layer: PolygonLayer, ids: [String], values: [Double], style: MapStyle) -> ByteWriter {
        let (fills, legend) = quintiles(values)
        let titles = (0..<min(ids.count, values.count)).map { "\(ids[$0]): \(values[$0].isFinite ? NumberFormatting.string(values[$0]) : "no value")" }
        let w = ByteWriter()
        w.append(raw: ThematicMap.render(layer, fills: fills, titles: titles, legend: legend, style: style))
        return w
    }

    /// The LISA cluster map: HH/LL/LH/HL where significant, grey otherwise, with counts in the legend.
    public static func lisaClusters(layer: PolygonLayer, ids: [String], lisa: LocalMoran, labels clusters: [LocalMoran.Cluster], alpha: Double,
                                    correction: LocalMoran.Correction, permutations: Int, style: MapStyle? = nil) -> ByteWriter {
        let fills = clusters.map(colour(of:))
        let titles = (0..<min(ids.count, clusters.count)).map { i in
            "\(ids[i]): \(clusters[i].rawValue) (Ii \(NumberFormatting.string((lisa.values[i] * 1000).rounded() / 1000)), p \(lisa.pSim[i].isNaN ? "–" : NumberFormatting.string(lisa.pSim[i])))"
        }
        let names: [LocalMoran.Cluster: String] = [.highHigh: "High–High", .lowLow: "Low–Low", .lowHigh: "Low–High", .highLow: "High–Low",
                                                   .island: "Island"]
        var legend: [LegendEntry] = []
        for cluster in [LocalMoran.Cluster.highHigh, .lowLow, .lowHigh, .highLow, .notSignificant, .notTested, .island] {
            let count = clusters.filter { $0 == cluster }.count
            if count > 0 || ![.notTested, .island].contains(cluster) {
                legend.append(.init(label: "\(names[cluster] ?? cluster.rawValue) (\(count))", colour: colour(of: cluster)))
            }
        }
        let corrected = correction == .none ? "" : (correction == .fdr ? ", FDR" : ", Bonferroni")
        let title = "LISA clusters, p ≤ \(NumberFormatting.string(alpha))\(corrected), \(permutations) permutations"
        var s = style ?? MapStyle(title: title)
        if s.title.isEmpty { s.title = title }
        if s.legendTitle.isEmpty { s.legendTitle = "Cluster (areas)" }
        let w = ByteWriter()
        w.append(raw: ThematicMap.render(layer, fills: fills, titles: titles, legend: legend, style: s))
        return w
    }

    /// GeoDa's LISA significance map: areas by pseudo p-value (p ≤ 0.0001, 0.001, 0.01, 0.05 in
    /// darkening greens; not significant light grey; not tested mid grey).
    public static func lisaSignificance(layer: PolygonLayer, ids: [String], lisa: LocalMoran, permutations: Int, style: MapStyle? = nil) -> ByteWriter {
        let levels: [(Double, String, String)] = [(0.0001, "p ≤ 0.0001", "#1a5e1a"), (0.001, "p ≤ 0.001", "#348124"), (0.01, "p ≤ 0.01", "#53c53c"),
                                                   (0.05, "p ≤ 0.05", "#84f576")]
        var counts = [Int](repeating: 0, count: levels.count + 2)
        var fills: [String] = []
        for p in lisa.pSim {
            if p.isNaN { fills.append("#9e9e9e"); counts[levels.count + 1] += 1; continue }
            if let k = levels.firstIndex(where: { p <= $0.0 }) { fills.append(levels[k].2); counts[k] += 1 }
            else { fills.append("#eeeeee"); counts[levels.count] += 1 }
        }
        // With R permutations the smallest pseudo p is 1/(R+1): levels below it cannot occur.
        let floor = 1 / Double(permutations + 1)
        var legend: [LegendEntry] = []
        for (k, l) in levels.enumerated() where l.0 >= floor || counts[k] > 0 { legend.append(.init(label: "\(l.1) (\(counts[k]))", colour: l.2)) }
        legend.append(.init(label: "Not significant (\(counts[levels.count]))", colour: "#eeeeee"))
        if counts[levels.count + 1] > 0 { legend.append(.init(label: "Not tested (\(counts[levels.count + 1]))", colour: "#9e9e9e")) }
        let titles = (0..<min(ids.count, lisa.pSim.count)).map { "\(ids[$0]): p \(lisa.pSim[$0].isNaN ? "–" : NumberFormatting.string(lisa.pSim[$0]))" }
        var s = style ?? MapStyle(title: "")
        if s.title.isEmpty { s.title = "LISA significance, \(permutations) permutations" }
        if s.legendTitle.isEmpty { s.legendTitle = "Pseudo p-value (areas)" }
        let w = ByteWriter()
        w.append(raw: ThematicMap.render(layer, fills: fills, titles: titles, legend: legend, style: s))
        return w
    }
}
