import Dispatch

/// Conditional randomisation for local statistics (Anselin 1995; esda's `crand`): for site i,
/// each permutation draws |N(i)| values without replacement from the other n − 1 sites, puts
/// them on i's neighbours and evaluates the site's statistic — an affine function
/// `scale[i] · Σ_d w_{i,d} v[draw_d] + offset[i]` of the permuted lag (local Moran:
/// scale = c·zᵢ; local G: 1/Σⱼ≠ᵢ yⱼ; G*: the same with the fixed self term as offset).
///
/// p_sim by the folded rule with ties counting against significance
/// (`PermutationKernel.foldedP`). Sites are processed in fixed blocks of 64; block b draws from
/// the seed's xoshiro256** stream jumped b times and restarts its pool, so results do not depend
/// on the thread count.
public enum ConditionalRandomisation {
    /// How the permutations are drawn.
    public enum Draws: String, Sendable, CaseIterable {
        /// Shared across sites with the same number of neighbours and equal weights (exact; see
        /// `SharedDraws`), per site elsewhere. The default.
        case shared
        /// Every site simulated on its own (the method of esda's `crand` and of Equity ≤ 0.2).
        case perSite = "per-site"
    }

    /// Sites per random stream.
    static let block = 64

    /// Pseudo p-values per site (NaN where `skip` is set, e.g. islands).
    static func pValues(values v: [Double], weights w: SpatialWeights, scale: [Double], offset: [Double], observed: [Double],
                        skip: [Bool], permutations: Int, seed: UInt64, threads: Int, draws: Draws) -> [Double] {
        guard draws == .shared, permutations > 0 else {
            return perSite(values: v, weights: w, scale: scale, offset: offset, observed: observed, skip: skip,
                           permutations: permutations, seed: seed, threads: threads)
        }
        let common = SharedDraws.commonWeights(w, skip: skip)
        var p = SharedDraws.pValues(values: v, weights: w, common: common, scale: scale, offset: offset, observed: observed,
                                    permutations: permutations, seed: seed, threads: threads)
        let rest = (0..<v.count).map { skip[$0] || !common[$0].isNaN }
        if rest.contains(false) {
            // Sites whose neighbours weigh differently: simulated one by one (jumped past the shared streams).
            let q = perSite(values: v, weights: w, scale: scale, offset: offset, observed: observed, skip: rest,
                            permutations: permutations, seed: seed &+ 0x9E37_79B9_7F4A_7C15, threads: threads)
            for i in 0..<v.count where !rest[i] { p[i] = q[i] }
        }
        return p
    }

    /// Per-site conditional randomisation.
    static func perSite(values v: [Double], weights w: SpatialWeights, scale: [Double], offset: [Double], observed: [Double],
                        skip: [Bool], permutations: Int, seed: UInt64, threads: Int) -> [Double] {
        let n = v.count
        var p = [Double](repeating: .nan, count: n)
        guard permutations > 0, n > 1 else { return p }
        let blocks = (n + block - 1) / block
        let streams = Xoshiro256.streams(seed: seed, count: blocks)
        let workers = max(1, min(threads, blocks))
        p.withUnsafeMutableBufferPointer { pBuf in
            let pOut = pBuf
            v.withUnsafeBufferPointer { vb in
            w.offsets.withUnsafeBufferPointer { offsets in
            w.weights.withUnsafeBufferPointer { weights in
                DispatchQueue.concurrentPerform(iterations: workers) { t in
                    // Scratch for a partial Fisher–Yates over the other n − 1 sites (raw memory:
                    // an Array here would pay a uniqueness check on every swap).
                    let pool = UnsafeMutablePointer<Int32>.allocate(capacity: n - 1)
                    defer { pool.deallocate() }
                    var b = t
                    while b < blocks {
                        var g = HalfDraws(streams[b])
                        for k in 0..<(n - 1) { pool[k] = Int32(k) }
                        for i in (b * block)..<min(n, (b + 1) * block) where !skip[i] {
                            let lo = offsets[i], k = offsets[i + 1] - lo
                            let obs = observed[i], a = scale[i], c = offset[i]
                            var atLeast = 0, atMost = 0
                            for _ in 0..<permutations {
                                var acc = 0.0
                                for d in 0..<k {
                                    // Draw without replacement: swap a random remaining entry into place d.
                                    let j = d + Int(g.bounded(UInt32(n - 1 - d)))
                                    let drawn = pool[j]
                                    pool[j] = pool[d]
                                    pool[d] = drawn
                                    var site = Int(drawn)
                                    if site >= i { site += 1 } // never i itself
                                    acc += weights[lo + d] * vb[site]
                                }
                                let simulated = a * acc + c
                                if simulated >= obs { atLeast += 1 }
                                if simulated <= obs { atMost += 1 }
                            }
                            pOut[i] = PermutationKernel.foldedP(atLeast: atLeast, atMost: atMost, permutations: permutations)
                        }
                        b += workers
                    }
                }
            }
            }
            }
        }
        return p
    }
}
