import Testing
@testable import EquityCore
import EquityTestSupport

/// The exact test of Moran's I: eigenvalue identities against the analytic moments; the tail
/// probability of Σλχ²₁ against closed forms (to 1e-10 relative, far tails included) and
/// simulation.
@Suite struct MoranExactTests {
    @Test func eigenvaluesReproduceTheMoments() throws {
        let (layer, w) = try GlobalStatisticsTests.columbus()
        let rw = w.transformed(.R)
        let crime = try GlobalStatisticsTests.values(layer, "CRIME")
        let r = try Moran.global(crime, weights: rw)
        let gamma = try MoranExact.eigenvalues(rw)
        #expect(gamma.count == 48)
        let m = Double(gamma.count)
        let mean = gamma.reduce(0, +) / m
        #expect(close(mean, r.expected, relative: 1e-10))
        // Var_N = 2[(n−1)Σγ² − (Σγ)²]/((n−1)²(n+1)).
        let s1 = gamma.reduce(0, +), s2 = gamma.reduce(0) { $0 + $1 * $1 }
        let v = 2 * (m * s2 - s1 * s1) / (m * m * (m + 2))
        #expect(close(v, r.varianceNormality, relative: 1e-9))
    }

    /// Q = χ²ₖ − a·χ²ₘ (k ones and m copies of −a): P(Q > 0) = P(Beta(k/2, m/2) > a/(1 + a)).
    /// Issue 9, item 5: Imhof's Simpson rule was off by up to 7.9e-6 relative and by orders of
    /// magnitude in far tails (2.79e-7 where p < 1e-15).
    @Test(arguments: [(3, 5, 0.5), (1, 1, 1.0), (10, 40, 0.05), (2, 50, 5.0), (4, 60, 3.0), (40, 40, 4.0)])
    func tailAgainstTheBetaDistribution(k: Int, m: Int, a: Double) throws {
        let lambda = [Double](repeating: 1, count: k) + [Double](repeating: -a, count: m)
        let exact = Beta.tails(a / (1 + a), Double(k) / 2, Double(m) / 2).upper
        let tail = MoranExact.upperTail(lambda)
        #expect(tail.upperBound == nil)
        #expect(close(tail.value, exact, relative: 1e-10), "k \(k) m \(m) a \(a): \(tail.value) vs \(exact)")
    }

    /// A probability far below 1e-300 is reported as a bound, not a number.
    @Test func underflowIsABound() throws {
        let lambda = [1.0] + [Double](repeating: -50, count: 400)
        let tail = MoranExact.upperTail(lambda)
        #expect(tail.value == 0)
        #expect(tail.upperBound != nil)
        #expect(MoranExact.upperTail([-1, -2]).value == 0)
        #expect(close(MoranExact.upperTail([1, -1]).value, 0.5, relative: 1e-12))
    }

    /// Columbus's eigenvalues at r = 0.1 against a simulation of I under normality.
    @Test func tailAgainstSimulation() throws {
        let (_, w) = try GlobalStatisticsTests.columbus()
        let rw = w.transformed(.R)
        let gamma = try MoranExact.eigenvalues(rw)
        let exact = MoranExact.upperTail(gamma.map { $0 - 0.1 }).value
        var g = Xoshiro256(seed: 77)
        let sampler = NormalSampler()
        var above = 0
        let draws = 200_000
        for _ in 0..<draws {
            var q = 0.0
            for x in gamma { let z = sampler.next(&g); q += (x - 0.1) * z * z }
            if q > 0 { above += 1 }
        }
        let p = Double(above) / Double(draws)
        #expect(abs(exact - p) < 4 * (p * (1 - p) / Double(draws)).squareRoot() + 1e-4, "exact \(exact) vs simulated \(p)")
    }
}
