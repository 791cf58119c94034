/// Getis–Ord statistics (Getis & Ord 1992; Ord & Getis 1995), as esda `G` and `G_Local`.
///
/// Global G = ΣΣᵢ≠ⱼ wᵢⱼyᵢyⱼ / ΣΣᵢ≠ⱼ yᵢyⱼ (binary weights), E[G] = S0/(n(n−1)), Var[G] from the
/// moments b₀…b₄ of Getis & Ord (1992). Local Gᵢ (j ≠ i) and G*ᵢ (i included, wᵢᵢ = 1) with
/// z-scores (ΣⱼwᵢⱼYⱼ − Wᵢx̄)/(s·√((n′S1ᵢ − Wᵢ²)/(n′ − 1))) over the n′ values used (the others for
/// Gᵢ, all for G*ᵢ); with binary weights this is Getis & Ord's binary formula, and it stays
/// correct for non-binary weights.
public enum GetisOrd {
    /// Global G of y (values ≥ 0) under weights w (binary by convention), with permutations.
    public static func global(_ y: [Double], weights w: SpatialWeights, permutations: Int = 0, seed: UInt64 = 1,
                              threads: Int = Parallelism.threads) throws -> GlobalStatistic {
        try SimulationLimits.check(permutations, in: SimulationLimits.permutations, what: "the number of permutations")
        try Moran.validate(y, weights: w)
        if y.contains(where: { $0 < 0 }) { throw EquityError.unusableData("Getis–Ord G needs values of zero or more") }
        let n = Double(y.count)
        let (s0, s1, s2) = w.moments
        var num = 0.0
        for i in 0..<w.count {
            for k in w.offsets[i]..<w.offsets[i + 1] { num += w.weights[k] * y[i] * y[Int(w.neighbours[k])] }
        }
        let y1 = y.reduce(0, +), y2 = y.reduce(0) { $0 + $1 * $1 }
        let y3 = y.reduce(0) { $0 + $1 * $1 * $1 }, y4 = y.reduce(0) { $0 + $1 * $1 * $1 * $1 }
        let den = y1 * y1 - y2
        let g = num / den
        let eg = s0 / (n * (n - 1))
        let b0 = (n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0
        let b1 = -((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)
        let b2 = -(2 * n * s1 - (n + 3) * s2 + 6 * s0 * s0)
        let b3 = 4 * (n - 1) * s1 - 2 * (n + 1) * s2 + 8 * s0 * s0
        let b4 = s1 - s2 + s0 * s0
        let eg2 = (b0 * y2 * y2 + b1 * y4 + b2 * y1 * y1 * y2 + b3 * y1 * y3 + b4 * y1 * y1 * y1 * y1)
            / (den * den * n * (n - 1) * (n - 2) * (n - 3))
        let vg = eg2 - eg * eg
        var result = GlobalStatistic(name: "getis_ord_g", n: y.count, value: g, expected: eg, varianceNormality: vg,
                                     varianceRandomisation: vg, permutations: permutations, pSim: .nan, meanSim: .nan, sdSim: .nan,
                                     islands: w.islands.count)
        if permutations > 0 {
            let out = PermutationKernel.run(values: y, weights: w, permutations: permutations, seed: seed, threads: threads)
            let sim = out.quadratic.map { $0 / den }
            result.pSim = PermutationKernel.foldedP(sim, observed: g)
            (result.meanSim, result.sdSim) = PermutationKernel.meanAndSD(sim)
        }
        return result
    }

    /// Local Gᵢ or G*ᵢ per area: the statistic, its z-score, and a note where z is undefined.
    public struct Local: Sendable, Equatable {
        /// Gᵢ (or G*ᵢ) per area.
        public var g: [Double]
        /// NaN where undefined (see `notes`).
        public var z: [Double]
        /// Pseudo p-values by conditional randomisation (NaN without permutations or for islands).
        public var pSim: [Double]
        /// Why z or G is undefined for an area (empty otherwise).
        public var notes: [String]
        /// Whether each area has no neighbours (no statistic, never significant).
        public var isIsland: [Bool]

        /// Labels as GeoDa's local G / G* cluster map: where p_sim is significant at α (after a
        /// Bonferroni or FDR correction over the areas tested), High-High where Gᵢ is above its
        /// expectation (z > 0) and Low-Low below it.
        public func clusters(alpha: Double, correction: MultipleTesting.Correction = .none) -> [LocalCluster] {
            let significant = MultipleTesting.significant((0..<pSim.count).map { isIsland[$0] ? .nan : pSim[$0] },
                                                          alpha: alpha, correction: correction)
            return (0..<pSim.count).map { i in
                if isIsland[i] { return .island }
                if pSim[i].isNaN { return .notTested }
                return significant[i] ? LocalCluster(z[i], z[i]) : .notSignificant
            }
        }
    }

    /// Local Gᵢ or G*ᵢ values and z-scores. For G*ᵢ each area joins its own neighbourhood with
    /// original weight 1 *before* the weights' transform (esda `G_Local(star=True)`, spdep
    /// `localG(include.self(nb))`): row-standardised, every entry of a row of k neighbours is
    /// 1/(k + 1). Means and variances by two passes (Gᵢ: the whole set's, downdated for area i),
    /// so nearly equal values give finite z-scores; where the other areas' values are all
    /// equal, or an area has no neighbour, z is undefined (NaN, with a note).
    ///
    /// With `permutations`, each area's pseudo p-value comes from conditional randomisation
    /// (`ConditionalRandomisation`): its neighbours' values are drawn from the other n − 1 areas
    /// (for G*ᵢ the area's own term stays fixed), as esda's `G_Local(permutations=…)`.
    public static func local(_ y: [Double], weights: SpatialWeights, star: Bool, permutations: Int = 0, seed: UInt64 = 1,
                             draws: ConditionalRandomisation.Draws = .shared,
                             threads: Int = Parallelism.threads) throws -> Local {
        try SimulationLimits.check(permutations, in: SimulationLimits.permutations, what: "the number of permutations")
        try Moran.validate(y, weights: weights)
        try weights.requireNoSelfLinks()
        let w = star ? weights.includingSelf() : weights
        let n = y.count
        let nd = Double(n)
        let total = y.reduce(0, +)
        let mean = total / nd
        let m2 = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        var g = [Double](repeating: .nan, count: n), z = g
        var notes = [String](repeating: "", count: n)
        var island = [Bool](repeating: false, count: n)
        for i in 0..<n {
            if w.offsets[i] == w.offsets[i + 1] || (star && w.offsets[i + 1] - w.offsets[i] == 1) {
                notes[i] = "island: no neighbours"
                island[i] = true
                continue
            }
            var wy = 0.0, wi = 0.0, s1i = 0.0
            for k in w.offsets[i]..<w.offsets[i + 1] {
                let wk = w.weights[k]
                wy += wk * y[Int(w.neighbours[k])]
                wi += wk
                s1i += wk * wk
            }
            let m: Double, localMean: Double, variance: Double, denominator: Double
            if star {
                m = nd
                localMean = mean
                variance = m2 / nd
                denominator = total
            } else {
                // Without area i: mean and sum of squares downdated (Welford).
                m = nd - 1
                let d = y[i] - mean
                localMean = mean - d / m
                variance = max(0, m2 - d * d * nd / m) / m
                denominator = total - y[i]
            }
            g[i] = wy / denominator
            let spread = (m * s1i - wi * wi) / (m - 1)
            if !(variance > 1e-26 * max(localMean * localMean, 1e-300)) || !(spread > 0) {
                notes[i] = "z undefined: the values it is compared with are all equal"
                continue
            }
            z[i] = (wy - wi * localMean) / (variance.squareRoot() * spread.squareRoot())
            if !g[i].isFinite { g[i] = .nan; notes[i] = "G undefined: the other areas' values sum to zero" }
        }
        var pSim = [Double](repeating: .nan, count: n)
        if permutations > 0 {
            // Neighbour links without the self link (G*: weights as transformed with it), and
            // the fixed self term as an offset.
            var offsets = [0], neighbours: [Int32] = [], linkWeights: [Double] = []
            var scale = [Double](repeating: 0, count: n), offset = scale
            var skip = [Bool](repeating: false, count: n)
            for i in 0..<n {
                let denominator = star ? total : total - y[i]
                scale[i] = 1 / denominator
                for k in w.offsets[i]..<w.offsets[i + 1] {
                    if Int(w.neighbours[k]) == i { offset[i] = w.weights[k] * y[i] / denominator; continue }
                    neighbours.append(w.neighbours[k])
                    linkWeights.append(w.weights[k])
                }
                offsets.append(neighbours.count)
                skip[i] = offsets[i + 1] == offsets[i] || g[i].isNaN
            }
            let links = SpatialWeights(ids: w.ids, offsets: offsets, neighbours: neighbours, original: linkWeights)
            pSim = ConditionalRandomisation.pValues(values: y, weights: links, scale: scale, offset: offset, observed: g,
                                                    skip: skip, permutations: permutations, seed: seed, threads: threads, draws: draws)
        }
        return Local(g: g, z: z, pSim: pSim, notes: notes, isIsland: island)
    }
}
