import Dispatch

/// The local Geary statistic (Anselin 1995; Anselin 2019, *A local indicator of multivariate
/// spatial association*; esda `Geary_Local`, GeoDa `local_geary`/`local_multigeary`): with each
/// variable standardised by its population standard deviation and row-standardised weights,
/// cᵢ = (1/m)·Σᵥ Σⱼ wᵢⱼ(zᵥᵢ − zᵥⱼ)² over m variables (m = 1: esda's localG).
///
/// Conditional randomisation permutes whole rows (all variables together) over the other n − 1
/// areas. Areas with the same number of equally weighted neighbours share draws exactly as in
/// `SharedDraws` (a slot bijection excludes each area's own row); cᵢ of a draw is then
/// (w/m)·Σᵥ(k·zᵥᵢ² − 2zᵥᵢS₁ᵥ + S₂ᵥ) from the draw's sums S₁ᵥ = Σzᵥⱼ and S₂ᵥ = Σzᵥⱼ². p_sim by
/// the folded ("directed") rule. Labels as GeoDa/esda: High–High (cᵢ below the mean of c and
/// the value above its mean, significant; univariate only), Low–Low, Other positive
/// (multivariate: any significant cᵢ below the mean), Negative (cᵢ above the mean, significant),
/// Not significant.
public struct LocalGeary: Sendable, Equatable {
    /// A cluster label.
    public enum Cluster: String, Sendable, CaseIterable {
        /// Positive association, high values (univariate).
        case highHigh = "High-High"
        /// Positive association, low values (univariate).
        case lowLow = "Low-Low"
        /// Positive association (multivariate, or neither high nor low).
        case otherPositive = "Other Positive"
        /// Negative association (cᵢ above the mean).
        case negative = "Negative"
        /// p_sim above α.
        case notSignificant = "Not significant"
        /// No permutations run.
        case notTested = "Not tested"
        /// No neighbours.
        case island
    }

    /// cᵢ.
    public var values: [Double]
    /// Pseudo p-values (NaN for islands or without permutations).
    public var pSim: [Double]
    /// Whether each area has no neighbours.
    public var isIsland: [Bool]
    /// The standardised first variable (for labels).
    public var z: [Double]
    /// Number of variables.
    public var variables: Int

    /// Labels at significance `alpha`, after an optional Bonferroni or FDR correction.
    public func clusters(alpha: Double, correction: MultipleTesting.Correction = .none) -> [Cluster] {
        let finite = values.enumerated().filter { !isIsland[$0.offset] }.map(\.element)
        let mean = finite.reduce(0, +) / Double(max(finite.count, 1))
        let significant = MultipleTesting.significant((0..<values.count).map { isIsland[$0] ? .nan : pSim[$0] },
                                                      alpha: alpha, correction: correction)
        return (0..<values.count).map { i in
            if isIsland[i] { return .island }
            if pSim[i].isNaN { return .notTested }
            guard significant[i] else { return .notSignificant }
            if values[i] > mean { return .negative }
            if values[i] < mean {
                if variables > 1 { return .otherPositive }
                return z[i] > 0 ? .highHigh : .lowLow
            }
            return .notSignificant
        }
    }

    /// Local Geary of one or more variables (each an array of n values).
    public static func compute(_ variables: [[Double]], weights: SpatialWeights, permutations: Int = 999, seed: UInt64 = 1,
                               draws: ConditionalRandomisation.Draws = .shared, threads: Int = Parallelism.threads) throws -> LocalGeary {
        try SimulationLimits.check(permutations, in: SimulationLimits.permutations, what: "the number of permutations")
        guard let first = variables.first else { throw EquityError.invalidArgument("give at least one variable") }
        for v in variables { try Moran.validate(v, weights: weights) }
        try weights.requireNoSelfLinks()
        let w = weights.transformed(.R)
        let n = first.count, nd = Double(n), m = variables.count
        let z: [[Double]] = variables.map { v in
            let mean = v.reduce(0, +) / nd
            let sd = (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / nd).squareRoot()
            return v.map { ($0 - mean) / sd }
        }
        let island = (0..<n).map { w.offsets[$0] == w.offsets[$0 + 1] }
        var c = [Double](repeating: 0, count: n)
        for i in 0..<n where !island[i] {
            var s = 0.0
            for v in 0..<m { for k in w.offsets[i]..<w.offsets[i + 1] { let d = z[v][i] - z[v][Int(w.neighbours[k])]; s += w.weights[k] * d * d } }
            c[i] = s / Double(m)
        }
        var p = [Double](repeating: .nan, count: n)
        if permutations > 0 {
            let common = draws == .shared ? SharedDraws.commonWeights(w, skip: island) : [Double](repeating: .nan, count: n)
            p = sharedGeary(z: z, weights: w, common: common, observed: c, permutations: permutations, seed: seed, threads: threads)
            let rest = (0..<n).filter { !island[$0] && common[$0].isNaN }
            if !rest.isEmpty {
                let q = perSiteGeary(z: z, weights: w, sites: rest, observed: c, permutations: permutations, seed: seed &+ 0x9E37_79B9_7F4A_7C15)
                for (a, i) in rest.enumerated() { p[i] = q[a] }
            }
        }
        return LocalGeary(values: c, pSim: p, isIsland: island, z: z[0], variables: m)
    }

    /// Local Geary's pseudo p-values: shared draws where rows have equal weights, per site elsewhere.
    static func sharedGeary(z: [[Double]], weights w: SpatialWeights, common: [Double], observed: [Double], permutations r: Int,
                            seed: UInt64, threads: Int) -> [Double] {
        let m = z.count, md = Double(m)
        return SharedDraws.pValuesBySums(variables: z, weights: w, common: common, observed: observed, permutations: r, seed: seed,
                                         threads: threads) { i, k, w0, s1, s2 in
            var s = 0.0
            for v in 0..<m { let zi = z[v][i]; s += Double(k) * zi * zi - 2 * zi * s1[v] + s2[v] }
            return w0 * s / md
        }
    }

    /// Per-site simulation (areas whose neighbours weigh differently).
    static func perSiteGeary(z: [[Double]], weights w: SpatialWeights, sites: [Int], observed: [Double], permutations r: Int, seed: UInt64) -> [Double] {
        let m = z.count
        return SharedDraws.perSite(weights: w, sites: sites, observed: observed, permutations: r, seed: seed) { i, drawn, weights in
            var s = 0.0
            for (d, site) in drawn.enumerated() { for v in 0..<m { let dd = z[v][i] - z[v][site]; s += weights[d] * dd * dd } }
            return s / Double(m)
        }
    }

    /// Lee's local L: the product of the lags of zx and zy, by shared draws or per site.
    static func sharedProduct(zx: [Double], zy: [Double], weights w: SpatialWeights, observed: [Double], permutations r: Int, seed: UInt64,
                              draws: ConditionalRandomisation.Draws, threads: Int) throws -> [Double] {
        let n = zx.count
        guard r > 0 else { return [Double](repeating: .nan, count: n) }
        let island = (0..<n).map { w.offsets[$0] == w.offsets[$0 + 1] }
        let common = draws == .shared ? SharedDraws.commonWeights(w, skip: island) : [Double](repeating: .nan, count: n)
        var p = SharedDraws.pValuesBySums(variables: [zx, zy], weights: w, common: common, observed: observed, permutations: r, seed: seed,
                                          threads: threads) { _, _, w0, s1, _ in (w0 * s1[0]) * (w0 * s1[1]) }
        let rest = (0..<n).filter { !island[$0] && common[$0].isNaN }
        if !rest.isEmpty {
            let q = SharedDraws.perSite(weights: w, sites: rest, observed: observed, permutations: r, seed: seed &+ 0x9E37_79B9_7F4A_7C15) { _, drawn, weights in
                var a = 0.0, b = 0.0
                for (d, site) in drawn.enumerated() { a += weights[d] * zx[site]; b += weights[d] * zy[site] }
                return a * b
            }
            for (k, i) in rest.enumerated() { p[i] = q[k] }
        }
        return p
    }
}
