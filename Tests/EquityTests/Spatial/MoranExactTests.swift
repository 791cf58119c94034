import Testing
@testable import Equity

/// The exact test of Moran's I: eigenvalue identities against the analytic moments, and Imhof's
/// integral against simulation under normality and a closed form.
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

    /// Σλχ²: with λ = (1, −1) the difference of two χ²₁ is symmetric → P(Q > 0) = ½; with
    /// λ = (1, 1, −a) … compare with a Monte Carlo estimate.
    @Test func imhofAgainstSimulation() throws {
        #expect(abs(MoranExact.imhofUpper([1, -1]) - 0.5) < 1e-9)
        // P(χ²₂ > a·χ²₂'·…): use Columbus's eigenvalues at r = 0.1 and simulate I under normality.
        let (_, w) = try GlobalStatisticsTests.columbus()
        let rw = w.transformed(.R)
        let gamma = try MoranExact.eigenvalues(rw)
        let exact = MoranExact.imhofUpper(gamma.map { $0 - 0.1 })
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
