import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// Higher-order contiguity, Moran correlograms and join counts against spdep 1.2-7
/// (`Fixtures/reference/correlogram_spdep.csv`, `joincount_spdep.csv`; script beside them).
@Suite struct CorrelogramJoinCountTests {
    static func data(_ name: String) throws -> (SpatialWeights, PolygonLayer) {
        let path = name == "columbus" ? "boundaries/columbus.geojson" : "boundaries/nc_sids.geojson"
        let layer = try GeoJSONReader.read(path: Fixtures.path(path))
        let ids = try SpatialInputs.ids(layer, property: name == "columbus" ? "POLYID" : "FIPSNO")
        return (try SpatialWeights(layer: layer, ids: ids, rule: .contiguity(.queen)), layer)
    }

    @Test(arguments: ["columbus", "nc_sids"]) func correlogramAgreesWithSpdep(_ name: String) throws {
        let ref = try Fixtures.table(fixture: "reference/correlogram_spdep.csv").filter { $0["data"] == name }
        let (w, layer) = try Self.data(name)
        let x = try layer.property(name == "columbus" ? "CRIME" : "SIDR74").map { try number($0) }
        let lags = try MoranCorrelogram.compute(x, contiguity: w, orders: ref.column("order").count)
        for (k, lag) in lags.enumerated() {
            #expect(Double(w.count) > 0)
            #expect(try w.higherOrder(k + 1).linkCount == Int(ref.doubles("links")[k]), "\(name) order \(k + 1) links")
            #expect(close(lag.moran.value, ref.doubles("I")[k], relative: 1e-9), "\(name) order \(k + 1) I")
            #expect(close(lag.moran.expected, ref.doubles("expected")[k], relative: 1e-9))
            #expect(close(lag.moran.varianceRandomisation, ref.doubles("variance")[k], relative: 1e-9), "\(name) order \(k + 1) variance")
        }
        // Cumulative order 2 is orders 1 and 2 together.
        #expect(try w.higherOrder(2, cumulative: true).linkCount == w.linkCount + (try w.higherOrder(2).linkCount))
    }

    @Test(arguments: ["columbus", "nc_sids"]) func joinCountsAgreeWithSpdep(_ name: String) throws {
        let ref = try Fixtures.table(fixture: "reference/joincount_spdep.csv").filter { $0["data"] == name }
        let (w, layer) = try Self.data(name)
        let x: [Double]
        if name == "columbus" {
            let crime = try layer.property("CRIME").map { try number($0) }
            let sorted = crime.sorted()
            let median = (sorted[sorted.count / 2 - 1 + sorted.count % 2] + sorted[sorted.count / 2]) / 2
            x = crime.map { $0 > median ? 1 : 0 }
        } else {
            x = try layer.property("SIDR74").map { try number($0) }.map { $0 <= 1 ? 1 : ($0 <= 3 ? 2 : 3) }
        }
        for sampling in [JoinCounts.Sampling.nonfree, .free] {
            let r = try JoinCounts.compute(x, weights: w, sampling: sampling)
            let rows = ref.filter { $0["sampling"] == sampling.rawValue }
            #expect(rows.column("category").count == r.categories.count)
            for (k, c) in r.categories.enumerated() {
                #expect(close(c.joins, rows.doubles("joins")[k], relative: 1e-12), "\(name) \(sampling) \(k)")
                #expect(close(c.expected, rows.doubles("expected")[k], relative: 1e-9))
                #expect(close(c.variance, rows.doubles("variance")[k], relative: 1e-9), "\(name) \(sampling) variance \(k)")
                #expect(close(c.z, rows.doubles("z")[k], relative: 1e-9))
                #expect(close(c.p, rows.doubles("p")[k], relative: 1e-9))
            }
        }
    }

    /// `.gal`, `.gwt` and links CSVs written and read back give the same weights, in any id order.
    @Test func weightsFilesRoundTrip() throws {
        let (w, _) = try Self.data("columbus")
        for (name, text) in [("w.gal", WeightsFile.gal(w).text), ("w.gwt", WeightsFile.gwt(w.transformed(.R)).text),
                             ("w.csv", SpatialTables.links(w.transformed(.R)).text)] {
            let path = try CLI.temporaryFile(text, name: name)
            let back = try WeightsFile.read(path: path, ids: w.ids.reversed())
            let original = name.hasSuffix(".gal") ? w.original : w.transformed(.R).original
            for i in 0..<w.count {
                let j = w.count - 1 - i
                let a = (w.offsets[i]..<w.offsets[i + 1]).map { (w.ids[Int(w.neighbours[$0])], original[$0]) }.sorted { $0.0 < $1.0 }
                let b = (back.offsets[j]..<back.offsets[j + 1]).map { (back.ids[Int(back.neighbours[$0])], back.original[$0]) }.sorted { $0.0 < $1.0 }
                #expect(a.map(\.0) == b.map(\.0) && zip(a, b).allSatisfy { close($0.1, $1.1, relative: 1e-15) }, "\(name) area \(w.ids[i])")
            }
        }
        let bad = try CLI.temporaryFile("2\n1 1\n2\n2 2\n1\n", name: "bad.gal")
        #expect(throws: EquityError.self) { try WeightsFile.read(path: bad) }
    }
}
