import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Gini coefficient and its inference.
///
/// - Plain: G = 2Σ i·x₍ᵢ₎/(nΣx) − (n+1)/n (= ΣΣ|xᵢ − xⱼ|/(2n²μ)); small-sample corrected G·n/(n−1).
/// - Population-weighted: G_w = ΣΣ wᵢwⱼ|xᵢ − xⱼ|/(2W²μ_w), in O(n log n) as
///   Σ wᵢxᵢ(2Cᵢ − wᵢ − W)/(W²μ_w) over values sorted ascending (Cᵢ cumulative weight).
/// - Grouped bands (a value and a count per band): the trapezoid Lorenz curve,
///   G = 1 − Σ(Pₖ − Pₖ₋₁)(Lₖ + Lₖ₋₁).
/// - Davidson (2009, J. Econometrics 150) analytic standard error:
///   V = Σ(Zᵢ − Z̄)²/(nμ)², Zᵢ = −(G + 1)x₍ᵢ₎ + (2i − 1)x₍ᵢ₎/n − (2/n)Σⱼ≤ᵢ x₍ⱼ₎.
/// - Jackknife standard error √((n−1)/n Σ(G₍₋ᵢ₎ − Ḡ)²), each leave-one-out Gini in O(1) from prefix
///   sums.
/// - Bootstrap percentile interval: each replicate is n draws with replacement, taken as
///   multinomial counts over the sorted values so no replicate needs sorting; seeded xoshiro256**
///   streams per block of replicates (same result on any number of threads).
public enum Gini {
    /// Values sorted ascending with their prefix sums (shared by the estimators).
    public struct Sorted: Sendable {
        /// The values, ascending.
        public let x: [Double]
        /// Their sum.
        public let sum: Double
        /// Sorts `values`.
        public init(_ values: [Double]) {
            x = values.sorted()
            sum = x.reduce(0, +)
        }
        /// The number of values.
        public var count: Int { x.count }
        /// Their mean.
        public var mean: Double { sum / Double(x.count) }
    }

    /// Two powers of two whose product p makes `maximum`·p lie in [1, 2) — applied one after the
    /// other (each finite even for subnormal maxima) they rescale values exactly, so indices that
    /// do not depend on scale keep full precision for tiny or huge data.
    public static func powerOfTwoScale(toUnit maximum: Double) -> (Double, Double) {
        guard maximum.isFinite, maximum > 0 else { return (1, 1) }
        let k = -Int(maximum.exponent)
        let a = k / 2, b = k - k / 2
        return (Double(sign: .plus, exponent: a, significand: 1), Double(sign: .plus, exponent: b, significand: 1))
    }

    /// The plain Gini coefficient.
    public static func coefficient(_ s: Sorted) -> Double {
        let n = Double(s.count)
        var acc = 0.0
        for (i, v) in s.x.enumerated() { acc += Double(i + 1) * v }
        return 2 * acc / (n * s.sum) - (n + 1) / n
    }

    /// The small-sample corrected Gini, G·n/(n − 1).
    public static func corrected(_ s: Sorted) -> Double {
        let n = Double(s.count)
        return coefficient(s) * n / (n - 1)
    }

    /// The population-weighted Gini.
    public static func weighted(values: [Double], weights: [Double]) -> Double {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var total = 0.0, weightedSum = 0.0
        for i in order { total += weights[i]; weightedSum += weights[i] * values[i] }
        var c = 0.0, acc = 0.0
        for i in order {
            c += weights[i]
            acc += weights[i] * values[i] * (2 * c - weights[i] - total)
        }
        let mu = weightedSum / total
        return acc / (total * total * mu)
    }

    /// The Gini of grouped data: bands with a per-unit value (e.g. mean income) and a count.
    public static func grouped(values: [Double], counts: [Double]) -> Double {
        let order = values.indices.sorted { values[$0] < values[$1] }
        let totalCount = counts.reduce(0, +)
        let totalValue = zip(values, counts).reduce(0) { $0 + $1.0 * $1.1 }
        var p0 = 0.0, l0 = 0.0, g = 1.0
        for i in order {
            let p1 = p0 + counts[i] / totalCount
            let l1 = l0 + values[i] * counts[i] / totalValue
            g -= (p1 - p0) * (l1 + l0)
            p0 = p1
            l0 = l1
        }
        return g
    }

    /// Davidson's (2009) asymptotic standard error of the plain Gini.
    public static func davidsonStandardError(_ s: Sorted) -> Double {
        let n = Double(s.count)
        let g = coefficient(s)
        let mu = s.mean
        var z = [Double](repeating: 0, count: s.count)
        var prefix = 0.0
        for i in 0..<s.count {
            let v = s.x[i]
            prefix += v
            z[i] = -(g + 1) * v + (2 * Double(i + 1) - 1) / n * v - 2 / n * prefix
        }
        let zbar = z.reduce(0, +) / n
        let ss = z.reduce(0) { $0 + ($1 - zbar) * ($1 - zbar) }
        return (ss / ((n * mu) * (n * mu))).squareRoot()
    }

    /// Jackknife standard error of the plain Gini (leave-one-out in O(n)).
    public static func jackknifeStandardError(_ s: Sorted) -> Double {
        let n = s.count
        guard n > 2 else { return .nan }
        var weightedRank = 0.0 // Σ i·x₍ᵢ₎ (1-based)
        for (i, v) in s.x.enumerated() { weightedRank += Double(i + 1) * v }
        // suffix[k] = Σ_{i>k} x₍ᵢ₎
        var suffix = [Double](repeating: 0, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] + s.x[i] }
        let m = Double(n - 1)
        var loo = [Double](repeating: 0, count: n)
        for k in 0..<n {
            // Without x₍ₖ₎, later values move down one rank.
            let t = weightedRank - Double(k + 1) * s.x[k] - suffix[k + 1]
            loo[k] = 2 * t / (m * (s.sum - s.x[k])) - (m + 1) / m
        }
        let mean = loo.reduce(0, +) / Double(n)
        let ss = loo.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (m / Double(n) * ss).squareRoot()
    }

    /// Bootstrap percentile limits for the plain Gini: `replicates` resamples, limits at the
    /// order statistics round(B(1 − cv)) and round(B·cv) (as the SII).
    public static func bootstrap(_ s: Sorted, replicates: Int, confidence: ConfidenceLevels, seed: UInt64,
                                 threads: Int = Parallelism.threads) throws -> (lower: [Double], upper: [Double]) {
        try SimulationLimits.check(replicates, in: 1...SimulationLimits.bootstrapReplicates.upperBound, what: "the number of bootstrap replicates")
        let n = s.count
        let block = 256
        let units = (replicates + block - 1) / block
        let streams = Xoshiro256.streams(seed: seed, count: units)
        let draws = UnsafeMutableBufferPointer<Double>.allocate(capacity: replicates)
        defer { draws.deallocate() }
        let x = s.x
        let work = { (u: Int) in
            var gen = streams[u]
            var counts = [Int32](repeating: 0, count: n)
            counts.withUnsafeMutableBufferPointer { c in
                x.withUnsafeBufferPointer { xs in
                    for r in (u * block)..<min(replicates, (u + 1) * block) {
                        for i in 0..<n { c[i] = 0 }
                        for _ in 0..<n { c[Int(gen.nextBounded(UInt64(n)))] += 1 }
                        var cum = 0.0, acc = 0.0, total = 0.0
                        for i in 0..<n where c[i] != 0 {
                            let w = Double(c[i])
                            cum += w
                            total += w * xs[i]
                            acc += w * xs[i] * (2 * cum - w - Double(n))
                        }
                        draws[r] = acc / (Double(n) * total)
                    }
                }
            }
        }
        if threads > 1 { DispatchQueue.concurrentPerform(iterations: units, execute: work) } else { for u in 0..<units { work(u) } }
        var lower: [Double] = [], upper: [Double] = []
        for c in confidence.levels {
            let (pl, pu) = OrderStatistics.phePositions(count: replicates, confidence: c)
            let (l, h) = OrderStatistics.selectPair(draws, pl - 1, pu - 1)
            lower.append(l)
            upper.append(h)
        }
        return (lower, upper)
    }
}
