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

    /// Labels at significance `alpha`.
    public func clusters(alpha: Double) -> [Cluster] {
        let finite = values.enumerated().filter { !isIsland[$0.offset] }.map(\.element)
        let mean = finite.reduce(0, +) / Double(max(finite.count, 1))
        return (0..<values.count).map { i in
            if isIsland[i] { return .island }
            if pSim[i].isNaN { return .notTested }
            guard pSim[i] <= alpha else { return .notSignificant }
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

    /// Shared draws per cardinality; every draw evaluated for every area of that cardinality.
    static func sharedGeary(z: [[Double]], weights w: SpatialWeights, common: [Double], observed: [Double], permutations r: Int,
                            seed: UInt64, threads: Int) -> [Double] {
        let n = observed.count, m = z.count
        var p = [Double](repeating: .nan, count: n)
        var byK: [Int: [Int]] = [:]
        for i in 0..<n where !common[i].isNaN { byK[w.offsets[i + 1] - w.offsets[i], default: []].append(i) }
        let ks = byK.keys.sorted()
        let block = SharedDraws.block
        let blocksPerK = (r + block - 1) / block
        let streams = Xoshiro256.streams(seed: seed, count: ks.count * blocksPerK)
        for (kIndex, k) in ks.enumerated() {
            let sites = byK[k]!
            // S1 and S2 per draw and variable (draw-major), and each draw's slots.
            var s1 = [Double](repeating: 0, count: r * m), s2 = s1
            var members = [Int32](repeating: 0, count: r * k)
            s1.withUnsafeMutableBufferPointer { a in s2.withUnsafeMutableBufferPointer { b in members.withUnsafeMutableBufferPointer { mm in
                let s1Out = a, s2Out = b, mOut = mm
                DispatchQueue.concurrentPerform(iterations: min(max(1, threads), blocksPerK)) { t in
                    var blockIndex = t
                    let pool = UnsafeMutablePointer<Int32>.allocate(capacity: n - 1)
                    defer { pool.deallocate() }
                    while blockIndex < blocksPerK {
                        var g = HalfDraws(streams[kIndex * blocksPerK + blockIndex])
                        for s in 0..<(n - 1) { pool[s] = Int32(s) }
                        for draw in (blockIndex * block)..<min(r, (blockIndex + 1) * block) {
                            for d in 0..<k {
                                let j = d + Int(g.bounded(UInt32(n - 1 - d)))
                                let s = pool[j]; pool[j] = pool[d]; pool[d] = s
                                mOut[draw * k + d] = s
                                for v in 0..<m { let x = z[v][Int(s)]; s1Out[draw * m + v] += x; s2Out[draw * m + v] += x * x }
                            }
                        }
                        blockIndex += min(max(1, threads), blocksPerK)
                    }
                }
            } } }
            // Which draws hold each area's slot.
            var holds = [[Int32]](repeating: [], count: sites.count)
            var position = [Int: Int]()
            for (a, i) in sites.enumerated() where i < n - 1 { position[i] = a }
            for draw in 0..<r { for d in 0..<k { if let a = position[Int(members[draw * k + d])] { holds[a].append(Int32(draw)) } } }
            let chunk = max(1, (sites.count + 4 * threads - 1) / (4 * max(1, threads)))
            let chunks = (sites.count + chunk - 1) / chunk
            p.withUnsafeMutableBufferPointer { pBuf in
                let pOut = pBuf
                DispatchQueue.concurrentPerform(iterations: chunks) { ch in
                    for a in (ch * chunk)..<min(sites.count, (ch + 1) * chunk) {
                        let i = sites[a], w0 = common[i], obs = observed[i], kd = Double(k)
                        var zi = [Double](repeating: 0, count: m), base = 0.0
                        for v in 0..<m { zi[v] = z[v][i]; base += kd * zi[v] * zi[v] }
                        func sim(_ draw: Int, shifted: Bool) -> Double {
                            var s = base
                            for v in 0..<m {
                                var a1 = s1[draw * m + v], a2 = s2[draw * m + v]
                                if shifted { let last = z[v][n - 1]; a1 += last - zi[v]; a2 += last * last - zi[v] * zi[v] }
                                s += a2 - 2 * zi[v] * a1
                            }
                            return w0 * s / Double(m)
                        }
                        var atLeast = 0, atMost = 0
                        var hold = holds[a].makeIterator()
                        var next = hold.next().map(Int.init) ?? -1
                        for draw in 0..<r {
                            let shifted = draw == next
                            if shifted { next = hold.next().map(Int.init) ?? -1 }
                            let x = sim(draw, shifted: shifted)
                            if x >= obs { atLeast += 1 }
                            if x <= obs { atMost += 1 }
                        }
                        pOut[i] = PermutationKernel.foldedP(atLeast: atLeast, atMost: atMost, permutations: r)
                    }
                }
            }
        }
        return p
    }

    /// Per-site simulation (areas whose neighbours weigh differently).
    static func perSiteGeary(z: [[Double]], weights w: SpatialWeights, sites: [Int], observed: [Double], permutations r: Int, seed: UInt64) -> [Double] {
        let n = observed.count, m = z.count
        let streams = Xoshiro256.streams(seed: seed, count: sites.count)
        var pool = (0..<(n - 1)).map { Int32($0) }
        return sites.enumerated().map { a, i in
            var g = HalfDraws(streams[a])
            let lo = w.offsets[i], k = w.offsets[i + 1] - lo
            var atLeast = 0, atMost = 0
            for _ in 0..<r {
                var s = 0.0
                for d in 0..<k {
                    let j = d + Int(g.bounded(UInt32(n - 1 - d)))
                    let drawn = pool[j]; pool[j] = pool[d]; pool[d] = drawn
                    var site = Int(drawn)
                    if site >= i { site += 1 }
                    for v in 0..<m { let dd = z[v][i] - z[v][site]; s += w.weights[lo + d] * dd * dd }
                }
                let x = s / Double(m)
                if x >= observed[i] { atLeast += 1 }
                if x <= observed[i] { atMost += 1 }
            }
            return PermutationKernel.foldedP(atLeast: atLeast, atMost: atMost, permutations: r)
        }
    }
}
