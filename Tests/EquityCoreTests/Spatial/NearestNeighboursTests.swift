import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// k-nearest-neighbour and distance-band weights on polygon centroids. Reference values computed
/// here with libpysal 4.14.1 (`KNN.from_dataframe(k=4)`, `DistanceBand.from_dataframe(threshold=1,
/// binary=True)`) and esda 2.9.0 Moran (row-standardised) on the Columbus data.
@Suite struct NearestNeighboursTests {
    @Test func columbusAgainstLibpysal() throws {
        let (layer, _) = try GlobalStatisticsTests.columbus()
        let ids = try layer.property("POLYID")
        let crime = try GlobalStatisticsTests.values(layer, "CRIME")
        let points = PointSet(centroidsOf: layer)
        #expect(!points.geographic) // no lon/lat declaration: Euclidean, as libpysal
        let knn = try DistanceWeights.knn(points, ids: ids, k: 4)
        #expect(knn.cardinalities.allSatisfy { $0 == 4 })
        #expect(close(try Moran.global(crime, weights: knn.transformed(.R)).value, 0.5825517270277237, relative: 1e-9))
        let band = try DistanceWeights.band(points, ids: ids, distance: 1)
        #expect(close(try Moran.global(crime, weights: band.transformed(.R)).value, 0.3967259886828177, relative: 1e-9))
    }

    /// A point layer (spData's 742 London cycle hire docks, GeoJSON Points): each area's 4
    /// nearest neighbours are libpysal's `KNN` on the same points, Euclidean on the raw
    /// coordinates and great-circle (`radius=6371.0088`), every link
    /// (`Fixtures/reference/cycle_hire_knn_libpysal.csv`, by `reference/scripts/cycle_hire_knn_libpysal.py`).
    @Test func pointLayerAgainstLibpysal() throws {
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/london_cycle_hire.geojson"))
        #expect(layer.featureCount == 742 && layer.firstPoint == 0)
        let ids = try layer.property("id")
        let reference = try Fixtures.table(fixture: "reference/cycle_hire_knn_libpysal.csv")
        for (metric, name) in [(DistanceMetric.euclidean, "euclidean"), (.greatCircle, "great-circle")] {
            let w = try SpatialWeights(layer: layer, ids: ids, rule: .nearest(k: 4), metric: metric)
            let ours = Set((0..<w.count).flatMap { i in (w.offsets[i]..<w.offsets[i + 1]).map { "\(ids[i]) \(ids[Int(w.neighbours[$0])])" } })
            let theirs = Set(reference.filter { $0["metric"] == name }.rows.map { "\($0[1]) \($0[2])" })
            #expect(ours.count == 742 * 4 && ours == theirs, "\(name)")
        }
        // Contiguity needs boundaries: a clear error naming the first point.
        #expect(throws: EquityError.self) { try SpatialWeights(layer: layer, ids: ids, rule: .contiguity(.queen)) }
    }

    /// A MultiPoint's centroid is the mean of its points; points and polygons mix in one layer.
    @Test func multiPointCentroidIsTheMean() throws {
        var layer = PolygonLayer()
        layer.append(points: [Point(0, 0), Point(2, 0), Point(1, 3)])
        layer.append(feature: [Polygon(exterior: [Point(5, 5), Point(6, 5), Point(6, 6), Point(5, 6)])])
        #expect(layer.isPoint(0) && !layer.isPoint(1) && layer.firstPoint == 0)
        #expect(layer.centroid(0) == (x: 1, y: 1))
        #expect(layer.centroid(1) == (x: 5.5, y: 5.5))
    }

    /// The k-d tree agrees with brute force, for Euclidean and great-circle distances.
    @Test func kdTreeMatchesBruteForce() throws {
        var rng = TestRNG(seed: 9)
        let n = 400
        for geographic in [false, true] {
            let xs = (0..<n).map { _ in Double.random(in: -3...2, using: &rng) }
            let ys = (0..<n).map { _ in Double.random(in: 50...55, using: &rng) }
            let p = PointSet(x: xs, y: ys, geographic: geographic)
            let ids = (0..<n).map(String.init)
            let knn = try DistanceWeights.knn(p, ids: ids, k: 5)
            let d = geographic ? 25.0 : 0.3
            let band = try DistanceWeights.band(p, ids: ids, distance: d)
            for i in stride(from: 0, to: n, by: 37) {
                let order = (0..<n).filter { $0 != i }.sorted { (p.distance(i, $0), $0) < (p.distance(i, $1), $1) }
                #expect(Array(knn.neighbours[knn.offsets[i]..<knn.offsets[i + 1]]).map(Int.init) == Array(order.prefix(5)).sorted())
                let within = (0..<n).filter { $0 != i && p.distance(i, $0) <= d }
                #expect(Array(band.neighbours[band.offsets[i]..<band.offsets[i + 1]]).map(Int.init) == within)
            }
        }
    }

    @Test func greatCircleDistance() {
        // London (−0.1276, 51.5072) to Luton (−0.4200, 51.8787): about 46 km.
        let p = PointSet(x: [-0.1276, -0.42], y: [51.5072, 51.8787], geographic: true)
        #expect(abs(p.distance(0, 1) - 46.3) < 0.5)
    }
    /// Issue 9, item 7: centroids of small polygons on raw lon/lat lost up to 6e-7° (here 1.8e-5°
    /// on a long thin tract near Boston), flipping near-ties between neighbours. The expected
    /// centroid is the exact rational value of the shoelace formula (Python `fractions`).
    @Test func smallPolygonCentroidIsExact() throws {
        let json = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},
        "geometry":{"type":"Polygon","coordinates":[[[-71.0624877,42.3125456],[-71.0576048875,42.31256303861607],[-71.0576048875,42.312603728720234],[-71.0624877,42.312586290104164],[-71.0624877,42.3125456]]]}}]}
        """
        let layer = try GeoJSONReader.read(MappedFile(name: "thin.geojson", text: json))
        let c = layer.centroid(0)
        #expect(abs(c.x - -71.06004629375) < 1e-12, "x \(c.x)")
        #expect(abs(c.y - 42.31257466436011) < 1e-12, "y \(c.y)")
    }
}
