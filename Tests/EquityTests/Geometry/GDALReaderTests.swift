import Testing
import EquityTestSupport
@testable import Equity

/// Shapefile and GeoPackage through GDAL: the Luton LSOA 2011 boundaries converted with
/// `ogr2ogr` (Shapefile reprojected to British National Grid, GeoPackage as published in
/// WGS 84) give the same queen and rook weights as the GeoJSON, and their CRS is reported.
@Suite(.enabled(if: GDALReader.isAvailable, "GDAL (libgdal) is not installed")) struct GDALReaderTests {
    static let geojson = "boundaries/luton_lsoa11_E06000032.geojson"
    static let shapefile = "boundaries/luton_lsoa11_shp/luton_lsoa11_E06000032.shp"
    static let geopackage = "boundaries/luton_lsoa11_E06000032.gpkg"

    func pairs(_ path: String, _ rule: Contiguity) throws -> [String] {
        let r = try BoundaryReader.read(path: Fixtures.path(path))
        let ids = try SpatialInputs.ids(r.layer, property: "LSOA11CD")
        let w = try SpatialWeights(layer: r.layer, ids: ids, rule: .contiguity(rule))
        return w.undirectedPairs.map { [ids[$0.0], ids[$0.1]].sorted().joined(separator: " ") }.sorted()
    }

    @Test func sameWeightsAsGeoJSON() throws {
        for rule in [Contiguity.queen, .rook] {
            let want = try pairs(Self.geojson, rule)
            #expect(try pairs(Self.shapefile, rule) == want)
            #expect(try pairs(Self.geopackage, rule) == want)
        }
        #expect(try pairs(Self.geojson, .queen).count == 325)
    }

    /// Points through GDAL: the cycle hire docks as a GeoPackage (`ogr2ogr -f GPKG` of the
    /// GeoJSON) read as the same 742 points.
    @Test func pointsFromAGeoPackage() throws {
        let gpkg = try BoundaryReader.read(path: Fixtures.path("boundaries/london_cycle_hire.gpkg")).layer
        let json = try BoundaryReader.read(path: Fixtures.path("boundaries/london_cycle_hire.geojson")).layer
        #expect(gpkg.featureCount == 742 && (0..<742).allSatisfy { gpkg.isPoint($0) })
        let (gpkgIds, jsonIds) = (try gpkg.property("id"), try json.property("id"))
        #expect(gpkg.x == json.x && gpkg.y == json.y && gpkgIds == jsonIds)
    }

    @Test func reportsTheCRSAndAttributes() throws {
        let shp = try BoundaryReader.read(path: Fixtures.path(Self.shapefile))
        #expect(shp.crs.hasPrefix("EPSG:27700") && !shp.lonLat)
        #expect(shp.layer.featureCount == 121)
        #expect(try shp.layer.property("LSOA11NM").first == "Luton 007A")
        let gpkg = try BoundaryReader.read(path: Fixtures.path(Self.geopackage))
        #expect(gpkg.crs.hasPrefix("EPSG:4326") && gpkg.lonLat)
        let json = try BoundaryReader.read(path: Fixtures.path(Self.geojson))
        #expect(json.crs.contains("CRS84"))
        #expect(throws: EquityError.self) { try GDALReader.read(path: "/nonexistent.shp") }
    }
}
