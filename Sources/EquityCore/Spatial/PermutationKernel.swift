import Dispatch

/// Random permutations of a value vector evaluated against sparse weights in batches: eight
/// permutations are shuffled (Fisher–Yates), interleaved, and the quadratic form pᵀWp (and, for
/// Geary, Σpᵢ²(wᵢ· + w·ᵢ)) of all eight is computed in one pass over the neighbour lists with
/// SIMD lanes, so each link is loaded once per batch. Each batch is a work unit with its own
/// jumped xoshiro256** stream: a seed gives the same statistics on any number of threads.
enum PermutationKernel {
    static let lanes = 8
    /// Layers larger than this shuffle in compact per-lane arrays (past the caches).
    static let compactThreshold = 65_536
    /// The most rows of lanes the fused pass keeps ahead of its sum (1 MB).
    static let ringCapacity = 16_384
    typealias Lanes = SIMD8<Double>

    struct Output {
        var quadratic: [Double] // pᵀWp per permutation
        var squaredDegree: [Double] // Σ pᵢ²(wᵢ· + w·ᵢ) per permutation (Geary)
    }

    /// Fisher–Yates shuffle with bounded draws from the generator (Lemire's method, exact).
    @inline(__always)
    static func shuffle(_ v: UnsafeMutablePointer<Double>, _ n: Int, _ g: inout HalfDraws) {
        var i = n - 1
        while i > 0 {
            let j = Int(g.bounded(UInt32(i + 1)))
            let t = v[i]; v[i] = v[j]; v[j] = t
            i -= 1
        }
    }

    static func shuffle(_ v: UnsafeMutablePointer<Double>, _ n: Int, _ g: inout Xoshiro256) {
        var h = HalfDraws(g)
        shuffle(v, n, &h)
        g = h.generator
    }

    static func run(values z: [Double], weights w: SpatialWeights, permutations: Int, seed: UInt64,
                    wantDegree: Bool = false, threads: Int = Parallelism.threads,
                    compactAbove: Int = compactThreshold, ringCapacity: Int = ringCapacity) -> Output {
        let n = z.count
        let batches = (permutations + lanes - 1) / lanes
        let streams = Xoshiro256.streams(seed: seed, count: batches)
        var quadratic = [Double](repeating: 0, count: batches * lanes)
        var squared = [Double](repeating: 0, count: wantDegree ? batches * lanes : 0)
        // Degree (wᵢ· + w·ᵢ) for Geary.
        var degree = [Double](repeating: 0, count: n)
        if wantDegree {
            for i in 0..<n {
                for k in w.offsets[i]..<w.offsets[i + 1] {
                    degree[i] += w.weights[k]
                    degree[Int(w.neighbours[k])] += w.weights[k]
                }
            }
        }
        // pᵀWp = Σᵢ wᵢᵢpᵢ² + Σ_{i<j} (wᵢⱼ + wⱼᵢ) pᵢpⱼ: each undirected link is visited once
        // (half the loads of the directed lists, which dominate the time).
        let upper = UpperLinks(w)
        let workers = max(1, min(threads, batches))
        // Past the caches the permutations are shuffled in compact per-lane arrays; when every
        // row's upper neighbours lie within a bandwidth the ring below holds (a lattice, or areas
        // in a spatial order), the lanes are then built in that ring just ahead of the sum.
        let compact = n > compactAbove
        var reach = [Int](repeating: 0, count: compact ? n : 0)
        var ringMask: Int? = nil
        if compact {
            var bandwidth = 0
            for i in 0..<n {
                var far = i
                for k in upper.offsets[i]..<upper.offsets[i + 1] { far = max(far, Int(upper.neighbours[k])) }
                reach[i] = far
                bandwidth = max(bandwidth, far - i)
            }
            let ring = 1 << (Int.bitWidth - bandwidth.leadingZeroBitCount)
            if ring <= ringCapacity { ringMask = ring - 1 }
        }
        let laneCount = ringMask.map { $0 + 1 } ?? n
        quadratic.withUnsafeMutableBufferPointer { qBuf in
            squared.withUnsafeMutableBufferPointer { sBuf in
                let qOut = qBuf, sOut = sBuf
                z.withUnsafeBufferPointer { zb in
                    upper.offsets.withUnsafeBufferPointer { off in
                        upper.neighbours.withUnsafeBufferPointer { nb in
                            upper.weights.withUnsafeBufferPointer { wt in
                                upper.diagonal.withUnsafeBufferPointer { diag in
                                    degree.withUnsafeBufferPointer { deg in
                                      reach.withUnsafeBufferPointer { reachBuf in
                                        DispatchQueue.concurrentPerform(iterations: workers) { t in
                                            let interleaved = UnsafeMutablePointer<Lanes>.allocate(capacity: laneCount)
                                            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: compact ? lanes * n : 1)
                                            defer { interleaved.deallocate(); scratch.deallocate() }
                                            var b = t
                                            while b < batches {
                                                var g = HalfDraws(streams[b])
                                                let lanePointer = UnsafeMutableRawPointer(interleaved).assumingMemoryBound(to: Double.self)
                                                for l in 0..<lanes {
                                                    // "Inside-out" Fisher–Yates: a uniformly random
                                                    // permutation of z. Past the caches (a million
                                                    // areas: 64 MB of lanes) it is built in a compact
                                                    // scratch array per lane, whose random accesses
                                                    // span n values rather than 8n, then interleaved
                                                    // in one pass (1M-square lattice: 10.3 → 5.3 ms
                                                    // per permutation); smaller layers shuffle in place.
                                                    // The same draws give the same permutation either way.
                                                    if compact {
                                                        let s = scratch + l * n
                                                        s[0] = zb[0]
                                                        for i in 1..<n {
                                                            let j = Int(g.bounded(UInt32(i + 1)))
                                                            s[i] = s[j]
                                                            s[j] = zb[i]
                                                        }
                                                    } else {
                                                        let a = lanePointer + l
                                                        a[0] = zb[0]
                                                        for i in 1..<n {
                                                            let j = Int(g.bounded(UInt32(i + 1)))
                                                            a[i * lanes] = a[j * lanes]
                                                            a[j * lanes] = zb[i]
                                                        }
                                                    }
                                                }
                                                var total = Lanes(repeating: 0)
                                                var sq = Lanes(repeating: 0)
                                                if let ringMask = ringMask {
                                                    // Fused: the eight permutations go into a small
                                                    // ring of lanes just ahead of the row being summed
                                                    // (each row's upper neighbours lie within the
                                                    // layer's bandwidth), so the 64 MB interleaved
                                                    // array is never written nor read back. The same
                                                    // sums in the same order as the unfused pass.
                                                    let ring = interleaved
                                                    var filled = 0
                                                    for i in 0..<n {
                                                        let need = reachBuf[i]
                                                        while filled <= need {
                                                            ring[filled & ringMask] = Lanes(scratch[filled], scratch[n + filled], scratch[2 * n + filled], scratch[3 * n + filled],
                                                                                            scratch[4 * n + filled], scratch[5 * n + filled], scratch[6 * n + filled], scratch[7 * n + filled])
                                                            filled += 1
                                                        }
                                                        let p = ring[i & ringMask]
                                                        var acc = p * Lanes(repeating: diag[i])
                                                        for k in off[i]..<off[i + 1] {
                                                            acc += ring[Int(nb[k]) & ringMask] * Lanes(repeating: wt[k])
                                                        }
                                                        total += p * acc
                                                        if wantDegree { sq += p * p * Lanes(repeating: deg[i]) }
                                                    }
                                                } else {
                                                    if compact {
                                                        // The eight permutations into the lanes in one
                                                        // sequential pass (eight read streams, one write).
                                                        for i in 0..<n {
                                                            interleaved[i] = Lanes(scratch[i], scratch[n + i], scratch[2 * n + i], scratch[3 * n + i],
                                                                                   scratch[4 * n + i], scratch[5 * n + i], scratch[6 * n + i], scratch[7 * n + i])
                                                        }
                                                    }
                                                    for i in 0..<n {
                                                        let p = interleaved[i]
                                                        var acc = p * Lanes(repeating: diag[i])
                                                        for k in off[i]..<off[i + 1] {
                                                            acc += interleaved[Int(nb[k])] * Lanes(repeating: wt[k])
                                                        }
                                                        total += p * acc
                                                        if wantDegree { sq += p * p * Lanes(repeating: deg[i]) }
                                                    }
                                                }
                                                for l in 0..<lanes {
                                                    qOut[b * lanes + l] = total[l]
                                                    if wantDegree { sOut[b * lanes + l] = sq[l] }
                                                }
                                                b += workers
                                            }
                                        }
                                      }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Output(quadratic: Array(quadratic.prefix(permutations)),
                      squaredDegree: wantDegree ? Array(squared.prefix(permutations)) : [])
    }

    /// The folded pseudo p-value: (min(#{sim ≥ obs}, #{sim ≤ obs}) + 1)/(R + 1). For continuous
    /// statistics this is esda's rule ((min(#≥, R − #≥) + 1)/(R + 1)); ties with the observed
    /// value count against significance in both tails, so a statistic every permutation
    /// reproduces (an area at the mean) gets p = 1.
    static func foldedP(atLeast: Int, atMost: Int, permutations r: Int) -> Double {
        Double(min(atLeast, atMost) + 1) / Double(r + 1)
    }

    static func foldedP(_ sim: [Double], observed: Double) -> Double {
        var atLeast = 0, atMost = 0
        for v in sim {
            if v >= observed { atLeast += 1 }
            if v <= observed { atMost += 1 }
        }
        return foldedP(atLeast: atLeast, atMost: atMost, permutations: sim.count)
    }

    static func meanAndSD(_ sim: [Double]) -> (Double, Double) {
        let n = Double(sim.count)
        let mean = sim.reduce(0, +) / n
        let v = sim.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        return (mean, v.squareRoot())
    }

    /// The weights folded onto i < j: wᵢⱼ + wⱼᵢ per undirected link (rows sorted), and wᵢᵢ.
    struct UpperLinks {
        var offsets: [Int]
        var neighbours: [Int32]
        var weights: [Double]
        var diagonal: [Double]

        init(_ w: SpatialWeights) {
            let n = w.count
            diagonal = [Double](repeating: 0, count: n)
            var keys: [(Int, Double)] = []
            keys.reserveCapacity(w.linkCount)
            for i in 0..<n {
                for k in w.offsets[i]..<w.offsets[i + 1] {
                    let j = Int(w.neighbours[k])
                    if j == i { diagonal[i] += w.weights[k]; continue }
                    keys.append((min(i, j) * n + max(i, j), w.weights[k]))
                }
            }
            keys.sort { $0.0 < $1.0 }
            offsets = [Int](repeating: 0, count: n + 1)
            neighbours = []
            weights = []
            neighbours.reserveCapacity(keys.count / 2 + 1)
            weights.reserveCapacity(keys.count / 2 + 1)
            var k = 0
            while k < keys.count {
                let key = keys[k].0
                var sum = 0.0
                while k < keys.count && keys[k].0 == key { sum += keys[k].1; k += 1 }
                offsets[key / n + 1] += 1
                neighbours.append(Int32(key % n))
                weights.append(sum)
            }
            for i in 0..<n { offsets[i + 1] += offsets[i] }
        }
    }
}
