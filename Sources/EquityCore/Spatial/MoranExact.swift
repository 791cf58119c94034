import CLinearAlgebra
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact distribution of Moran's I under normality (Tiefelsdorf & Boots 1995; the approach of
/// spdep's exact tests), for n ≤ 5,000.
///
/// With M = I − 11ᵀ/n and W* = (n/S0)(W + Wᵀ)/2, I = zᵀMW*Mz / zᵀMz, so
/// P(I > r) = P(Σᵢ (γᵢ − r)χ²₁ᵢ > 0) over the n − 1 eigenvalues γᵢ of MW*M on 1⊥ (LAPACK `dsyev`;
/// the constant direction is moved out of the way by adding c·11ᵀ/n and dropping the largest).
/// The probability of the quadratic form comes from the exact inversion of its moment generating
/// function along the saddlepoint contour (`upperTail`), which keeps full relative accuracy in
/// the tails where Imhof's (1961) ½ + (1/π)∫… loses it to cancellation.
public enum MoranExact {
    /// The largest n the exact test takes (an n × n eigenproblem).
    public static let maximumN = 5000

    /// The n − 1 eigenvalues γ of MW*M on 1⊥ (ascending).
    public static func eigenvalues(_ w: SpatialWeights) throws -> [Double] {
        let n = w.count
        guard n <= maximumN else { throw EquityError.invalidArgument("the exact test needs n ≤ \(maximumN) (n = \(n))") }
        let s0 = w.moments.s0
        var a = [Double](repeating: 0, count: n * n)
        let scale = Double(n) / s0
        for i in 0..<n {
            for k in w.offsets[i]..<w.offsets[i + 1] {
                let j = Int(w.neighbours[k])
                a[i * n + j] += 0.5 * scale * w.weights[k]
                a[j * n + i] += 0.5 * scale * w.weights[k]
            }
        }
        // M A M = A − r1ᵀ/n − 1cᵀ/n + (Σ/n²)11ᵀ, then + c·11ᵀ/n for the constant direction.
        var row = [Double](repeating: 0, count: n)
        var total = 0.0
        for i in 0..<n { for j in 0..<n { row[i] += a[i * n + j] }; total += row[i] }
        // Gershgorin: every eigenvalue of MW*M is below 4·max row |sum|; shift just past that.
        var bound = 0.0
        for i in 0..<n { var r = 0.0; for j in 0..<n { r += abs(a[i * n + j]) }; bound = max(bound, r) }
        let shift = 4 * bound + 1
        let nd = Double(n)
        for i in 0..<n {
            for j in 0..<n {
                a[i * n + j] += -row[i] / nd - row[j] / nd + total / (nd * nd) + shift / nd
            }
        }
        let lapack = try LAPACK.routines()
        var jobz = Int8(UInt8(ascii: "N")), uplo = Int8(UInt8(ascii: "U"))
        var nn = Int32(n), lda = Int32(n), info: Int32 = 0, lwork: Int32 = -1
        var wv = [Double](repeating: 0, count: n)
        var query = 0.0
        lapack.dsyev(&jobz, &uplo, &nn, &a, &lda, &wv, &query, &lwork, &info)
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: max(1, Int(lwork)))
        lapack.dsyev(&jobz, &uplo, &nn, &a, &lda, &wv, &work, &lwork, &info)
        if info != 0 { throw EquityError.unusableData("eigenvalues did not converge (LAPACK dsyev info \(info))") }
        return Array(wv.dropLast()) // the largest is the shifted constant direction
    }

    /// A tail probability with how far it can be trusted.
    public struct TailProbability: Sendable, Equatable {
        /// The probability, or 0 when it underflows (then see `upperBound`).
        public var value: Double
        /// Estimated relative error of `value` (from the quadrature's error estimate).
        public var relativeError: Double
        /// When the probability is too small to represent (or to compute to 1e-10 relative),
        /// a bound it is known to lie below; nil otherwise.
        public var upperBound: Double?
    }

    /// P(Σ λᵢ χ²₁ > 0) by exact numerical inversion of the moment generating function
    /// M(s) = Π(1 − 2λᵢs)^(−1/2) along the vertical line through its saddlepoint:
    ///
    ///     P(Q > 0) = (1/π) ∫₀^∞ Re[M(c + it)/(c + it)] dt,   K′(c) = 1/c, 0 < c < 1/(2λ_max)
    ///
    /// (the Bromwich integral of M(s)/s; Helstrom 1983, Lugannani & Rice 1980 for the choice
    /// of c). Unlike Imhof's ½ + (1/π)∫…, this integral *is* the tail probability, so small
    /// p-values keep their relative accuracy (no cancellation against ½); the integrand is
    /// scaled by its value at t = 0, so even p far below 1e-300 is located (reported as a
    /// bound). Adaptive Gauss–Kronrod (7/15) to 1e-13 relative.
    public static func upperTail(_ lambda: [Double]) -> TailProbability {
        let l = lambda.filter { $0 != 0 && $0.isFinite }
        guard let maxLambda = l.max(), maxLambda > 0 else { return TailProbability(value: 0, relativeError: 0, upperBound: nil) }
        // Saddlepoint c on (0, 1/(2λ_max)): g(c) = Σλ/(1 − 2λc) − 1/c is increasing there.
        var lo = 0.0, hi = 0.5 / maxLambda
        func g(_ c: Double) -> Double {
            var k1 = 0.0
            for x in l { k1 += x / (1 - 2 * x * c) }
            return k1 - 1 / c
        }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            if g(mid) > 0 { hi = mid } else { lo = mid }
        }
        let c = 0.5 * (lo + hi)
        // log(M(c)/c) and the width of the integrand (1/√(K″(c) + 1/c²)).
        var logM = 0.0, k2 = 0.0
        var a = [Double](repeating: 0, count: l.count)
        var ratio = [Double](repeating: 0, count: l.count) // 2λ/(1 − 2λc)
        for (i, x) in l.enumerated() {
            a[i] = 1 - 2 * x * c
            logM -= 0.5 * log(a[i])
            ratio[i] = 2 * x / a[i]
            k2 += 0.5 * ratio[i] * ratio[i]
        }
        let logScale = logM - log(c) - log(Double.pi)
        let width = 1 / (k2 + 1 / (c * c)).squareRoot()
        // g(t) = |M(c+it)/(c+it)| / (M(c)/c) · cos(arg) — computed without cancellation.
        func integrand(_ t: Double) -> Double {
            var logAmplitude = -0.5 * log1p((t / c) * (t / c))
            var phase = -atan(t / c)
            for r in ratio {
                let u = r * t // = 2λt/(1 − 2λc): the factor is a(1 − iu)
                logAmplitude -= 0.25 * log1p(u * u)
                phase += 0.5 * atan(u)
            }
            return exp(logAmplitude) * cos(phase)
        }
        func logAmplitude(_ t: Double) -> Double {
            var v = -0.5 * log1p((t / c) * (t / c))
            for r in ratio { let u = r * t; v -= 0.25 * log1p(u * u) }
            return v
        }
        // Integrate to where the amplitude (decreasing in t) is below e^−50 of its start.
        var upper = 8 * width
        while logAmplitude(upper) > -50 && upper < 1e300 { upper *= 2 }
        let (integral, error) = GaussKronrod.integrate(integrand, from: 0, to: upper, relativeTolerance: 1e-13)
        let logP = logScale + log(max(integral, .leastNonzeroMagnitude))
        let relativeError = abs(error / integral) + 1e-15 * Double(l.count).squareRoot()
        if integral <= 0 || logP < log(Double.leastNormalMagnitude) || relativeError > 1e-10 {
            // Below what can be computed to 1e-10 relative: report a bound.
            let bound = integral > 0 ? exp(min(logP + log1p(max(relativeError, 1)), 0)) : Double.leastNormalMagnitude
            return TailProbability(value: 0, relativeError: relativeError, upperBound: max(bound, Double.leastNormalMagnitude))
        }
        return TailProbability(value: min(1, exp(logP)), relativeError: relativeError, upperBound: nil)
    }

    /// The exact test's p-values.
    public struct PValues: Sendable, Equatable {
        /// One-sided, in the direction of the observed I from E[I].
        public var oneSided: TailProbability
        /// Two-sided: twice the one-sided (at most 1).
        public var twoSided: TailProbability
        /// E[I] from the eigenvalues.
        public var expected: Double
    }

    /// Exact one-sided p-value of observed I (in its direction from E[I]) and two-sided.
    public static func pValues(observed: Double, eigenvalues gamma: [Double]) -> PValues {
        let expected = gamma.reduce(0, +) / Double(gamma.count)
        // P(I ≥ r) = P(Σ(γᵢ − r)χ² ≥ 0); P(I ≤ r) = P(Σ(r − γᵢ)χ² ≥ 0).
        let one = observed >= expected ? upperTail(gamma.map { $0 - observed }) : upperTail(gamma.map { observed - $0 })
        var two = one
        two.value = min(1, 2 * one.value)
        two.upperBound = one.upperBound.map { min(1, 2 * $0) }
        return PValues(oneSided: one, twoSided: two, expected: expected)
    }
}
