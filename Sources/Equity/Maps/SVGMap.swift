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
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for i in 0..<layer.x.count {
            minX = min(minX, layer.x[i]); maxX = max(maxX, layer.x[i])
            minY = min(minY, layer.y[i]); maxY = max(maxY, layer.y[i])
        }
        if layer.x.isEmpty { minX = 0; maxX = 1; minY = 0; maxY = 1 }
        let geographic = minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90
        let kx = geographic ? cos((minY + maxY) / 2 * Double.pi / 180) : 1
        let mapWidth = width - 220
        let scale = mapWidth / max((maxX - minX) * kx, 1e-12)
        let mapHeight = max((maxY - minY) * scale, 200)
        let height = mapHeight + 70
        // Positions in tenths of a pixel; consecutive vertices that land on the same tenth are
        // dropped (a national map's 1.9 M vertices would otherwise make a huge file).
        // Whole pixels for very large layers (a national LSOA map), tenths otherwise.
        let step = Double(layer.x.count > 200_000 ? 10 : 1)
        func qx(_ x: Double) -> Int { Int(((x - minX) * kx * scale * 10 / step).rounded() * step) + 100 }
        func qy(_ y: Double) -> Int { Int(((maxY - y) * scale * 10 / step).rounded() * step) + 500 }
        func text(_ v: Int) -> String { v % 10 == 0 ? String(v / 10) : String(v / 10) + "." + String(v % 10) }
        var s = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif">
        <rect width="100%" height="100%" fill="white"/>
        <text x="10" y="28" font-size="18" font-weight="bold">\(escape(title))</text>
        <g stroke="#555" stroke-width="\(layer.featureCount > 5000 ? "0.08" : "0.4")" stroke-linejoin="round">

        """
        for f in 0..<layer.featureCount {
            var d = ""
            for r in layer.featureRingStart[f]..<layer.featureRingStart[f + 1] {
                let a = layer.ringStart[r], b = layer.ringStart[r + 1]
                guard b - a >= 3 else { continue }
                var lastX = qx(layer.x[a]), lastY = qy(layer.y[a])
                d += "M\(text(lastX)),\(text(lastY))"
                for v in (a + 1)..<b {
                    let x = qx(layer.x[v]), y = qy(layer.y[v])
                    if x == lastX && y == lastY { continue }
                    d += "L\(text(x)),\(text(y))"
                    lastX = x; lastY = y
                }
                d += "Z"
            }
            let fill = f < fills.count ? fills[f] : missingColour, tip = f < titles.count ? titles[f] : ""
            s += "<path fill-rule=\"evenodd\" fill=\"\(escape(fill))\" d=\"\(d)\"><title>\(escape(tip))</title></path>\n"
        }
        s += "</g>\n<g font-size=\"13\">\n"
        let lx = width - 200
        for (k, e) in legend.enumerated() {
            let y = 60 + Double(k) * 24
            s += "<rect x=\"\(Int(lx))\" y=\"\(Int(y))\" width=\"18\" height=\"18\" fill=\"\(escape(e.colour))\" stroke=\"#555\" stroke-width=\"0.5\"/>"
            s += "<text x=\"\(Int(lx + 26))\" y=\"\(Int(y + 14))\">\(escape(e.label))</text>\n"
        }
        s += "</g>\n</svg>\n"
        return s
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
        let (fills, legend) = quintiles(values)
        let titles = (0..<min(ids.count, values.count)).map { "\(ids[$0]): \(values[$0].isFinite ? NumberFormatting.string(values[$0]) : "no value")" }
        let w = ByteWriter()
        w.append(raw: render(layer, fills: fills, titles: titles, title: title, legend: legend))
        return w
    }

    /// The LISA cluster map: HH/LL/LH/HL where significant, grey otherwise, with counts in the legend.
    public static func lisaClusters(layer: PolygonLayer, ids: [String], lisa: LocalMoran, labels clusters: [LocalMoran.Cluster], alpha: Double,
                                    correction: LocalMoran.Correction, permutations: Int) -> ByteWriter {
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
        let w = ByteWriter()
        w.append(raw: render(layer, fills: fills, titles: titles, title: title, legend: legend))
        return w
    }
}
