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
        // pᵀWp = Σᵢ wᵢᵢpᵢ² + Σ_{i<j} (wᵢⱼ + wⱼᵢ) pᵢpⱼ: each undirected link is visited once
        // (half the loads of the directed lists, which dominate the time).
        let layer = Layer(values: z, upper: UpperLinks(w), weights: w, wantDegree: wantDegree,
                          compact: n > compactAbove, ringCapacity: ringCapacity)
        defer { layer.deallocate() }
        let quadratic = UnsafeMutableBufferPointer<Double>.allocate(capacity: batches * lanes)
        let squared = UnsafeMutableBufferPointer<Double>.allocate(capacity: wantDegree ? batches * lanes : 0)
        defer { quadratic.deallocate(); squared.deallocate() }
        let workers = max(1, min(threads, batches))
        let work = (0..<workers).map { _ in Workspace(layer) }
        defer { for s in work { s.deallocate() } }
        DispatchQueue.concurrentPerform(iterations: workers) { t in
            var b = t
            while b < batches {
                layer.shuffle(streams[b], into: work[t])
                let (total, sq) = layer.sum(work[t])
                for l in 0..<lanes {
                    quadratic[b * lanes + l] = total[l]
                    if wantDegree { squared[b * lanes + l] = sq[l] }
                }
                b += workers
            }
        }
        return Output(quadratic: Array(quadratic.prefix(permutations)),
                      squaredDegree: wantDegree ? Array(squared.prefix(permutations)) : [])
    }

    /// The layer as the kernel reads it: values, upper links, diagonal, Geary's degrees, and for
    /// compact layers how far ahead each row's neighbours reach (read-only, shared by threads).
    struct Layer: @unchecked Sendable {
        let n: Int
        let z: UnsafeMutableBufferPointer<Double>
        let offsets: UnsafeMutableBufferPointer<Int>
        let neighbours: UnsafeMutableBufferPointer<Int32>
        let weights: UnsafeMutableBufferPointer<Double>
        let diagonal: UnsafeMutableBufferPointer<Double>
        let degree: UnsafeMutableBufferPointer<Double>
        let reach: UnsafeMutableBufferPointer<Int>
        let wantDegree: Bool
        /// Shuffle in compact per-lane arrays (past the caches).
        let compact: Bool
        /// With `compact`: build the lanes in a ring of this mask + 1 rows just ahead of the sum
        /// (every row's upper neighbours lie within that bandwidth), not in a full array.
        let ringMask: Int?

        init(values: [Double], upper: UpperLinks, weights w: SpatialWeights, wantDegree: Bool, compact: Bool, ringCapacity: Int) {
            func copy<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
                let p = UnsafeMutableBufferPointer<T>.allocate(capacity: a.count)
                _ = p.initialize(from: a)
                return p
            }
            n = values.count
            z = copy(values)
            offsets = copy(upper.offsets)
            neighbours = copy(upper.neighbours)
            weights = copy(upper.weights)
            diagonal = copy(upper.diagonal)
            self.wantDegree = wantDegree
            self.compact = compact
            // Degree (wᵢ· + w·ᵢ) for Geary.
            var deg = [Double](repeating: 0, count: wantDegree ? n : 0)
            if wantDegree {
                for i in 0..<n {
                    for k in w.offsets[i]..<w.offsets[i + 1] {
                        deg[i] += w.weights[k]
                        deg[Int(w.neighbours[k])] += w.weights[k]
                    }
                }
            }
            degree = copy(deg)
            var far = [Int](repeating: 0, count: compact ? n : 0)
            var mask: Int? = nil
            if compact {
                var bandwidth = 0
                for i in 0..<n {
                    var f = i
                    for k in upper.offsets[i]..<upper.offsets[i + 1] { f = max(f, Int(upper.neighbours[k])) }
                    far[i] = f
                    bandwidth = max(bandwidth, f - i)
                }
                let ring = 1 << (Int.bitWidth - bandwidth.leadingZeroBitCount)
                if ring <= ringCapacity { mask = ring - 1 }
            }
            reach = copy(far)
            ringMask = mask
        }

        func deallocate() {
            z.deallocate(); offsets.deallocate(); neighbours.deallocate(); weights.deallocate()
            diagonal.deallocate(); degree.deallocate(); reach.deallocate()
        }

        /// Eight uniformly random permutations of z ("inside-out" Fisher–Yates, Lemire's bounded
        /// draws) from one batch's generator. Past the caches (a million areas: 64 MB of lanes)
        /// each is built in a compact array of its own, whose random accesses span n values
        /// rather than 8n; smaller layers shuffle straight into the interleaved lanes. The same
        /// draws give the same permutations either way.
        func shuffle(_ stream: Xoshiro256, into s: Workspace) {
            var g = HalfDraws(stream)
            let zb = z
            for l in 0..<lanes {
                if compact {
                    let a = s.scratch + l * n
                    a[0] = zb[0]
                    for i in 1..<n {
                        let j = Int(g.bounded(UInt32(i + 1)))
                        a[i] = a[j]
                        a[j] = zb[i]
                    }
                } else {
                    let a = UnsafeMutableRawPointer(s.lanes).assumingMemoryBound(to: Double.self) + l
                    a[0] = zb[0]
                    for i in 1..<n {
                        let j = Int(g.bounded(UInt32(i + 1)))
                        a[i * lanes] = a[j * lanes]
                        a[j * lanes] = zb[i]
                    }
                }
            }
        }

        /// pᵀWp and Σpᵢ²(wᵢ· + w·ᵢ) of the eight permutations in the workspace, in one pass over
        /// the upper links with SIMD lanes.
        func sum(_ s: Workspace) -> (Lanes, Lanes) {
            let off = offsets, nb = neighbours, wt = weights, diag = diagonal, deg = degree
            let scratch = s.scratch
            @inline(__always) func gathered(_ i: Int) -> Lanes {
                Lanes(scratch[i], scratch[n + i], scratch[2 * n + i], scratch[3 * n + i],
                      scratch[4 * n + i], scratch[5 * n + i], scratch[6 * n + i], scratch[7 * n + i])
            }
            var total = Lanes(repeating: 0)
            var sq = Lanes(repeating: 0)
            if let ringMask {
                // Fused: the lanes go into a small ring just ahead of the row being summed, so the
                // 64 MB interleaved array is never written nor read back. The same sums in the
                // same order as the full pass.
                let ring = s.lanes
                var filled = 0
                for i in 0..<n {
                    let need = reach[i]
                    while filled <= need {
                        ring[filled & ringMask] = gathered(filled)
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
                let lanesOut = s.lanes
                if compact {
                    // The eight permutations into the lanes in one sequential pass.
                    for i in 0..<n { lanesOut[i] = gathered(i) }
                }
                for i in 0..<n {
                    let p = lanesOut[i]
                    var acc = p * Lanes(repeating: diag[i])
                    for k in off[i]..<off[i + 1] {
                        acc += lanesOut[Int(nb[k])] * Lanes(repeating: wt[k])
                    }
                    total += p * acc
                    if wantDegree { sq += p * p * Lanes(repeating: deg[i]) }
                }
            }
            return (total, sq)
        }
    }

    /// One thread's buffers: the interleaved lanes (or the ring) and, for compact layers, the
    /// eight per-lane arrays.
    struct Workspace: @unchecked Sendable {
        let lanes: UnsafeMutablePointer<Lanes>
        let scratch: UnsafeMutablePointer<Double>

        init(_ layer: Layer) {
            lanes = .allocate(capacity: layer.ringMask.map { $0 + 1 } ?? max(layer.n, 1))
            scratch = .allocate(capacity: layer.compact ? PermutationKernel.lanes * layer.n : 1)
        }

        func deallocate() { lanes.deallocate(); scratch.deallocate() }
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
