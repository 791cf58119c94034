import Foundation
import Testing
import Equity
import EquityTestSupport

/// Publishable maps: titles, legend title, credit, scale bar, classes, windows, insets, sub-pixel
/// coordinates with no area lost, size at national scale, PNG through librsvg.
@Suite struct ThematicMapTests {
    static func luton() throws -> (PolygonLayer, [String], [Double]) {
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/luton_lsoa11_E06000032.geojson"))
        let ids = try SpatialInputs.ids(layer, property: "LSOA11CD")
        let values = try SpatialInputs.mapValues(csv: Fixtures.path("deprivation/luton_lsoa11_iod2019.csv"), idColumn: "lsoa11cd",
                                                 valueColumn: "income_score", ids: ids)
        return (layer, ids, values)
    }

    @Test func titlesLegendCreditAndScale() throws {
        let (layer, ids, values) = try Self.luton()
        var style = MapStyle(title: "Income deprivation & Luton")
        style.subtitle = "LSOA 2011"
        style.legendTitle = "Score (proportion)"
        let svg = try ThematicMap.choropleth(layer: layer, ids: ids, values: values, classification: .fisherJenks(5), style: style)
        #expect(svg.contains(">Income deprivation &amp; Luton</text>") && svg.contains(">LSOA 2011</text>"))
        #expect(svg.contains(">Score (proportion)</text>"))
        #expect(svg.contains("Open Government Licence v.3.0") && svg.contains("Contains OS data © Crown copyright and database right"))
        #expect(svg.contains(" km</text>") && svg.contains(">N</text>"))
        // Natural-breaks legend with counts adding to 121 (mapclassify FisherJenks bounds).
        #expect(svg.contains("0.033 – 0.072 (") && svg.contains("0.247 – 0.412 ("))
        #expect(svg.components(separatedBy: "<path ").count - 1 == 121)
        style.credit = nil
        style.scaleBar = false
        let bare = try ThematicMap.choropleth(layer: layer, ids: ids, values: values, style: style)
        #expect(!bare.contains("Open Government Licence") && !bare.contains(">N</text>"))
    }

    /// Sub-pixel coordinates: a polygon a hundredth of a pixel across still gets a path with
    /// area, and vertices are written in tenths of a pixel (no whole-pixel staircases).
    @Test func noAreaLostAtAnyScale() throws {
        func square(_ x: Double, _ y: Double, _ s: Double) -> [Polygon] {
            [Polygon(exterior: [Point(x, y), Point(x + s, y), Point(x + s, y + s), Point(x, y + s)])]
        }
        let layer = PolygonLayer(features: [square(0, 0, 1000), square(500, 500, 0.01), square(10, 10, 0.3)])
        let svg = ThematicMap.render(layer, fills: ["#111111", "#222222", "#333333"], titles: ["big", "tiny", "small"], legend: [],
                                     style: MapStyle(title: "t"), lonLat: false)
        for name in ["big", "tiny", "small"] {
            let path = try #require(svg.components(separatedBy: "<title>\(name)</title>").first?.components(separatedBy: "<path d=\"").last)
            #expect(path.hasPrefix("M") && path.contains("z"), "\(name)")
        }
        #expect(svg.contains("transform=\"scale(0.1)\""))
    }

    @Test func windowsAndInsets() throws {
        let (layer, ids, values) = try Self.luton()
        var style = MapStyle(title: "Zoom")
        let some = [0, 1, 2]
        style.window = ThematicMap.window(around: some, in: layer)
        let zoomed = try ThematicMap.choropleth(layer: layer, ids: ids, values: values, style: style)
        #expect(zoomed.components(separatedBy: "<path ").count - 1 < 121)
        #expect(zoomed.contains("<title>\(ids[0]):"))
        style.window = nil
        style.inset = ThematicMap.window(around: some, in: layer)
        style.insetTitle = "Detail"
        let inset = try ThematicMap.choropleth(layer: layer, ids: ids, values: values, style: style)
        #expect(inset.contains(">Detail</text>") && inset.contains("clip-path=\"url(#inset)\""))
        #expect(inset.components(separatedBy: "<path ").count - 1 > 121)
    }

    /// England's 32,844 LSOAs: every one drawn, the file at most 5 MB, outlines in each area's
    /// own fill (no grey cities).
    @Test func nationalMapStaysSmall() throws {
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/england_lsoa11_bgc.geojson.gz"))
        let ids = try SpatialInputs.ids(layer, property: "LSOA11CD")
        let values = try SpatialInputs.values(layer, property: "income_score", ids: ids)
        let svg = try ThematicMap.choropleth(layer: layer, ids: ids, values: values, style: MapStyle(title: "England"))
        #expect(svg.utf8.count <= 5_000_000, "\(svg.utf8.count) bytes")
        #expect(svg.components(separatedBy: "<path ").count - 1 == 32_844)
        #expect(!svg.contains("stroke=\"#555\""))
    }

    @Test(.enabled(if: PNGRenderer.isAvailable, "librsvg/cairo not installed")) func pngThroughLibrsvg() throws {
        let (layer, ids, values) = try Self.luton()
        let svg = try ThematicMap.choropleth(layer: layer, ids: ids, values: values, style: MapStyle(title: "PNG"))
        let size = try #require(PNGRenderer.size(ofSVG: svg))
        let png = try PNGRenderer.png(svg: svg, width: size.width, height: size.height, scale: 1)
        #expect(png.count > 10_000)
        png.withBytes { b in
            #expect(Array(b.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            // IHDR width and height (big-endian) are the SVG's size.
            let w = Int(b[16]) << 24 | Int(b[17]) << 16 | Int(b[18]) << 8 | Int(b[19])
            #expect(w == size.width)
        }
    }
}
