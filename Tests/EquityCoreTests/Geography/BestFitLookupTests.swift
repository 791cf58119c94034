import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// Best-fit lookups from geometry.
@Suite struct BestFitLookupTests {
    /// The point on surface lies inside its polygon for every LSOA of Luton (and of a concave
    /// U-shape, where the centroid does not).
    @Test func pointOnSurfaceIsInside() throws {
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/luton_lsoa11_E06000032.geojson"))
        for f in 0..<layer.featureCount {
            let p = layer.pointOnSurface(f)
            #expect(layer.contains(feature: f, x: p.x, y: p.y), "feature \(f + 1)")
        }
        let u = PolygonLayer(features: [[Polygon(exterior: [Point(0, 0), Point(3, 0), Point(3, 3), Point(2, 3), Point(2, 1), Point(1, 1),
                                                            Point(1, 3), Point(0, 3)])]])
        let c = u.centroid(0), p = u.pointOnSurface(0)
        #expect(!u.contains(feature: 0, x: c.x, y: c.y))
        #expect(u.contains(feature: 0, x: p.x, y: p.y))
    }

    /// Two squares side by side; a small area wholly in the left one, another straddling with
    /// three quarters on the right.
    @Test func straddlersAreReported() throws {
        func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [Polygon] {
            [Polygon(exterior: [Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1)])]
        }
        let targets = PolygonLayer(features: [square(0, 0, 10, 10), square(10, 0, 20, 10)])
        let sources = PolygonLayer(features: [square(1, 1, 3, 3), square(9, 1, 13, 3)])
        let pos = BestFitLookup(tolerance: 0).assign(sources: sources, targets: targets)
        #expect(pos[0].target == 0 && pos[0].outsideShare == 0 && pos[0].others.isEmpty)
        #expect(pos[1].target == 1 && abs(pos[1].outsideShare - 0.25) < 0.05 && pos[1].others == [0])
        let largest = BestFitLookup(tolerance: 0, method: .largestShare).assign(sources: sources, targets: targets)
        #expect(largest[1].target == 1)
        // A point outside every target is kept unassigned.
        let away = BestFitLookup(tolerance: 0).assign(sources: sources, targets: targets, points: [(x: 2, y: 2), (x: 50, y: 50)])
        #expect(away[1].target == nil)
    }
}
