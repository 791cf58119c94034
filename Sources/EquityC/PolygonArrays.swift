import Equity
import EquityCore

/// Polygons from shapely's ragged arrays (`shapely.to_ragged_array`): coordinates, ring offsets
/// into them, polygon offsets into the rings, feature offsets into the polygons.
enum PolygonArrays {
    /// A layer with an `id` property, checked as the GeoJSON reader checks a file.
    static func layer(features: Int, x: UnsafePointer<Double>?, y: UnsafePointer<Double>?,
                      ringOffsets: UnsafePointer<Int64>, rings: Int, polygonRings: UnsafePointer<Int64>, polygons: Int,
                      featurePolygons: UnsafePointer<Int64>, ids: [String], lonLat: Bool) throws -> PolygonLayer {
        func fail(_ reason: String) -> EquityError { .invalidArgument("polygons: \(reason)") }
        func increasing(_ p: UnsafePointer<Int64>, _ count: Int, upTo limit: Int) -> Bool {
            guard p[0] == 0, Int(p[count]) == limit else { return false }
            return (0..<count).allSatisfy { p[$0] <= p[$0 + 1] }
        }
        let coordinates = Int(ringOffsets[rings])
        guard coordinates >= 0, increasing(ringOffsets, rings, upTo: coordinates) else { throw fail("ring offsets do not run from 0 to the coordinates") }
        guard increasing(polygonRings, polygons, upTo: rings) else { throw fail("polygon offsets do not run from 0 to the rings") }
        guard increasing(featurePolygons, features, upTo: polygons) else { throw fail("feature offsets do not run from 0 to the polygons") }
        guard coordinates == 0 || (x != nil && y != nil) else { throw fail("no coordinates") }
        var layer = PolygonLayer()
        layer.x = coordinates == 0 ? [] : Array(UnsafeBufferPointer(start: x!, count: coordinates))
        layer.y = coordinates == 0 ? [] : Array(UnsafeBufferPointer(start: y!, count: coordinates))
        if let bad = (0..<coordinates).first(where: { !layer.x[$0].isFinite || !layer.y[$0].isFinite }) {
            throw fail("coordinate \(bad + 1) is not a finite number")
        }
        layer.ringStart = (0...rings).map { Int(ringOffsets[$0]) }
        var isHole = [Bool](repeating: true, count: rings)
        for p in 0..<polygons where polygonRings[p] < polygonRings[p + 1] { isHole[Int(polygonRings[p])] = false }
        layer.ringIsHole = isHole
        layer.featureRingStart = (0...features).map { Int(polygonRings[Int(featurePolygons[$0])]) }
        layer.properties = ["id": ids]
        layer.propertyOrder = ["id"]
        layer.fileName = "GeoDataFrame"
        layer.declaresLonLat = lonLat
        return layer
    }
}
