#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Moran scatterplot (Anselin 1996, *The Moran scatterplot as an ESDA tool*): each area's
/// standardised value z against its spatial lag Wz, the four quadrants (High–High, Low–Low,
/// Low–High, High–Low) and the least-squares line through the origin, whose slope is Moran's I
/// for row-standardised weights. Points are coloured by LISA cluster when given (GeoDa's
/// colours), quadrant otherwise.
public enum MoranScatterplot {
    /// The SVG chart. `clusters` (optional) colours significant points; `slope` is drawn as the line.
    public static func render(z: [Double], lag: [Double], ids: [String], slope: Double, clusters: [LocalMoran.Cluster]? = nil,
                              title: String, subtitle: String = "", variable: String = "values") -> String {
        let width = 640.0, height = 600.0, left = 70.0, top = subtitle.isEmpty ? 56.0 : 76.0, plot = 460.0
        var extent = 1.0
        for i in 0..<min(z.count, lag.count) where z[i].isFinite && lag[i].isFinite { extent = max(extent, abs(z[i]), abs(lag[i])) }
        extent = (extent * 1.08 * 2).rounded(.up) / 2
        func px(_ v: Double) -> Double { left + (v + extent) / (2 * extent) * plot }
        func py(_ v: Double) -> Double { top + (extent - v) / (2 * extent) * plot }
        func f(_ v: Double) -> String { ThematicMap.fmt(v) }
        var s = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Arial, Helvetica, sans-serif">
        <rect width="100%" height="100%" fill="white"/>
        <text x="12" y="28" font-size="20" font-weight="bold" fill="#0b0c0c">\(SVGMap.escape(title))</text>\n
        """
        if !subtitle.isEmpty { s += "<text x=\"12\" y=\"50\" font-size=\"14\" fill=\"#505a5f\">\(SVGMap.escape(subtitle))</text>\n" }
        s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plot))\" height=\"\(f(plot))\" fill=\"none\" stroke=\"#b1b4b6\"/>\n"
        s += "<line x1=\"\(f(px(0)))\" y1=\"\(f(top))\" x2=\"\(f(px(0)))\" y2=\"\(f(top + plot))\" stroke=\"#505a5f\" stroke-dasharray=\"4 3\"/>"
        s += "<line x1=\"\(f(left))\" y1=\"\(f(py(0)))\" x2=\"\(f(left + plot))\" y2=\"\(f(py(0)))\" stroke=\"#505a5f\" stroke-dasharray=\"4 3\"/>\n"
        // Axis ticks at whole numbers.
        s += "<g font-size=\"11\" fill=\"#505a5f\" text-anchor=\"middle\">"
        var t = -Double(Int(extent))
        while t <= extent {
            s += "<text x=\"\(f(px(t)))\" y=\"\(f(top + plot + 16))\">\(NumberFormatting.string(t))</text>"
            s += "<text x=\"\(f(left - 14))\" y=\"\(f(py(t) + 4))\">\(NumberFormatting.string(t))</text>"
            t += 1
        }
        s += "</g>\n"
        s += "<text x=\"\(f(left + plot / 2))\" y=\"\(f(top + plot + 38))\" font-size=\"13\" text-anchor=\"middle\">\(SVGMap.escape(variable)) (standardised)</text>"
        s += "<text transform=\"translate(\(f(left - 40)),\(f(top + plot / 2))) rotate(-90)\" font-size=\"13\" text-anchor=\"middle\">spatial lag of \(SVGMap.escape(variable))</text>\n"
        s += "<g font-size=\"12\" fill=\"#505a5f\"><text x=\"\(f(left + plot - 6))\" y=\"\(f(top + 16))\" text-anchor=\"end\">High–High</text><text x=\"\(f(left + 6))\" y=\"\(f(top + plot - 8))\">Low–Low</text><text x=\"\(f(left + 6))\" y=\"\(f(top + 16))\">Low–High</text><text x=\"\(f(left + plot - 6))\" y=\"\(f(top + plot - 8))\" text-anchor=\"end\">High–Low</text></g>\n"
        s += "<g fill-opacity=\"0.75\">\n"
        for i in 0..<min(z.count, lag.count) where z[i].isFinite && lag[i].isFinite {
            let colour: String
            if let clusters, i < clusters.count { colour = clusters[i] == .notSignificant || clusters[i] == .notTested ? "#6f777b" : SVGMap.colour(of: clusters[i]) }
            else { colour = z[i] >= 0 ? (lag[i] >= 0 ? "#d7191c" : "#fdae61") : (lag[i] >= 0 ? "#abd9e9" : "#2c7bb6") }
            let name = i < ids.count ? ids[i] : ""
            s += "<circle cx=\"\(f(px(z[i])))\" cy=\"\(f(py(lag[i])))\" r=\"3.5\" fill=\"\(colour)\"><title>\(SVGMap.escape(name)): z \(NumberFormatting.string((z[i] * 1000).rounded() / 1000)), lag \(NumberFormatting.string((lag[i] * 1000).rounded() / 1000))</title></circle>\n"
        }
        s += "</g>\n"
        if slope.isFinite {
            // The line y = I·x across the plot, clipped to the frame.
            let x0 = -extent, x1 = extent
            let y0 = max(-extent, min(extent, slope * x0)), y1 = max(-extent, min(extent, slope * x1))
            let a = slope == 0 ? x0 : y0 / slope, b = slope == 0 ? x1 : y1 / slope
            s += "<line x1=\"\(f(px(a)))\" y1=\"\(f(py(y0)))\" x2=\"\(f(px(b)))\" y2=\"\(f(py(y1)))\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>\n"
            s += "<text x=\"\(f(left + plot))\" y=\"\(f(top - 8))\" font-size=\"13\" text-anchor=\"end\">Moran's I = slope = \(NumberFormatting.string((slope * 10000).rounded() / 10000))</text>\n"
        }
        s += "</svg>\n"
        return s
    }
}
