/// The bivariate local Moran (Anselin, Syabri & Smirnov 2002; esda `Moran_Local_BV`, GeoDa):
/// Iᵢ = (n − 1)·zxᵢ·Σⱼ wᵢⱼzyⱼ / Σzx², with zx, zy standardised by their population standard
/// deviations — x at i against the spatial lag of y. Conditional randomisation permutes y over
/// the other n − 1 areas (shared draws where the weights allow, as for `LocalMoran`); clusters
/// by the signs of zxᵢ and the lag of zy.
public enum BivariateLocalMoran {
    /// Iᵢ, the lag of zy and pseudo p-values, in a `LocalMoran` (z holds zx).
    public static func compute(x: [Double], y: [Double], weights w: SpatialWeights, permutations: Int = 999, seed: UInt64 = 1,
                               draws: ConditionalRandomisation.Draws = .shared, threads: Int = Parallelism.threads) throws -> LocalMoran {
        try SimulationLimits.check(permutations, in: SimulationLimits.permutations, what: "the number of permutations")
        try Moran.validate(x, weights: w)
        try Moran.validate(y, weights: w)
        try w.requireNoSelfLinks()
        let n = x.count, nd = Double(n)
        func standardised(_ v: [Double]) -> [Double] {
            let m = v.reduce(0, +) / nd
            let sd = (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / nd).squareRoot()
            return v.map { ($0 - m) / sd }
        }
        let zx = standardised(x), zy = standardised(y)
        let den = zx.reduce(0) { $0 + $1 * $1 }
        let lag = w.lag(zy)
        let island = (0..<n).map { w.offsets[$0] == w.offsets[$0 + 1] }
        var values = [Double](repeating: 0, count: n), quadrant = [Int](repeating: 0, count: n)
        for i in 0..<n {
            values[i] = island[i] ? 0 : (nd - 1) * zx[i] * lag[i] / den
            let hz = zx[i] > 0, hl = lag[i] > 0
            quadrant[i] = hz && hl ? 1 : (!hz && hl ? 2 : (!hz && !hl ? 3 : 4))
        }
        let p = ConditionalRandomisation.pValues(values: zy, weights: w, scale: zx.map { (nd - 1) * $0 / den },
                                                 offset: [Double](repeating: 0, count: n), observed: values, skip: island,
                                                 permutations: permutations, seed: seed, threads: threads, draws: draws)
        return LocalMoran(z: zx, lag: lag, values: values, quadrant: quadrant, pSim: p, isIsland: island)
    }
}
