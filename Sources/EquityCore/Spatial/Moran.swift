#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Global Moran's I with analytic moments and a permutation test, as PySAL esda `Moran` /
/// spdep `moran.test`:
///
///     I = (n/S0)·zᵀWz/zᵀz, E[I] = −1/(n−1),
///     Var_N = (n²S1 − nS2 + 3S0²)/((n²−1)S0²) − E[I]²,
///     Var_R = [n((n²−3n+3)S1 − nS2 + 3S0²) − k((n²−n)S1 − 2nS2 + 6S0²)]/((n−1)(n−2)(n−3)S0²) − E[I]²,
///
/// with z = y − ȳ and kurtosis k = (Σz⁴/n)/(Σz²/n)². p-values are one-sided in the direction
/// of z (esda's `p_norm`/`p_rand`) and two-sided. The permutation test shuffles all values
/// (seeded, see `PermutationKernel`): p_sim by esda's folded rule, with the mean and standard
/// deviation of the simulated I. Islands stay in n (as esda).
public struct GlobalStatistic: Sendable, Equatable {
    /// Which statistic: moran, moran_bv, geary, getis_ord_g.
    public var name: String
    /// Areas.
    public var n: Int
    /// The statistic.
    public var value: Double
    /// Its expectation under the null.
    public var expected: Double
    /// Variance under normality.
    public var varianceNormality: Double
    /// Variance under randomisation.
    public var varianceRandomisation: Double
    /// Permutations run (0 = none).
    public var permutations: Int
    /// Folded pseudo p-value (NaN without permutations).
    public var pSim: Double
    /// Mean of the permuted statistics.
    public var meanSim: Double
    /// Their standard deviation.
    public var sdSim: Double
    /// Areas without neighbours (kept in n, as esda).
    public var islands: Int

    /// z under normality.
    public var zNormality: Double { (value - expected) / varianceNormality.squareRoot() }
    /// z under randomisation.
    public var zRandomisation: Double { (value - expected) / varianceRandomisation.squareRoot() }
    /// One-sided p under normality, in the observed direction.
    public var pNormality: Double { Normal.survival(abs(zNormality)) }
    /// One-sided p under randomisation.
    public var pRandomisation: Double { Normal.survival(abs(zRandomisation)) }
    /// Two-sided p under normality.
    public var pNormalityTwoSided: Double { 2 * pNormality }
    /// Two-sided p under randomisation.
    public var pRandomisationTwoSided: Double { 2 * pRandomisation }
}

/// Global Moran's I, bivariate Moran and empirical-Bayes rates (see `GlobalStatistic`).
public enum Moran {
    /// Checks values for the spatial statistics against their weights: one value per area,
    /// finite, n ≥ 4, not constant — nor constant to within rounding (a spread below 1e-13 of the
    /// values' size, where every statistic would be rounding noise). Messages name the area's id.
    public static func validate(_ y: [Double], weights w: SpatialWeights, name: String = "values") throws {
        if y.count != w.count {
            throw EquityError.unusableData("\(name): \(y.count) values for \(w.count) areas in the weights")
        }
        if y.count < 4 { throw EquityError.unusableData("\(name): \(y.count) areas; spatial autocorrelation needs at least 4") }
        if let i = y.firstIndex(where: { !$0.isFinite }) {
            throw EquityError.unusableData("\(name): area '\(w.ids[i])' has no finite value")
        }
        if w.islands.count == w.count {
            throw EquityError.unusableData("no area has a neighbour (\(w.count) islands); the statistic is undefined")
        }
        let low = y.min()!, high = y.max()!
        if low == high {
            throw EquityError.unusableData("\(name): all values are equal (\(NumberFormatting.string(low))); the statistic is undefined")
        }
        if high - low <= 1e-13 * max(abs(low), abs(high)) {
            throw EquityError.unusableData("\(name): all values are equal to within rounding (\(NumberFormatting.string(low)) to \(NumberFormatting.string(high))); the statistic is undefined")
        }
    }

    /// Deviations from the mean with their second and fourth power sums, after validation —
    /// shared by the global statistics.
    struct Centred {
        let n: Double
        let z: [Double]
        let m2: Double
        let m4: Double
        /// Kurtosis (Σz⁴/n)/(Σz²/n)².
        var kurtosis: Double { (m4 / n) / ((m2 / n) * (m2 / n)) }

        init(_ y: [Double], weights: SpatialWeights) throws {
            try Moran.validate(y, weights: weights)
            n = Double(y.count)
            let mean = y.reduce(0, +) / n
            z = y.map { $0 - mean }
            m2 = z.reduce(0) { $0 + $1 * $1 }
            m4 = z.reduce(0) { $0 + $1 * $1 * $1 * $1 }
        }
    }

    /// Global Moran's I of y under weights w (already transformed).
    public static func global(_ y: [Double], weights w: SpatialWeights, permutations: Int = 0, seed: UInt64 = 1,
                              threads: Int = Parallelism.threads) throws -> GlobalStatistic {
        try SimulationLimits.check(permutations, in: SimulationLimits.permutations, what: "the number of permutations")
        let c = try Centred(y, weights: w)
        let (n, z, m2) = (c.n, c.z, c.m2)
        let (s0, s1, s2) = w.moments
        let lag = w.lag(z)
        var num = 0.0
        for i in 0..<z.count { num += z[i] * lag[i] }
        let value = n / s0 * num / m2
        let e = -1 / (n - 1)
        let vn = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - e * e
        let k = c.kurtosis
        let a = n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0)
        let b = k * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)
        let vr = (a - b) / ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - e * e
        var result = GlobalStatistic(name: "moran", n: y.count, value: value, expected: e, varianceNormality: vn,
                                     varianceRandomisation: vr, permutations: permutations, pSim: .nan, meanSim: .nan,
                                     sdSim: .nan, islands: w.islands.count)
        if permutations > 0 {
            let out = PermutationKernel.run(values: z, weights: w, permutations: permutations, seed: seed, threads: threads)
            let sim = out.quadratic.map { n / s0 * $0 / m2 }
            result.pSim = PermutationKernel.foldedP(sim, observed: value)
            (result.meanSim, result.sdSim) = PermutationKernel.meanAndSD(sim)
        }
        return result
    }

    /// Bivariate Moran's I of x with the spatial lag of y (esda `Moran_BV`): both standardised
    /// with the sample sd (n − 1), I_B = Σ zxᵢ(W zy)ᵢ/(n − 1); permutations shuffle y.
    public static func bivariate(x: [Double], y: [Double], weights w: SpatialWeights, permutations: Int = 0, seed: UInt64 = 1,
                                 threads: Int = Parallelism.threads) throws -> GlobalStatistic {
        try SimulationLimits.check(permutations, in: SimulationLimits.permutations, what: "the number of permutations")
        try validate(x, weights: w, name: "x")
        try validate(y, weights: w, name: "y")
        let n = Double(x.count)
        func standardise(_ v: [Double]) -> [Double] {
            let m = v.reduce(0, +) / n
            let sd = (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
            return v.map { ($0 - m) / sd }
        }
        let zx = standardise(x), zy = standardise(y)
        let lag = w.lag(zy)
        var num = 0.0
        for i in 0..<zx.count { num += zx[i] * lag[i] }
        var result = GlobalStatistic(name: "moran_bv", n: x.count, value: num / (n - 1), expected: .nan, varianceNormality: .nan,
                                     varianceRandomisation: .nan, permutations: permutations, pSim: .nan, meanSim: .nan, sdSim: .nan,
                                     islands: w.islands.count)
        if permutations > 0 {
            // Σ zx·W(perm zy): evaluate with the kernel on a stacked trick is not linear in one
            // vector, so permute zy and take the cross product directly.
            let streams = Xoshiro256.streams(seed: seed, count: 1)
            var g = streams[0]
            var scratch = zy
            var sim = [Double](repeating: 0, count: permutations)
            for r in 0..<permutations {
                scratch.withUnsafeMutableBufferPointer { PermutationKernel.shuffle($0.baseAddress!, $0.count, &g) }
                let l = w.lag(scratch)
                var s = 0.0
                for i in 0..<zx.count { s += zx[i] * l[i] }
                sim[r] = s / (n - 1)
            }
            result.pSim = PermutationKernel.foldedP(sim, observed: result.value)
            (result.meanSim, result.sdSim) = PermutationKernel.meanAndSD(sim)
        }
        return result
    }

    /// Empirical-Bayes standardised rates (Assunção & Reis 1999, esda `assuncao_rate`): events e
    /// over populations b, shrunk towards the overall rate; Moran's I of these is the EB Moran.
    public static func empiricalBayesRates(events e: [Double], populations b: [Double], ids: [String]? = nil) throws -> [Double] {
        guard e.count == b.count else { throw EquityError.invalidArgument("events and populations differ in length") }
        if let i = b.firstIndex(where: { !($0 > 0) }) {
            throw EquityError.unusableData("area \(ids.map { "'\($0[i])'" } ?? String(i + 1)): population must be greater than zero")
        }
        if let i = e.firstIndex(where: { !($0 >= 0) }) {
            throw EquityError.unusableData("area \(ids.map { "'\($0[i])'" } ?? String(i + 1)): events must be zero or more")
        }
        let n = Double(e.count)
        let rate = zip(e, b).map { $0 / $1 }
        let eSum = e.reduce(0, +), bSum = b.reduce(0, +)
        let beta = eSum / bSum
        let s2 = zip(b, rate).reduce(0) { $0 + $1.0 * ($1.1 - beta) * ($1.1 - beta) } / bSum
        let alpha = s2 - beta / (bSum / n)
        return zip(rate, b).map { r, bi in
            let raw = alpha + beta / bi
            let v = raw < 0 ? beta / bi : raw
            return (r - beta) / v.squareRoot()
        }
    }
}
