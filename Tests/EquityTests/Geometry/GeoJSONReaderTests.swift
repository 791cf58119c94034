import Foundation
import Testing
import Equity
import EquityTestSupport

/// The GeoJSON reader (RFC 7946): Polygon and MultiPolygon features, holes, properties of every
/// JSON type, the same layer on any number of threads, and errors that name the feature's line.
@Suite struct GeoJSONReaderTests {
    static let sample = """
        {"type": "FeatureCollection",
         "features": [
          {"type": "Feature", "properties": {"code": "A", "n": 12, "ok": true, "none": null, "name": "Nör\\"th"},
           "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]]}},
          {"type": "Feature", "properties": {"code": "B", "n": 1.5e2},
           "geometry": {"type": "MultiPolygon", "coordinates": [[[[4, 0], [5, 0], [5, 1], [4, 1], [4, 0]]], [[[6, 0], [7, 0], [7, 1], [6, 1], [6, 0]]]]}}
         ]}
        """

    @Test func polygonsHolesAndProperties() throws {
        let layer = try GeoJSONReader.read(MappedFile(name: "sample.geojson", text: Self.sample), threads: 1)
        #expect(layer.featureCount == 2)
        #expect(try layer.property("code") == ["A", "B"])
        #expect(try layer.property("n") == ["12", "1.5e2"])
        #expect(try layer.property("ok") == ["true", ""])
        #expect(try layer.property("name") == ["Nör\"th", ""])
        // Feature A: an exterior and one hole; B: two parts.
        #expect(layer.featureRingStart == [0, 2, 4])
        #expect(layer.ringIsHole == [false, true, false, false])
        // The centroid of a 4×4 square (centre 2) less a 1×1 hole (centre 1.5): (2·16 − 1.5·1) / 15 on each axis.
        let c = layer.centroid(0)
        #expect(close(c.x, (2 * 16 - 1.5) / 15, relative: 1e-12) && close(c.y, (2 * 16 - 1.5) / 15, relative: 1e-12))
        #expect(layer.featureLine.count == 2)
        #expect(throws: EquityError.self) { try layer.property("missing") }
    }

    /// A real boundary file read on 1 and 4 threads gives the same layer.
    @Test func sameLayerOnAnyThreadCount() throws {
        let path = Fixtures.path("boundaries/luton_lsoa11_E06000032.geojson")
        let one = try GeoJSONReader.read(path: path, threads: 1), four = try GeoJSONReader.read(path: path, threads: 4)
        #expect(one.featureCount == 121)
        #expect(one.x == four.x && one.y == four.y && one.ringStart == four.ringStart && one.featureRingStart == four.featureRingStart)
        #expect(try one.property("LSOA11CD") == four.property("LSOA11CD"))
        #expect(one.declaresLonLat == four.declaresLonLat)
    }

    @Test func errorsNameTheFileAndLine() throws {
        let broken = Self.sample.replacingOccurrences(of: "[[[4, 0], [5, 0]", with: "[[[4, 0], [\"x\", 0]")
        do {
            _ = try GeoJSONReader.read(MappedFile(name: "broken.geojson", text: broken), threads: 1)
            Issue.record("a string coordinate was accepted")
        } catch let error as EquityError {
            let message = "\(error)"
            #expect(message.hasPrefix("broken.geojson:"), "\(message)")
        }
        #expect(throws: EquityError.self) { try GeoJSONReader.read(MappedFile(name: "e.geojson", text: "{\"type\": \"Point\"}"), threads: 1) }
        #expect(throws: EquityError.self) { try GeoJSONReader.read(MappedFile(name: "e.geojson", text: ""), threads: 1) }
    }
}
