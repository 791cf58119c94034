import Dispatch

/// Lee's L, the bivariate spatial association measure that joins Pearson's r and Moran's I (Lee
/// 2001, *Developing a bivariate spatial association measure*, J. Geogr. Syst. 3: 369–385; esda
/// `Spatial_Pearson`, `Spatial_Pearson_Local`). With x and y standardised by their population
/// standard deviations and V the row-standardised weights:
///
/// - global: L = (Vzx)ᵀ(Vzy) / (1ᵀVᵀV1) — the (x, y) entry of esda's `association_`; L_xx and
///   L_yy are the spatial smoothing scalars. Permutation inference shuffles the (x, y) pairs over
///   the areas;
/// - local: Lᵢ = (Vzx)ᵢ·(Vzy)ᵢ, with conditional randomisation drawing (x, y) pairs from the
///   other n − 1 areas (shared draws where the weights allow).
///
/// p_sim by the folded rule with ties counting against significance.
public struct LeesL: Sendable, Equatable {
    /// L_xy.
    public var value: Double
    /// L_xx and L_yy.
    public var lxx: Double, lyy: Double
    /// Permutations run, and p_sim (NaN without).
    public var permutations: Int
    /// Pseudo p-value.
    public var pSim: Double
    /// Local Lᵢ (empty unless computed).
    public var local: [Double]
    /// Local pseudo p-values.
    public var localPSim: [Double]
    /// The spatially smoothed standardised values (Vzx)ᵢ and (Vzy)ᵢ whose product is Lᵢ (empty
    /// unless local statistics were computed): their signs place an area in a quadrant.
    public var smoothedX: [Double] = [], smoothedY: [Double] = []
    /// Whether each area has no neighbours (empty unless local statistics were computed).
    public var isIsland: [Bool] = []

    /// Local labels, as the bivariate LISA's: where p_sim is significant at α (after a Bonferroni
    /// or FDR correction over the areas tested), the quadrant of ((Vzx)ᵢ, (Vzy)ᵢ). Lᵢ > 0 in
    /// High-High and Low-Low (x and y smoothed alike), Lᵢ < 0 in High-Low and Low-High.
    public func clusters(alpha: Double, correction: MultipleTesting.Correction = .none) -> [LocalCluster] {
        let n = local.count
        let significant = MultipleTesting.significant((0..<n).map { isIsland[$0] ? .nan : localPSim[$0] },
                                                      alpha: alpha, correction: correction)
        return (0..<n).map { i in
            if isIsland[i] { return .island }
            if localPSim[i].isNaN { return .notTested }
            return significant[i] ? LocalCluster(smoothedX[i], smoothedY[i]) : .notSignificant
        }
    }

    static func standardised(_ v: [Double]) -> [Double] {
        let n = Double(v.count)
        let m = v.reduce(0, +) / n
        let sd = (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / n).squareRoot()
        return v.map { ($0 - m) / sd }
    }

    /// Global Lee's L (and, with `local`, every area's Lᵢ) of x and y.
    public static func compute(x: [Double], y: [Double], weights: SpatialWeights, permutations: Int = 0, local: Bool = false, seed: UInt64 = 1,
                               draws: ConditionalRandomisation.Draws = .shared, threads: Int = Parallelism.threads) throws -> LeesL {
        try SimulationLimits.check(permutations, in: SimulationLimits.permutations, what: "the number of permutations")
        try Moran.validate(x, weights: weights)
        try Moran.validate(y, weights: weights)
        let w = weights.transformed(.R)
        let n = x.count
        let zx = standardised(x), zy = standardised(y)
        // 1ᵀVᵀV1 = Σ (row sums of V)² (n less the islands, for row-standardised weights).
        var den = 0.0
        for i in 0..<n {
            var r = 0.0
            for k in w.offsets[i]..<w.offsets[i + 1] { r += w.weights[k] }
            den += r * r
        }
        func lagProduct(_ a: [Double], _ b: [Double]) -> Double {
            let la = w.lag(a), lb = w.lag(b)
            var s = 0.0
            for i in 0..<n { s += la[i] * lb[i] }
            return s / den
        }
        let lxy = lagProduct(zx, zy)
        var result = LeesL(value: lxy, lxx: lagProduct(zx, zx), lyy: lagProduct(zy, zy), permutations: permutations, pSim: .nan,
                           local: [], localPSim: [])
        if permutations > 0 {
            // Whole-map permutations of the (x, y) pairs, one stream per batch of 64.
            let batches = (permutations + 63) / 64
            let streams = Xoshiro256.streams(seed: seed, count: batches)
            var ge = [Int](repeating: 0, count: batches), le = ge
            ge.withUnsafeMutableBufferPointer { geBuf in le.withUnsafeMutableBufferPointer { leBuf in
                let geOut = geBuf, leOut = leBuf
                DispatchQueue.concurrentPerform(iterations: min(max(1, threads), batches)) { t in
                    var b = t
                    var order = Array(0..<n), px = [Double](repeating: 0, count: n), py = px
                    while b < batches {
                        var g = HalfDraws(streams[b])
                        for _ in (b * 64)..<min(permutations, (b + 1) * 64) {
                            var i = n - 1
                            while i > 0 { let j = Int(g.bounded(UInt32(i + 1))); order.swapAt(i, j); i -= 1 }
                            for k in 0..<n { px[k] = zx[order[k]]; py[k] = zy[order[k]] }
                            var s = 0.0
                            for a in 0..<n {
                                var la = 0.0, lb = 0.0
                                for k in w.offsets[a]..<w.offsets[a + 1] { let j = Int(w.neighbours[k]); la += w.weights[k] * px[j]; lb += w.weights[k] * py[j] }
                                s += la * lb
                            }
                            let sim = s / den
                            if sim >= lxy { geOut[b] += 1 }
                            if sim <= lxy { leOut[b] += 1 }
                        }
                        b += min(max(1, threads), batches)
                    }
                }
            } }
            result.pSim = PermutationKernel.foldedP(atLeast: ge.reduce(0, +), atMost: le.reduce(0, +), permutations: permutations)
        }
        if local {
            try w.requireNoSelfLinks()
            let la = w.lag(zx), lb = w.lag(zy)
            result.local = (0..<n).map { la[$0] * lb[$0] }
            result.smoothedX = la
            result.smoothedY = lb
            result.isIsland = (0..<n).map { w.offsets[$0] == w.offsets[$0 + 1] }
            // Each area's simulated Lᵢ is (w·Sx)(w·Sy) of a draw's sums: evaluated per draw.
            result.localPSim = try LocalGeary.sharedProduct(zx: zx, zy: zy, weights: w, observed: result.local, permutations: permutations,
                                                            seed: seed &+ 1, draws: draws, threads: threads)
        }
        return result
    }
}
