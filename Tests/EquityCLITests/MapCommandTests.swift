import Foundation
import Testing
import EquityTestSupport

/// `equity map`, and the map options of lisa, moran and eb.
@Suite struct MapCommandTests {
    /// A point layer maps as dots coloured by class; contiguity on it is refused with the file,
    /// line and feature.
    @Test func pointsMapAsDots() throws {
        let points = CLI.fixture("boundaries/london_cycle_hire.geojson")
        let svg = NSTemporaryDirectory() + "equity-points-\(getpid()).svg"
        defer { unlink(svg) }
        let r = try CLI.run(["map", "--polygons", points, "--id-property", "id", "--value-property", "nbikes", "--map", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.components(separatedBy: "a25 25 0 1 0 50 0").count - 1 == 742)
        let weights = try CLI.run(["weights", "--polygons", points, "--id-property", "id"])
        #expect(weights.status == 1 && weights.stderr.contains("london_cycle_hire.geojson:4:1: feature 1 ('1') is a point: contiguity needs polygons"))
    }

    @Test func choroplethWithOptions() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["map", "--polygons", CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson"), "--id-property", "LSOA11CD",
                             "--input", CLI.fixture("deprivation/luton_lsoa11_iod2019.csv"), "--id", "lsoa11cd", "--value", "income_score",
                             "--scheme", "box-plot", "--palette", "viridis", "--title", "Income", "--legend-title", "Score (proportion)",
                             "--outline", "none", "--zoom-to", "E01015693,E01015694", "--map", dir + "/m.svg"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("CRS84"))
        let svg = try String(contentsOfFile: dir + "/m.svg", encoding: .utf8)
        #expect(svg.contains(">Income</text>") && svg.contains(">Score (proportion)</text>") && !svg.contains("stroke-width=\"5\""))
        // Errors: an unknown scheme, a --zoom-to area that does not exist, a bad extension.
        let bad = try CLI.run(["map", "--polygons", CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson"), "--id-property", "LSOA11CD",
                               "--value-property", "LSOA11NM", "--map", dir + "/x.svg"])
        #expect(bad.status == 1 && bad.stderr.contains("no numeric 'LSOA11NM'"), "\(bad.stderr)")
        let zoom = try CLI.run(["map", "--polygons", CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson"), "--id-property", "LSOA11CD",
                                "--input", CLI.fixture("deprivation/luton_lsoa11_iod2019.csv"), "--id", "lsoa11cd", "--value", "income_score",
                                "--zoom-to", "E09999999", "--map", dir + "/y.svg"])
        #expect(zoom.status == 1 && zoom.stderr.contains("no area E09999999"))
        let ext = try CLI.run(["map", "--polygons", "a.geojson", "--id-property", "x", "--value-property", "v", "--map", dir + "/y.pdf"])
        #expect(ext.status != 0 && ext.stderr.contains(".svg or .png"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.svg") && !FileManager.default.fileExists(atPath: dir + "/y.svg"))
    }

    @Test func lisaMapsAndScatterplot() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["lisa", "--input", CLI.fixture("deprivation/luton_lsoa11_iod2019.csv"), "--id", "lsoa11cd", "--value", "income_score",
                             "--polygons", CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson"), "--id-property", "LSOA11CD",
                             "--map", dir + "/c.svg", "--significance-map", dir + "/s.svg", "--scatterplot", dir + "/p.svg",
                             "--output", dir + "/l.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let clusters = try String(contentsOfFile: dir + "/c.svg", encoding: .utf8)
        let significance = try String(contentsOfFile: dir + "/s.svg", encoding: .utf8)
        let scatter = try String(contentsOfFile: dir + "/p.svg", encoding: .utf8)
        #expect(clusters.contains("LISA clusters") && clusters.contains("Local Moran's I of income_score"))
        #expect(significance.contains("p ≤ 0.05 (") && significance.contains("Not significant ("))
        #expect(scatter.contains("Moran's I = slope = 0.4089") && scatter.components(separatedBy: "<circle").count - 1 == 121)
    }

    @Test func ebMap() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["eb", "--input", CLI.fixture("deprivation/luton_lsoa11_income_deprived.csv"), "--id", "lsoa11cd",
                             "--value", "income_deprived", "--base", "pop_mid2015", "--per", "100",
                             "--polygons", CLI.fixture("boundaries/luton_lsoa11_E06000032.geojson"), "--id-property", "LSOA11CD",
                             "--map", dir + "/eb.svg", "--output", dir + "/eb.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: dir + "/eb.svg", encoding: .utf8)
        #expect(svg.contains("Empirical-Bayes rate (local) of income_deprived") && svg.contains(">Rate per 100</text>"))
    }
}
