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
/// The probability of the quadratic form comes from Imhof's (1961) integral
/// P(Q > 0) = ½ + (1/π)∫₀^∞ sin θ(u)/(u ρ(u)) du, θ = ½Σ arctan(λᵢu), ρ = Π(1 + λᵢ²u²)^¼.
public enum MoranExact {
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
                let j = Int(w.neighbors[k])
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

    /// P(Σ λᵢ χ²₁ > 0) by Imhof's integral.
    public static func imhofUpper(_ lambda: [Double]) -> Double {
        let l = lambda.filter { $0 != 0 }
        if l.isEmpty { return 0.5 }
        func integrand(_ u: Double) -> Double {
            if u == 0 { return 0.5 * l.reduce(0, +) } // limit of sin θ/(uρ)
            var theta = 0.0, logRho = 0.0
            for x in l {
                theta += atan(x * u)
                logRho += 0.25 * log1p(x * x * u * u)
            }
            return sin(0.5 * theta) / (u * exp(logRho))
        }
        // Composite Simpson on geometrically growing intervals until the integrand's bound is tiny.
        var total = 0.0
        var a = 0.0, h = 1e-3 / max(l.map { abs($0) }.max()!, 1e-12)
        for _ in 0..<200 {
            let b = a + h
            let m = 64
            let step = (b - a) / Double(m)
            var s = integrand(a) + integrand(b)
            for k in 1..<m { s += (k % 2 == 1 ? 4 : 2) * integrand(a + Double(k) * step) }
            total += s * step / 3
            a = b
            h *= 2
            // |integrand| ≤ 1/(uρ(u)): stop when the remaining tail is negligible.
            var logRho = 0.0
            for x in l { logRho += 0.25 * log1p(x * x * a * a) }
            if exp(-logRho) < 1e-14 { break }
        }
        return min(1, max(0, 0.5 + total / Double.pi))
    }

    /// Exact one-sided p-value of observed I (in its direction from E[I]) and two-sided.
    public static func pValues(observed: Double, eigenvalues gamma: [Double]) -> (oneSided: Double, twoSided: Double, expected: Double) {
        let expected = gamma.reduce(0, +) / Double(gamma.count)
        let upper = imhofUpper(gamma.map { $0 - observed })
        let one = observed >= expected ? upper : 1 - upper
        return (one, min(1, 2 * one), expected)
    }
}
