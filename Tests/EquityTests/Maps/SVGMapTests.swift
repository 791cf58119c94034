import Foundation
import Testing
import Equity
import EquityTestSupport

/// The SVG maps: one path per feature with its fill and tooltip, quantile classes and legend,
/// GeoDa's cluster colours, escaping, and no crash on empty or missing values.
@Suite struct SVGMapTests {
    /// A row of four unit squares.
    static func strip(_ n: Int = 4) -> PolygonLayer {
        PolygonLayer(features: (0..<n).map { i in
            let x = Double(i)
            return [Polygon(exterior: [Point(x, 0), Point(x + 1, 0), Point(x + 1, 1), Point(x, 1), Point(x, 0)])]
        })
    }

    @Test func pathsFillsAndTooltips() throws {
        let svg = SVGMap.render(Self.strip(), fills: ["#111111", "#222222", "#333333", "#444444"],
                                titles: ["a", "b & c", "<d>", "e"], title: "T \"1\"", legend: [.init(label: "x < y", colour: "#111111")])
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.components(separatedBy: "<path ").count - 1 == 4)
        #expect(svg.contains("fill=\"#333333\"") && svg.contains("<title>&lt;d&gt;</title>") && svg.contains("<title>b &amp; c</title>"))
        #expect(svg.contains(">T &quot;1&quot;</text>") && svg.contains(">x &lt; y</text>"))
        #expect(!svg.contains("<script"))
        // Fewer fills than features: the rest are grey (one group of three paths), not a crash.
        let short = SVGMap.render(Self.strip(), fills: ["#111111"], titles: [], title: "", legend: [])
        let grey = try #require(short.components(separatedBy: "<g fill=\"\(SVGMap.missingColour)\"").last)
        #expect(grey.components(separatedBy: "</g>")[0].components(separatedBy: "<path ").count - 1 == 3)
        // An empty layer still makes a valid page.
        #expect(SVGMap.render(PolygonLayer(features: []), fills: [], titles: [], title: "empty", legend: []).hasSuffix("</svg>\n"))
    }

    /// Quantile classes by rank (GeoDa's quantile map): ten values 1…10 into five classes of two.
    @Test func quintileClasses() throws {
        let palette = ["a", "b", "c", "d", "e"]
        let (fills, legend) = SVGMap.quintiles((1...10).map(Double.init), palette: palette)
        #expect(fills == ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e"])
        #expect(legend.map(\.label) == ["1 – 3", "3 – 5", "5 – 7", "7 – 9", "9 – 10"])
        let withMissing = SVGMap.quintiles([1, .nan, 3], palette: palette)
        #expect(withMissing.fills[1] == SVGMap.missingColour)
        #expect(withMissing.legend.last?.label == "No value (1)")
        #expect(SVGMap.quintiles([], palette: palette).fills.isEmpty)
        #expect(SVGMap.quintiles([.nan, .nan]).legend.map(\.label) == ["No value (2)"])
    }

    @Test func choroplethAndClusterMaps() throws {
        let layer = Self.strip()
        let ids = ["w", "x", "y", "z"]
        let map = SVGMap.choropleth(layer: layer, ids: ids, values: [1, 2, .nan, 4], title: "Score").text
        #expect(map.contains("<title>y: no value</title>") && !map.lowercased().contains("nan"))
        #expect(SVGMap.colour(of: .highHigh) == "#d7191c" && SVGMap.colour(of: .lowLow) == "#2c7bb6")
        // Two clusters on a 4x4 grid (the consumer example): HH and LL areas coloured, legend counts.
        var polygons: [[Polygon]] = []
        for r in 0..<4 { for c in 0..<4 {
            let x = Double(c), y = Double(r)
            polygons.append([Polygon(exterior: [Point(x, y), Point(x + 1, y), Point(x + 1, y + 1), Point(x, y + 1), Point(x, y)])])
        } }
        let grid = PolygonLayer(features: polygons)
        let values: [Double] = [1, 2, 1, 2, 2, 1, 3, 2, 1, 2, 8, 9, 2, 3, 9, 10]
        let weights = try SpatialWeights(layer: grid, ids: (0..<16).map { "g\($0)" }, rule: .contiguity(.queen)).transformed(.R)
        let lisa = try LocalMoran.compute(values, weights: weights, permutations: 999, seed: 1)
        let clusters = lisa.clusters(alpha: 0.05)
        let svg = SVGMap.lisaClusters(layer: grid, ids: (0..<16).map { "g\($0)" }, lisa: lisa, labels: clusters, alpha: 0.05,
                                                       correction: .none, permutations: 999).text
        let hh = clusters.filter { $0 == LocalMoran.Cluster.highHigh }.count
        #expect(hh > 0)
        #expect(svg.contains(">High–High (\(hh))</text>"))
        // The High–High group holds hh paths; the legend has its swatch.
        let group = try #require(svg.components(separatedBy: "<g fill=\"#d7191c\"").dropFirst().first)
        #expect(group.components(separatedBy: "</g>")[0].components(separatedBy: "<path ").count - 1 == hh)
        #expect(svg.contains("<rect x=") && svg.contains("fill=\"#d7191c\" stroke=\"#505a5f\""))
        #expect(svg.contains("LISA clusters, p ≤ 0.05, 999 permutations"))
    }
}
