import Foundation
import Testing
@testable import EquityCore
import EquityTestSupport

/// Gini family against methods.md §6 reference values (Columbus INC from PySAL's columbus data,
/// computed with R/PySAL) and hand-checkable examples.
@Suite struct GiniTests {
    static func columbusIncome() throws -> [Double] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("boundaries/columbus.geojson")))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let features = json["features"] as! [[String: Any]]
        return features.map { (($0["properties"] as! [String: Any])["INC"] as! NSNumber).doubleValue }
    }

    @Test func columbusReferenceValues() throws {
        let inc = try Self.columbusIncome()
        #expect(inc.count == 49)
        let s = Gini.Sorted(inc)
        #expect(close(Gini.coefficient(s), 0.2144495887, relative: 1e-9))
        #expect(close(Gini.corrected(s), 0.2189172885, relative: 1e-9))
        #expect(close(Gini.davidsonStandardError(s), 0.01984806396, relative: 1e-9))
        #expect(close(Gini.jackknifeStandardError(s), 0.02085170062, relative: 1e-9))
        #expect(close(InequalityIndices.theilT(inc), 0.07332563838, relative: 1e-9))
        #expect(close(InequalityIndices.atkinson(inc, epsilon: 0.5), 0.03631817848, relative: 1e-9))
    }

    /// methods.md toy: x = 10,20,30,40,100 with weights 1,2,3,2,1 → 0.3194444444; equal weights
    /// reproduce the plain Gini; integer weights equal the expanded sample.
    @Test func weighted() {
        #expect(close(Gini.weighted(values: [10, 20, 30, 40, 100], weights: [1, 2, 3, 2, 1]), 0.3194444444, relative: 1e-9))
        let x: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
        #expect(close(Gini.weighted(values: x, weights: [Double](repeating: 2, count: 8)), Gini.coefficient(Gini.Sorted(x)), relative: 1e-13))
        let expanded = [10.0, 20, 20, 30, 30, 30, 40, 40, 100]
        #expect(close(Gini.weighted(values: [10, 20, 30, 40, 100], weights: [1, 2, 3, 2, 1]), Gini.coefficient(Gini.Sorted(expanded)), relative: 1e-13))
    }

    /// Grouped bands: with one unit per band the trapezoid Lorenz Gini equals the plain Gini.
    /// Worked example: two bands, 50% of people with value 1 and 50% with value 3 → Lorenz points
    /// (0.5, 0.25), (1, 1): G = 1 − 0.5·0.25 − 0.5·1.25 = 0.25.
    @Test func grouped() {
        #expect(close(Gini.grouped(values: [1, 3], counts: [50, 50]), 0.25, relative: 1e-14))
        let x: [Double] = [2, 7, 1, 8, 2, 8]
        #expect(close(Gini.grouped(values: x, counts: [Double](repeating: 1, count: 6)), Gini.coefficient(Gini.Sorted(x)), relative: 1e-13))
    }

    /// Bootstrap: deterministic for a seed whatever the thread count; limits bracket G.
    @Test func bootstrap() throws {
        let s = Gini.Sorted(try Self.columbusIncome())
        let levels = try ConfidenceLevels([0.95])
        let a = try Gini.bootstrap(s, replicates: 2000, confidence: levels, seed: 11, threads: 1)
        let b = try Gini.bootstrap(s, replicates: 2000, confidence: levels, seed: 11, threads: 4)
        #expect(a.lower == b.lower && a.upper == b.upper)
        let g = Gini.coefficient(s)
        #expect(a.lower[0] < g && g < a.upper[0])
        // The percentile interval's half-width is about 1.96 × the jackknife SE.
        #expect(abs((a.upper[0] - a.lower[0]) / 2 - 1.96 * Gini.jackknifeStandardError(s)) < 0.012)
    }

    @Test func sharesAndConcentration() {
        let x = (1...10).map(Double.init)
        // Lorenz: bottom 40% hold 1+2+3+4 = 10 of 55; top 10% hold 10.
        #expect(close(InequalityIndices.palma(x), 10.0 / 10.0, relative: 1e-14))
        #expect(close(InequalityIndices.s80s20(x), (9.0 + 10) / (1 + 2), relative: 1e-14))
        // Concentration: h rising with rank → positive; equal h → 0.
        let h: [Double] = [0.1, 0.2, 0.3, 0.4]
        let c = InequalityIndices.concentration(h, rankBy: [1, 2, 3, 4])
        // By hand: r = 1/8, 3/8, 5/8, 7/8, μ = 0.25, cov(h, r) = 0.125/4 = 0.03125, C = 2·0.03125/0.25.
        #expect(close(c, 0.25, relative: 1e-12))
        #expect(close(InequalityIndices.concentration(h.reversed(), rankBy: [1, 2, 3, 4]), -0.25, relative: 1e-12))
        // Erreygers on [0, 1]: 4μC = 0.25; Wagstaff: C/(1 − μ) = 1/3.
        #expect(close(InequalityIndices.concentration(h, rankBy: [1, 2, 3, 4], correction: .erreygers), 0.25, relative: 1e-12))
        #expect(close(InequalityIndices.concentration(h, rankBy: [1, 2, 3, 4], correction: .wagstaff), 1.0 / 3, relative: 1e-12))
        #expect(abs(InequalityIndices.theilL([2, 2, 2])) < 1e-15)
        #expect(InequalityIndices.theilL([0, 1]).isNaN)
    }
}
