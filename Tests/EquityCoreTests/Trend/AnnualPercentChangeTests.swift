import Testing
@testable import EquityCore
import EquityTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Annual percentage change by IRLS.
@Suite struct AnnualPercentChangeTests {
    /// Counts that follow the model exactly recover its slope: 5% a year → APC 5.
    @Test func exactPoissonSeries() throws {
        let t = (0..<8).map(Double.init)
        let n = [Double](repeating: 100_000, count: 8)
        let x = t.map { 200 * pow(1.05, $0) }
        let r = try #require(AnnualPercentChange.fit(times: t, counts: x, denominators: n, model: .poisson))
        #expect(abs(r.apc - 5) < 1e-9)
        // Wald SE of b for a Poisson log-linear fit: 1/√Σμ(t − t̄_μ)² at the fitted means, t̄_μ the
        // μ-weighted mean time.
        var sm = 0.0, smt = 0.0
        for j in 0..<8 { sm += x[j]; smt += x[j] * t[j] }
        let tbar = smt / sm
        var info = 0.0
        for j in 0..<8 { info += x[j] * (t[j] - tbar) * (t[j] - tbar) }
        #expect(abs(r.standardError - 1 / info.squareRoot()) < 1e-9 * r.standardError)
        #expect(r.lower < 5 && r.upper > 5)
    }

    /// Logistic: odds growing by 10% a year exactly.
    @Test func exactLogisticSeries() throws {
        let t = (0..<6).map(Double.init)
        let n = [Double](repeating: 10_000, count: 6)
        let x = t.map { ti -> Double in
            let odds = 0.25 * pow(1.1, ti)
            return 10_000 * odds / (1 + odds)
        }
        let r = try #require(AnnualPercentChange.fit(times: t, counts: x, denominators: n, model: .logistic))
        #expect(abs(r.apc - 10) < 1e-8)
    }

    @Test func unusableSeries() {
        #expect(AnnualPercentChange.fit(times: [1, 2], counts: [1, 2], denominators: [10, 10], model: .poisson) == nil)
        #expect(AnnualPercentChange.fit(times: [1, 2, 3], counts: [0, 0, 0], denominators: [10, 10, 10], model: .poisson) == nil)
    }
}
