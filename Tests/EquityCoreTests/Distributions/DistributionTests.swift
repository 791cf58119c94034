import Testing
@testable import EquityCore
import EquityTestSupport

/// Quantile and distribution functions against R (PHE's derived grid, methods.md constants)
/// and SciPy 1.17.1 (our own grid in Resources/scipy_distribution_grid.csv).
@Suite struct DistributionTests {
    @Test func methodsConstants() {
        // methods.md: z95 = qnorm(0.975), z998 = qnorm(0.999), χ²₁(0.998).
        #expect(close(Normal.quantile(0.975), 1.959963984540054, relative: 1e-15))
        #expect(close(Normal.quantile(0.999), 3.090232306167813, relative: 1e-15))
        #expect(close(ChiSquared.quantile(0.998, degreesOfFreedom: 1), 9.549535706083237, relative: 1e-13))
        #expect(ChiSquared.quantile(0.3, degreesOfFreedom: 0) == 0)
    }

    /// `Fixtures/phe/derived_ci_grid.csv`: exact Poisson limits (qchisq) from R,
    /// ≤ 1e-12 relative.
    @Test func exactPoissonGridAgainstR() throws {
        let t = try Fixtures.table(Fixtures.path("phe/derived_ci_grid.csv"))
        var checked = 0
        for row in t.rows where row[0] == "exact_poisson_count" {
            let x = try number(row[1]), c = try number(row[3])
            let lower = try number(row[4]), upper = try number(row[5])
            #expect(close(PoissonLimits.exactLower(x, confidence: c), lower, relative: 1e-12), "x=\(x) c=\(c)")
            #expect(close(PoissonLimits.exactUpper(x, confidence: c), upper, relative: 1e-12), "x=\(x) c=\(c)")
            checked += 1
        }
        #expect(checked == 20)
    }

    @Test func scipyGrid() throws {
        let t = try Fixtures.table(Fixtures.resource("EquityCoreTests", "scipy_distribution_grid.csv"))
        var worst: [String: Double] = [:]
        for row in t.rows {
            let x = try number(row[1])
            let a = Double(row[2]) ?? .nan, b = Double(row[3]) ?? .nan
            let expected = try number(row[4])
            let got: Double
            switch row[0] {
            case "normal_quantile": got = Normal.quantile(x)
            case "normal_cdf": got = Normal.cdf(x)
            case "chisq_quantile": got = ChiSquared.quantile(x, degreesOfFreedom: a)
            case "gamma_lower": got = Gamma.regularisedLower(a, x)
            case "gamma_upper": got = Gamma.regularisedUpper(a, x)
            case "t_quantile": got = StudentT.quantile(x, degreesOfFreedom: a)
            case "beta_quantile": got = Beta.quantile(x, a, b)
            case "beta_cdf": got = Beta.cdf(x, a, b)
            default: Issue.record("unknown function \(row[0])"); continue
            }
            let rel = expected == 0 ? abs(got) : abs(got - expected) / abs(expected)
            worst[row[0]] = max(worst[row[0]] ?? 0, rel)
            // Tails far below 1e-300 are beyond double range; everything else to 1e-12.
            #expect(rel <= 1e-12 || abs(expected) < 1e-290, "\(row[0]) x=\(x) a=\(a) b=\(b): \(got) vs \(expected)")
        }
        #expect(worst.count == 8)
    }

    @Test func tQuantileSymmetryAndClosedForms() {
        #expect(close(StudentT.quantile(0.975, degreesOfFreedom: 1), 12.706204736174698, relative: 1e-13))
        #expect(close(StudentT.quantile(0.975, degreesOfFreedom: 2), 4.302652729749464, relative: 1e-13))
        for nu in [3.0, 7, 25] {
            #expect(close(StudentT.quantile(0.1, degreesOfFreedom: nu), -StudentT.quantile(0.9, degreesOfFreedom: nu), relative: 1e-14))
        }
    }

    @Test func gammaQuantileInvertsCdf() {
        for a in [0.3, 1, 4.5, 9, 50, 500] {
            for p in [1e-8, 0.001, 0.2, 0.5, 0.8, 0.999] {
                let x = Gamma.quantile(p, shape: a)
                let back = p < 0.5 ? Gamma.regularisedLower(a, x) : Gamma.regularisedUpper(a, x)
                let target = p < 0.5 ? p : 1 - p
                #expect(close(back, target, relative: 1e-12), "a=\(a) p=\(p)")
            }
        }
    }
}
