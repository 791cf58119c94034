import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// Empirical-Bayes rates against spdep 1.2-7 (`EBest`, `EBlocal`) and esda 2.9.0
/// (`Excess_Risk`, `Empirical_Bayes`, `Spatial_Empirical_Bayes`, `Spatial_Rate`) on North Carolina
/// SIDS 1974 (SID74 of BIR74, 100 counties) and Luton's 121 LSOAs (income-deprived of the mid-2015
/// population), queen contiguity. References: `Fixtures/reference/*_eb.csv`, made by
/// `Fixtures/reference/scripts/eb_spdep.R` and `eb_esda.py`.
@Suite struct EmpiricalBayesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String, polygons: String, idProperty: String, spdep: String, esda: String
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "NC SIDS", polygons: "boundaries/nc_sids.geojson", idProperty: "FIPSNO",
             spdep: "reference/nc_sids_spdep_eb.csv", esda: "reference/nc_sids_esda_eb.csv"),
        Case(name: "Luton", polygons: "boundaries/luton_lsoa11_E06000032.geojson", idProperty: "LSOA11CD",
             spdep: "reference/luton_lsoa11_spdep_eb.csv", esda: "reference/luton_lsoa11_esda_eb.csv"),
    ]

    func agree(_ got: [Double], _ want: [Double], _ what: String) {
        #expect(got.count == want.count, "\(what)")
        for i in 0..<min(got.count, want.count) {
            #expect(close(got[i], want[i], relative: 1e-9, absolute: 1e-15), "\(what) row \(i + 1): \(got[i]) vs \(want[i])")
        }
    }

    @Test(arguments: cases) func agreesWithSpdepAndEsda(_ c: Case) throws {
        let spdep = try Fixtures.table(fixture: c.spdep), esda = try Fixtures.table(fixture: c.esda)
        let layer = try GeoJSONReader.read(path: Fixtures.path(c.polygons))
        let ids = try SpatialInputs.ids(layer, property: c.idProperty)
        let w = try SpatialWeights(layer: layer, ids: ids, rule: .contiguity(.queen))
        // Same areas in the same order as the references.
        #expect(ids.map { $0.hasSuffix(".0") ? String($0.dropLast(2)) : $0 } == spdep.column("id"))
        let e = spdep.doubles("events"), b = spdep.doubles("base")
        agree(try EmpiricalBayes.global(events: e, base: b).estimate, spdep.doubles("ebest_poisson"), "EBest poisson")
        agree(try EmpiricalBayes.global(events: e, base: b, family: .binomial).estimate, spdep.doubles("ebest_binomial"), "EBest binomial")
        let local = try EmpiricalBayes.local(events: e, base: b, weights: w)
        agree(local.raw, spdep.doubles("eblocal_raw"), "EBlocal raw")
        agree(local.estimate, spdep.doubles("eblocal"), "EBlocal")
        agree(try EmpiricalBayes.local(events: e, base: b, weights: w, variance: .geoda).estimate, spdep.doubles("eblocal_geoda"), "EBlocal geoda")
        agree(try EmpiricalBayes.excessRisk(events: e, base: b), esda.doubles("excess_risk"), "Excess_Risk")
        agree(try EmpiricalBayes.global(events: e, base: b, clampVariance: false).estimate, esda.doubles("empirical_bayes"), "Empirical_Bayes")
        agree(try EmpiricalBayes.local(events: e, base: b, weights: w, variance: .geoda).estimate, esda.doubles("spatial_empirical_bayes"),
              "Spatial_Empirical_Bayes")
        agree(local.mean, esda.doubles("spatial_rate"), "Spatial_Rate")
    }

    @Test func badInputAndDegenerateCases() throws {
        #expect(throws: EquityError.self) { try EmpiricalBayes.global(events: [1, 2], base: [10, 0]) }
        #expect(throws: EquityError.self) { try EmpiricalBayes.global(events: [1, -2], base: [10, 10]) }
        #expect(throws: EquityError.self) { try EmpiricalBayes.global(events: [1, .nan], base: [10, 10]) }
        #expect(throws: EquityError.self) { try EmpiricalBayes.global(events: [1], base: [10, 10]) }
        // No events anywhere: every estimate is 0, not NaN.
        let g = try EmpiricalBayes.global(events: [0, 0, 0], base: [10, 20, 30])
        #expect(g.estimate == [0, 0, 0])
        let w = try SpatialWeights(ids: ["a", "b", "c"], pairs: [(0, 1), (1, 2)])
        #expect(try EmpiricalBayes.local(events: [0, 0, 0], base: [10, 20, 30], weights: w).estimate == [0, 0, 0])
    }
}
