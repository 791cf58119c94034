import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// Inverse-distance, kernel and block weights against libpysal 4.14.1 on the Columbus centroids
/// (`Fixtures/reference/distance_weights_libpysal.csv`; script beside it): every link and weight.
@Suite struct DistanceWeightsTests {
    static func columbus() throws -> (PointSet, [String]) {
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/columbus.geojson"))
        let ids = try SpatialInputs.ids(layer, property: "POLYID").map { String(Int(Double($0)!)) }
        return (PointSet(centroidsOf: layer, geographic: false), ids)
    }

    static func links(_ w: SpatialWeights) -> [String: Double] {
        var out: [String: Double] = [:]
        for i in 0..<w.count { for k in w.offsets[i]..<w.offsets[i + 1] { out["\(w.ids[i]) \(w.ids[Int(w.neighbours[k])])"] = w.original[k] } }
        return out
    }

    @Test func agreeWithLibpysal() throws {
        let (points, ids) = try Self.columbus()
        let ref = try Fixtures.table(fixture: "reference/distance_weights_libpysal.csv")
        var cases: [(String, SpatialWeights)] = []
        for alpha in [-1.0, -2.0] {
            cases.append(("inverse_distance \(NumberFormatting.string(alpha))", try DistanceWeights.inverseDistance(points, ids: ids, threshold: 2, alpha: alpha)))
        }
        for f in DistanceWeights.Kernel.allCases {
            for fixed in [true, false] {
                cases.append(("kernel \(f.rawValue) \(fixed ? "fixed" : "adaptive")", try DistanceWeights.kernel(points, ids: ids, function: f, k: 5, fixed: fixed).weights))
            }
        }
        for (name, w) in cases {
            let rows = ref.filter { $0["weights"] == name }
            var want: [String: Double] = [:]
            for (k, i) in rows.column("i").enumerated() { want["\(i) \(rows.column("j")[k])"] = rows.doubles("w")[k] }
            let got = Self.links(w)
            #expect(got.count == want.count && Set(got.keys) == Set(want.keys), "\(name): \(got.count) links vs \(want.count)")
            let wrong = want.filter { !close(got[$0.key] ?? .nan, $0.value, relative: 1e-9) }
            #expect(wrong.isEmpty, "\(name): \(wrong.count) weights differ, e.g. \(wrong.first.map { "\($0.key): \(got[$0.key] ?? .nan) vs \($0.value)" } ?? "")")
        }
    }

    @Test func blockWeights() throws {
        let w = try DistanceWeights.block(groups: ["a", "b", "a", "a", "c"], ids: ["1", "2", "3", "4", "5"])
        #expect(Self.links(w).keys.sorted() == ["1 3", "1 4", "3 1", "3 4", "4 1", "4 3"])
        #expect(w.islands == [1, 4])
    }
}
