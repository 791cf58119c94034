import Dispatch

/// Conditional randomisation with draws shared across sites (the idea behind GeoDa's
/// lookup-table method, made exact): a site's permutation distribution depends on it only
/// through its number of neighbours k and its (equal) weights, so one set of R random k-subsets
/// serves every site with k neighbours.
///
/// Exactness — how a site's own value is excluded. The R subsets T_r are drawn uniformly from
/// the n − 1 slots {0, …, n − 2}. For site i, slot s stands for site s, except slot i, which
/// stands for site n − 1 (for site n − 1 every slot is itself). This map f_i is a bijection from
/// the slots onto the sites other than i, so f_i(T_r) is a uniformly random k-subset of the
/// other n − 1 sites, independently for each r: site i's simulated values have exactly the
/// distribution of per-site conditional randomisation (Anselin 1995; esda `crand`). Only the
/// dependence between different sites' simulations changes, which no per-site p-value uses.
///
/// Counting. With S_r = Σ_{s∈T_r} v_s, site i's permuted lag sum is S_r, or S_r − v_i + v_{n−1}
/// in the ≈ R·k/(n − 1) draws whose subset holds slot i. Its statistic a_i·(w_i·S) + c_i is
/// monotone in S, so the number of draws at least (at most) as extreme as the observed value is
/// a binary search in the sorted S_r, corrected for the draws holding slot i: O(log R + R·k/n)
/// per site instead of O(R·k).
///
/// Determinism: the draws for cardinality k come in blocks of 8,192, block b of the j-th
/// smallest cardinality from the seed's stream jumped (Σ blocks of smaller cardinalities + b)
/// times — the same p-values on any number of threads.
enum SharedDraws {
    static let block = 8192

    /// Sites that can share draws: at least one neighbour and all of their weights equal and
    /// positive. Returns the common weight per site (NaN where not eligible).
    static func commonWeights(_ w: SpatialWeights, skip: [Bool]) -> [Double] {
        (0..<w.count).map { i in
            let lo = w.offsets[i], hi = w.offsets[i + 1]
            guard !skip[i], hi > lo else { return .nan }
            let w0 = w.weights[lo]
            guard w0 > 0, w0.isFinite else { return .nan }
            for k in lo..<hi where w.weights[k] != w0 { return .nan }
            return w0
        }
    }

    /// Folded pseudo p-values for the eligible sites (`common[i]` not NaN); NaN elsewhere.
    static func pValues(values v: [Double], weights w: SpatialWeights, common: [Double], scale: [Double], offset: [Double],
                        observed: [Double], permutations r: Int, seed: UInt64, threads: Int) -> [Double] {
        let n = v.count
        var p = [Double](repeating: .nan, count: n)
        guard r > 0, n > 1 else { return p }
        // Sites by cardinality.
        var byK: [Int: [Int]] = [:]
        for i in 0..<n where !common[i].isNaN { byK[w.offsets[i + 1] - w.offsets[i], default: []].append(i) }
        let ks = byK.keys.sorted()
        let blocksPerK = (r + block - 1) / block
        let streams = Xoshiro256.streams(seed: seed, count: ks.count * blocksPerK)
        let workers = max(1, threads)
        let last = v[n - 1]
        var siteSlot = [Int32](repeating: -1, count: n) // position of a site among its cardinality's sites
        for (kIndex, k) in ks.enumerated() {
            let sites = byK[k]!
            for (a, i) in sites.enumerated() { siteSlot[i] = Int32(a) }
            var sums = [Double](repeating: 0, count: r)
            var members = [Int32](repeating: 0, count: r * k)
            // 1. Draw R k-subsets of the n − 1 slots.
            sums.withUnsafeMutableBufferPointer { sBuf in
            members.withUnsafeMutableBufferPointer { mBuf in
            v.withUnsafeBufferPointer { vb in
                let sOut = sBuf, mOut = mBuf
                DispatchQueue.concurrentPerform(iterations: min(workers, blocksPerK)) { t in
                    let usePool = k > 64 || 4 * k > n - 1
                    let pool = usePool ? UnsafeMutablePointer<Int32>.allocate(capacity: n - 1) : nil
                    defer { pool?.deallocate() }
                    var b = t
                    while b < blocksPerK {
                        var g = HalfDraws(streams[kIndex * blocksPerK + b])
                        if let pool { for s in 0..<(n - 1) { pool[s] = Int32(s) } }
                        for draw in (b * block)..<min(r, (b + 1) * block) {
                            let m = mOut.baseAddress! + draw * k
                            var acc = 0.0
                            if let pool {
                                for d in 0..<k {
                                    let j = d + Int(g.bounded(UInt32(n - 1 - d)))
                                    let s = pool[j]; pool[j] = pool[d]; pool[d] = s
                                    m[d] = s
                                    acc += vb[Int(s)]
                                }
                            } else {
                                // Rejection: k distinct slots, each uniform given the earlier ones.
                                var d = 0
                                while d < k {
                                    let s = Int32(g.bounded(UInt32(n - 1)))
                                    var seen = false
                                    for e in 0..<d where m[e] == s { seen = true; break }
                                    if seen { continue }
                                    m[d] = s
                                    acc += vb[Int(s)]
                                    d += 1
                                }
                            }
                            sOut[draw] = acc
                        }
                        b += min(workers, blocksPerK)
                    }
                }
            }
            }
            }
            // 2. The draws holding each of these sites' slots (counting sort by site).
            var start = [Int](repeating: 0, count: sites.count + 1)
            for s in members where siteSlot[Int(s)] >= 0 && Int(s) < n - 1 { start[Int(siteSlot[Int(s)]) + 1] += 1 }
            for a in 0..<sites.count { start[a + 1] += start[a] }
            var fill = start
            var holding = [Int32](repeating: 0, count: start[sites.count])
            for draw in 0..<r {
                for d in 0..<k {
                    let s = Int(members[draw * k + d])
                    let a = Int(siteSlot[s])
                    if a >= 0 && s < n - 1 { holding[fill[a]] = Int32(draw); fill[a] += 1 }
                }
            }
            let sorted = sums.sorted()
            // 3. Count per site.
            p.withUnsafeMutableBufferPointer { pBuf in
                let pOut = pBuf
                sorted.withUnsafeBufferPointer { sortedBuf in
                sums.withUnsafeBufferPointer { sumBuf in
                holding.withUnsafeBufferPointer { hold in
                    let chunk = max(1, (sites.count + workers * 4 - 1) / (workers * 4))
                    let chunks = (sites.count + chunk - 1) / chunk
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        for a in (c * chunk)..<min(sites.count, (c + 1) * chunk) {
                            let i = sites[a]
                            let sc = scale[i], w0 = common[i], off = offset[i], obs = observed[i]
                            @inline(__always) func sim(_ s: Double) -> Double { sc * (w0 * s) + off }
                            var atLeast: Int, atMost: Int
                            if sc == 0 {
                                atLeast = off >= obs ? r : 0
                                atMost = off <= obs ? r : 0
                            } else {
                                // First index where a monotone predicate turns true (or false).
                                func boundary(_ pred: (Double) -> Bool) -> Int {
                                    var lo = 0, hi = r
                                    while lo < hi { let mid = (lo + hi) >> 1; if pred(sortedBuf[mid]) { hi = mid } else { lo = mid + 1 } }
                                    return lo
                                }
                                if sc > 0 {
                                    atLeast = r - boundary { sim($0) >= obs }
                                    atMost = boundary { sim($0) > obs }
                                } else {
                                    atLeast = boundary { sim($0) < obs }
                                    atMost = r - boundary { sim($0) <= obs }
                                }
                            }
                            if i < n - 1 {
                                let shift = last - v[i]
                                for h in start[a]..<start[a + 1] {
                                    let s = sumBuf[Int(hold[h])]
                                    let before = sim(s), after = sim(s + shift)
                                    atLeast += (after >= obs ? 1 : 0) - (before >= obs ? 1 : 0)
                                    atMost += (after <= obs ? 1 : 0) - (before <= obs ? 1 : 0)
                                }
                            }
                            pOut[i] = PermutationKernel.foldedP(atLeast: atLeast, atMost: atMost, permutations: r)
                        }
                    }
                }
                }
                }
            }
            for i in sites { siteSlot[i] = -1 }
        }
        return p
    }

    /// Pseudo p-values of a statistic that depends on a draw through the sums S₁ᵥ = Σ zᵥⱼ and
    /// S₂ᵥ = Σ zᵥⱼ² of each variable over the drawn neighbours (local Geary, Lee's Lᵢ): shared
    /// draws per cardinality as `pValues`, every draw evaluated for every site of that
    /// cardinality (O(n·R)). `simulate(i, k, w, S₁, S₂)` gives the statistic of site i with k
    /// neighbours of weight w; the sums are already corrected for the site's own slot.
    static func pValuesBySums(variables z: [[Double]], weights w: SpatialWeights, common: [Double], observed: [Double], permutations r: Int,
                              seed: UInt64, threads: Int,
                              simulate: @escaping (Int, Int, Double, UnsafePointer<Double>, UnsafePointer<Double>) -> Double) -> [Double] {
        let n = observed.count, m = z.count
        var p = [Double](repeating: .nan, count: n)
        guard r > 0, n > 1 else { return p }
        var byK: [Int: [Int]] = [:]
        for i in 0..<n where !common[i].isNaN { byK[w.offsets[i + 1] - w.offsets[i], default: []].append(i) }
        let ks = byK.keys.sorted()
        let blocksPerK = (r + block - 1) / block
        let streams = Xoshiro256.streams(seed: seed, count: ks.count * blocksPerK)
        let workers = max(1, threads)
        for (kIndex, k) in ks.enumerated() {
            let sites = byK[k]!
            var s1 = [Double](repeating: 0, count: r * m), s2 = s1
            var members = [Int32](repeating: 0, count: r * k)
            s1.withUnsafeMutableBufferPointer { a in s2.withUnsafeMutableBufferPointer { b in members.withUnsafeMutableBufferPointer { mm in
                let s1Out = a, s2Out = b, mOut = mm
                DispatchQueue.concurrentPerform(iterations: min(workers, blocksPerK)) { t in
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
                        blockIndex += min(workers, blocksPerK)
                    }
                }
            } } }
            var holds = [[Int32]](repeating: [], count: sites.count)
            var position = [Int: Int]()
            for (a, i) in sites.enumerated() where i < n - 1 { position[i] = a }
            for draw in 0..<r { for d in 0..<k { if let a = position[Int(members[draw * k + d])] { holds[a].append(Int32(draw)) } } }
            let chunk = max(1, (sites.count + 4 * workers - 1) / (4 * workers))
            let chunks = (sites.count + chunk - 1) / chunk
            p.withUnsafeMutableBufferPointer { pBuf in
                let pOut = pBuf
                DispatchQueue.concurrentPerform(iterations: chunks) { ch in
                    let a1 = UnsafeMutablePointer<Double>.allocate(capacity: m), a2 = UnsafeMutablePointer<Double>.allocate(capacity: m)
                    defer { a1.deallocate(); a2.deallocate() }
                    for a in (ch * chunk)..<min(sites.count, (ch + 1) * chunk) {
                        let i = sites[a], w0 = common[i], obs = observed[i]
                        var atLeast = 0, atMost = 0
                        var hold = holds[a].makeIterator()
                        var next = hold.next().map(Int.init) ?? -1
                        for draw in 0..<r {
                            let shifted = draw == next
                            if shifted { next = hold.next().map(Int.init) ?? -1 }
                            for v in 0..<m {
                                a1[v] = s1[draw * m + v]; a2[v] = s2[draw * m + v]
                                if shifted { let last = z[v][n - 1], zi = z[v][i]; a1[v] += last - zi; a2[v] += last * last - zi * zi }
                            }
                            let x = simulate(i, k, w0, a1, a2)
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

    /// Per-site conditional randomisation of any statistic of the site, its drawn neighbour sites
    /// and its row weights: `simulate(i, drawnSites, rowWeights)`. One stream per site.
    static func perSite(weights w: SpatialWeights, sites: [Int], observed: [Double], permutations r: Int, seed: UInt64,
                        simulate: (Int, [Int], [Double]) -> Double) -> [Double] {
        let n = observed.count
        let streams = Xoshiro256.streams(seed: seed, count: max(1, sites.count))
        var pool = (0..<(n - 1)).map { Int32($0) }
        return sites.enumerated().map { a, i in
            var g = HalfDraws(streams[a])
            let lo = w.offsets[i], k = w.offsets[i + 1] - lo
            let rowWeights = Array(w.weights[lo..<(lo + k)])
            var drawn = [Int](repeating: 0, count: k)
            var atLeast = 0, atMost = 0
            for _ in 0..<r {
                for d in 0..<k {
                    let j = d + Int(g.bounded(UInt32(n - 1 - d)))
                    let s = pool[j]; pool[j] = pool[d]; pool[d] = s
                    var site = Int(s)
                    if site >= i { site += 1 }
                    drawn[d] = site
                }
                let x = simulate(i, drawn, rowWeights)
                if x >= observed[i] { atLeast += 1 }
                if x <= observed[i] { atMost += 1 }
            }
            return PermutationKernel.foldedP(atLeast: atLeast, atMost: atMost, permutations: r)
        }
    }
}
