import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// Contiguity from ONS boundaries against the reference adjacency lists (built with PySAL's exact
/// vertex rule; spdep's `poly2nb` agrees), and GeoJSON reading.
@Suite struct ContiguityTests {
    static func pairs(_ layer: PolygonLayer, _ rule: Contiguity, idProperty: String) throws -> Set<String> {
        let ids = try SpatialInputs.ids(layer, property: idProperty)
        return Set(rule.pairs(layer).map { a, b in
            let (x, y) = (ids[Int(a)], ids[Int(b)])
            return x < y ? "\(x),\(y)" : "\(y),\(x)"
        })
    }

    static func reference(_ file: String) throws -> Set<String> {
        let t = try Fixtures.table(Fixtures.path("adjacency/" + file))
        return Set(t.rows.map { "\($0[0]),\($0[1])" })
    }

    @Test(arguments: [("queen", 325), ("rook", 321)])
    func lutonLSOA11(rule: String, count: Int) throws {
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/luton_lsoa11_E06000032.geojson"))
        #expect(layer.featureCount == 121)
        let ours = try Self.pairs(layer, try #require(Contiguity(rawValue: rule)), idProperty: "LSOA11CD")
        #expect(ours.count == count)
        #expect(ours == (try Self.reference("luton_lsoa11_bgc_\(rule)_edges.csv")))
    }

    @Test func lutonLSOA21Queen() throws {
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/luton_lsoa_E06000032.geojson"))
        let ours = try Self.pairs(layer, .queen, idProperty: "LSOA21CD")
        #expect(ours == (try Self.reference("luton_lsoa21_bgc_queen_edges.csv")))
    }

    /// All 32,844 LSOAs: 96,206 queen pairs, one island (Isles of Scilly), 7 components.
    @Test func england() throws {
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/england_lsoa11_bgc.geojson.gz"))
        #expect(layer.featureCount == 32844)
        let ids = try SpatialInputs.ids(layer, property: "LSOA11CD")
        let w = try SpatialWeights(ids: ids, pairs: Contiguity.queen.pairs(layer))
        #expect(w.linkCount == 2 * 96206)
        #expect(w.islands.map { ids[$0] } == ["E01019077"])
        #expect(w.components().count == 7)
    }

    /// spData's auckland subdivides shared edges: spdep's `poly2nb(queen = FALSE)` finds 376 rook
    /// pairs where identical edges alone (libpysal's `Rook`) give 353; queen 386 in both
    /// (`Fixtures/reference/auckland_rook_spdep.csv`, made by `reference/scripts/auckland_rook_spdep.R`).
    @Test func aucklandRookFindsSubdividedEdgesAsSpdep() throws {
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/auckland.geojson"))
        #expect(layer.featureCount == 167)
        let reference = try Fixtures.table(fixture: "reference/auckland_rook_spdep.csv")
        for rule in [Contiguity.rook, .queen] {
            let expected = Set(reference.filter { $0["rule"] == rule.rawValue }.rows.map { "\($0[1]),\($0[2])" })
            let ours = Set(rule.pairs(layer).map { "\($0.0 + 1),\($0.1 + 1)" })
            #expect(ours == expected, "\(rule): \(ours.count) pairs, spdep \(expected.count)")
            #expect(ours.count == (rule == .rook ? 376 : 386))
        }
    }

    @Test func rookNeedsABoundaryOfPositiveLength() throws {
        // b subdivides the edge it shares with a (a vertex at (1, 0.5)); c touches a only at a
        // corner; d meets a at (0, 1) with edges running the opposite way along the same line.
        let json = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
        {"type":"Feature","properties":{"id":"b"},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0.5],[1,0]]]}},
        {"type":"Feature","properties":{"id":"c"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,2],[1,1]]]}},
        {"type":"Feature","properties":{"id":"d"},"geometry":{"type":"Polygon","coordinates":[[[-1,1],[0,1],[0,2],[-1,2],[-1,1]]]}}]}
        """
        let layer = try GeoJSONReader.read(MappedFile(name: "t.geojson", text: json))
        #expect(Contiguity.rook.pairs(layer).map { "\($0.0)-\($0.1)" } == ["0-1", "1-2"])
        #expect(Contiguity.queen.pairs(layer).map { "\($0.0)-\($0.1)" } == ["0-1", "0-2", "0-3", "1-2"])
    }

    @Test func snapJoinsNearlyTouchingSquares() throws {
        // Two unit squares with a 1e-7 gap: not neighbours exactly, neighbours with --snap 1e-6.
        let json = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
        {"type":"Feature","properties":{"id":"b"},"geometry":{"type":"Polygon","coordinates":[[[1.0000001,0],[2,0],[2,1],[1.0000001,1],[1.0000001,0]]]}}]}
        """
        let layer = try GeoJSONReader.read(MappedFile(name: "t.geojson", text: json))
        #expect(Contiguity.queen.pairs(layer).isEmpty)
        #expect(Contiguity.queen.pairs(layer, snap: 1e-6).count == 1)
        #expect(Contiguity.rook.pairs(layer, snap: 1e-6).count == 1)
    }

    @Test func multiPolygonsHolesAndProperties() throws {
        let json = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"a","v":1.5,"name":"x \\"q\\"","n":null},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,2],[1,1]]],[[[10,10],[11,10],[11,11],[10,10]]]]}},
        {"type":"Feature","properties":{"id":"b","v":2},"geometry":{"type":"Polygon","coordinates":[[[4,0],[5,0],[5,4],[4,4],[4,0]]]}}]}
        """
        let layer = try GeoJSONReader.read(MappedFile(name: "t.geojson", text: json))
        #expect(layer.featureCount == 2)
        #expect(try layer.property("v") == ["1.5", "2"])
        #expect(try layer.property("name")[0] == "x \"q\"")
        #expect(try layer.property("n") == ["", ""])
        #expect(layer.ringIsHole == [false, true, false, false])
        #expect(Contiguity.rook.pairs(layer).count == 1)
    }

    @Test func brokenGeoJSONIsAClearError() throws {
        #expect(throws: EquityError.self) { try GeoJSONReader.read(MappedFile(name: "t.geojson", text: "{\"type\":\"FeatureCollection\"}")) }
        #expect(throws: EquityError.self) {
            try GeoJSONReader.read(MappedFile(name: "t.geojson", text: "{\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}}]}"))
        }
        #expect(throws: EquityError.self) {
            try GeoJSONReader.read(MappedFile(name: "t.geojson", text: "{\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,"))
        }
    }

    /// Regular grids against libpysal 4.14.1 `lat2W(4, 6, rook=…)`: 38 rook and 68 queen pairs,
    /// and the neighbours of a corner, an inner and the last cell as libpysal lists them.
    @Test func latticeAsLibpysalLat2W() {
        func neighbours(_ pairs: [(Int, Int)], _ i: Int) -> [Int] {
            pairs.compactMap { $0.0 == i ? $0.1 : ($0.1 == i ? $0.0 : nil) }.sorted()
        }
        let rook = Contiguity.rook.latticePairs(rows: 4, columns: 6)
        let queen = Contiguity.queen.latticePairs(rows: 4, columns: 6)
        #expect(rook.count == 38 && queen.count == 68)
        #expect(neighbours(rook, 0) == [1, 6] && neighbours(rook, 7) == [1, 6, 8, 13] && neighbours(rook, 23) == [17, 22])
        #expect(neighbours(queen, 0) == [1, 6, 7] && neighbours(queen, 7) == [0, 1, 2, 6, 8, 12, 13, 14] && neighbours(queen, 23) == [16, 17, 22])
        #expect(queen.allSatisfy { $0.0 < $0.1 } && Set(queen.map { "\($0.0)-\($0.1)" }).count == 68)
        #expect(Contiguity.queen.latticePairs(rows: 1, columns: 1).isEmpty && Contiguity.rook.latticePairs(rows: 0, columns: 5).isEmpty)
    }
}
