import Testing
@testable import EquityCore
import EquityTestSupport

/// LAPACK least squares through the CLinearAlgebra target.
@Suite struct LeastSquaresTests {
    /// An exact line: y = 2 + 3x recovered to machine precision, weights irrelevant.
    @Test func exactLine() throws {
        let x: [Double] = [0, 1, 2, 3, 4]
        let y = x.map { 2 + 3 * $0 }
        let fit = try LeastSquares.fit(design: [Array(repeating: 1, count: 5), x], response: y, weights: [1, 2, 3, 4, 5])
        #expect(close(fit.coefficients[0], 2, relative: 1e-12))
        #expect(close(fit.coefficients[1], 3, relative: 1e-12))
        #expect(fit.rank == 2)
    }

    /// Weighted fit against the closed form: β1 = Σw(x−x̄)(y−ȳ)/Σw(x−x̄)², with (XᵀWX)⁻¹₁₁ = 1/Σw(x−x̄)².
    @Test func weightedAgainstClosedForm() throws {
        let x: [Double] = [0.05, 0.15, 0.3, 0.5, 0.7, 0.9]
        let y: [Double] = [70.1, 72.4, 74.0, 76.9, 79.3, 81.0]
        let w: [Double] = [0.1, 0.1, 0.2, 0.2, 0.2, 0.2]
        let sw = w.reduce(0, +)
        let mx = zip(w, x).map(*).reduce(0, +) / sw, my = zip(w, y).map(*).reduce(0, +) / sw
        var sxy = 0.0, sxx = 0.0
        for i in 0..<x.count { sxy += w[i] * (x[i] - mx) * (y[i] - my); sxx += w[i] * (x[i] - mx) * (x[i] - mx) }
        let fit = try LeastSquares.fit(design: [Array(repeating: 1, count: x.count), x], response: y, weights: w)
        #expect(close(fit.coefficients[1], sxy / sxx, relative: 1e-12))
        #expect(close(fit.coefficients[0], my - sxy / sxx * mx, relative: 1e-12))
        #expect(close(fit.inverseInformation[3], 1 / sxx, relative: 1e-10))
        // Off-diagonal: −x̄_w/Σw(x−x̄)², symmetric.
        #expect(close(fit.inverseInformation[1], -mx / sxx, relative: 1e-10))
        #expect(fit.inverseInformation[1] == fit.inverseInformation[2])
    }

    @Test func rankDeficientDesignIsReported() throws {
        let x: [Double] = [1, 2, 3, 4]
        let fit = try LeastSquares.fit(design: [x, x.map { 2 * $0 }], response: [1, 2, 3, 4])
        #expect(fit.rank == 1)
    }
}
