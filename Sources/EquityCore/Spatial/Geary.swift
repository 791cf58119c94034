/// Geary's C with analytic moments and permutations, as esda `Geary` / spdep `geary.test`:
///
///     C = (n − 1)ΣΣwᵢⱼ(yᵢ − yⱼ)²/(2S0Σz²), E[C] = 1,
///     Var_N = ((2S1 + S2)(n − 1) − 4S0²)/(2(n + 1)S0²),
///     Var_R = [(n−1)S1(n² − 3n + 3 − (n−1)k) − ¼(n−1)S2(n² + 3n − 6 − (n² − n + 2)k)
///              + S0²(n² − 3 − (n−1)²k)]/(n(n−2)(n−3)S0²).
public enum Geary {
    /// Geary's C of y under weights w (already transformed), with permutations.
    public static func global(_ y: [Double], weights w: SpatialWeights, permutations: Int = 0, seed: UInt64 = 1,
                              threads: Int = Parallelism.threads) throws -> GlobalStatistic {
        try SimulationLimits.check(permutations, in: SimulationLimits.permutations, what: "the number of permutations")
        let centered = try Moran.Centred(y, weights: w)
        let (n, z, m2) = (centered.n, centered.z, centered.m2)
        let (s0, s1, s2) = w.moments
        var num = 0.0
        for i in 0..<w.count {
            for k in w.offsets[i]..<w.offsets[i + 1] {
                let d = y[i] - y[Int(w.neighbours[k])]
                num += w.weights[k] * d * d
            }
        }
        let c = (n - 1) * num / (2 * s0 * m2)
        let vn = ((2 * s1 + s2) * (n - 1) - 4 * s0 * s0) / (2 * (n + 1) * s0 * s0)
        let k = centered.kurtosis
        let vr = ((n - 1) * s1 * (n * n - 3 * n + 3 - (n - 1) * k)
            - 0.25 * (n - 1) * s2 * (n * n + 3 * n - 6 - (n * n - n + 2) * k)
            + s0 * s0 * (n * n - 3 - (n - 1) * (n - 1) * k)) / (n * (n - 2) * (n - 3) * s0 * s0)
        var result = GlobalStatistic(name: "geary", n: y.count, value: c, expected: 1, varianceNormality: vn, varianceRandomisation: vr,
                                     permutations: permutations, pSim: .nan, meanSim: .nan, sdSim: .nan, islands: w.islands.count)
        if permutations > 0 {
            let out = PermutationKernel.run(values: z, weights: w, permutations: permutations, seed: seed, wantDegree: true, threads: threads)
            let sim = (0..<permutations).map { (n - 1) * (out.squaredDegree[$0] - 2 * out.quadratic[$0]) / (2 * s0 * m2) }
            result.pSim = PermutationKernel.foldedP(sim, observed: c)
            (result.meanSim, result.sdSim) = PermutationKernel.meanAndSD(sim)
        }
        return result
    }
}
