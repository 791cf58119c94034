/// Local join counts for binary maps (Anselin & Li 2019, *Local join count statistics*; esda
/// `Join_Counts_Local`, GeoDa): with yᵢ ∈ {0, 1} and binary weights, LJCᵢ = yᵢ·Σⱼ wᵢⱼyⱼ — the
/// number of neighbours of a "1" area that are also "1" (e.g. wards worse than England next to
/// wards worse than England). Conditional randomisation permutes y over the other n − 1 areas
/// (shared draws); p_sim is reported where LJCᵢ > 0 (NaN otherwise, as esda).
///
/// The quantile LISA (Anselin 2019; GeoDa) is the local join count of the indicator "in
/// quantile q of k" (`quantileIndicator`).
public struct LocalJoinCount: Sendable, Equatable {
    /// LJCᵢ.
    public var counts: [Double]
    /// Pseudo p-values (NaN where LJCᵢ = 0 or the area is an island).
    public var pSim: [Double]

    /// Univariate local join counts of binary `y` on the binary form of `weights`.
    public static func compute(_ y: [Double], weights: SpatialWeights, permutations: Int = 999, seed: UInt64 = 1,
                               draws: ConditionalRandomisation.Draws = .shared, threads: Int = Parallelism.threads) throws -> LocalJoinCount {
        try SimulationLimits.check(permutations, in: SimulationLimits.permutations, what: "the number of permutations")
        guard y.count == weights.count else { throw EquityError.invalidArgument("the weights have \(weights.count) areas, the data \(y.count)") }
        if let i = y.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw EquityError.invalidArgument("area \(i + 1): local join counts need 0/1 values (got \(NumberFormatting.string(y[i])))")
        }
        let w = weights.transformed(.B)
        try weights.requireNoSelfLinks()
        let n = y.count
        let lag = w.lag(y)
        let counts = (0..<n).map { y[$0] * lag[$0] }
        let skip = (0..<n).map { w.offsets[$0] == w.offsets[$0 + 1] || counts[$0] == 0 }
        var p = ConditionalRandomisation.pValues(values: y, weights: w, scale: y, offset: [Double](repeating: 0, count: n), observed: counts,
                                                 skip: skip, permutations: permutations, seed: seed, threads: threads, draws: draws)
        for i in 0..<n where skip[i] { p[i] = .nan }
        return LocalJoinCount(counts: counts, pSim: p)
    }

    /// 1 where the value lies in quantile `q` (1…k, 1 the lowest) of `k` quantile classes by
    /// GeoDa's rule (sorted values cut at ranks ⌊n·j/k⌋; ties go with the lower class), 0 elsewhere.
    public static func quantileIndicator(_ x: [Double], k: Int, q: Int) throws -> [Double] {
        guard k >= 2, (1...k).contains(q) else { throw EquityError.invalidArgument("the quantile must be from 1 to k (k ≥ 2)") }
        let sorted = x.sorted()
        let n = x.count
        // Upper break of class j (1-based): the value at rank ⌊n·j/k⌋ (GeoDa's quantile breaks).
        let breaks = (1..<k).map { j in sorted[min(n - 1, max(0, n * j / k - 1))] }
        return x.map { v in
            var c = 1
            while c <= breaks.count && v > breaks[c - 1] { c += 1 }
            return c == q ? 1 : 0
        }
    }
}
