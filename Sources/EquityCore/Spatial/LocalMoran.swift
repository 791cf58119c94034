/// Local Moran's I (LISA; Anselin 1995), as PySAL esda `Moran_Local`:
///
///     zᵢ = (yᵢ − ȳ)/sd (population sd), Iᵢ = ((n − 1)/n)·zᵢ(Wz)ᵢ   (esda's scale)
///
/// spdep's `localmoran` reports n/(n − 1) times this (`scale: .spdep`). Quadrants 1 HH, 2 LH,
/// 3 LL, 4 HL by the signs of zᵢ and (Wz)ᵢ. Conditional randomisation: for each site, each
/// permutation draws |N(i)| values without replacement from the other n − 1 sites (seeded;
/// sites are split into fixed blocks, each with its own jumped stream, so results do not depend
/// on the thread count); p_sim by esda's folded rule, except that simulated values equal to the
/// observed one count against significance in both tails (an area at the mean, Iᵢ = 0, ties with
/// every draw and gets p = 1, not esda's 1/(R + 1)). Islands get Iᵢ = 0 and no p-value.
public struct LocalMoran: Sendable {
    /// Iᵢ on esda's scale or spdep's (n/(n − 1) times esda's).
    public enum Scale: String, Sendable, CaseIterable { case esda, spdep }

    /// Standardised values (population sd).
    public var z: [Double]
    /// Spatial lag of z.
    public var lag: [Double]
    /// Iᵢ per area.
    public var values: [Double]
    /// Quadrant per area: 1 HH, 2 LH, 3 LL, 4 HL.
    public var quadrant: [Int]
    /// NaN for islands and when no permutations were run.
    public var pSim: [Double]
    /// Whether an area has no neighbours.
    public var isIsland: [Bool]

    /// Local Moran of y under weights w with conditional randomisation (seeded; any number of threads).
    public static func compute(_ y: [Double], weights w: SpatialWeights, permutations: Int = 0, seed: UInt64 = 1,
                               scale: Scale = .esda, draws: ConditionalRandomisation.Draws = .shared,
                               threads: Int = Parallelism.threads) throws -> LocalMoran {
        try SimulationLimits.check(permutations, in: SimulationLimits.permutations, what: "the number of permutations")
        try Moran.validate(y, weights: w)
        try w.requireNoSelfLinks()
        let n = y.count
        let nd = Double(n)
        let mean = y.reduce(0, +) / nd
        let sd = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / nd).squareRoot()
        let z = y.map { ($0 - mean) / sd }
        let lag = w.lag(z)
        let m2 = z.reduce(0) { $0 + $1 * $1 } // = n
        let factor = (nd - 1) / m2 * (scale == .spdep ? nd / (nd - 1) : 1)
        let island = (0..<n).map { w.offsets[$0] == w.offsets[$0 + 1] }
        var values = [Double](repeating: 0, count: n)
        var quadrant = [Int](repeating: 0, count: n)
        for i in 0..<n {
            values[i] = island[i] ? 0 : factor * z[i] * lag[i]
            let hz = z[i] > 0, hl = lag[i] > 0
            quadrant[i] = hz && hl ? 1 : (!hz && hl ? 2 : (!hz && !hl ? 3 : 4))
        }
        let p = ConditionalRandomisation.pValues(values: z, weights: w, scale: z.map { factor * $0 },
                                                 offset: [Double](repeating: 0, count: n), observed: values, skip: island,
                                                 permutations: permutations, seed: seed, threads: threads, draws: draws)
        return LocalMoran(z: z, lag: lag, values: values, quadrant: quadrant, pSim: p, isIsland: island)
    }

    /// Names of quadrants 1–4 (index 0 unused).
    public static let quadrantNames = ["", "HH", "LH", "LL", "HL"]

    /// How p-values are judged significant.
    public enum Correction: String, Sendable, CaseIterable { case none, fdr, bonferroni }

    /// A LISA cluster label (GeoDa's categories).
    public enum Cluster: String, Sendable, CaseIterable {
        case highHigh = "HH", lowHigh = "LH", lowLow = "LL", highLow = "HL"
        case notSignificant = "Not significant"
        /// No permutations were run.
        case notTested = "Not tested"
        /// No neighbours: never significant.
        case island

        /// The significant cluster of a quadrant (1 HH, 2 LH, 3 LL, 4 HL).
        public init(quadrant: Int) {
            self = [.highHigh, .lowHigh, .lowLow, .highLow][max(1, min(4, quadrant)) - 1]
        }
    }

    /// Cluster labels: the quadrant where significant at α (after the correction), "Not
    /// significant" otherwise, "island" for islands, "Not tested" without permutations.
    public func clusters(alpha: Double, correction: Correction = .none) -> [Cluster] {
        let tested = (0..<pSim.count).map { isIsland[$0] ? .nan : pSim[$0] }
        let significant = MultipleTesting.significant(tested, alpha: alpha, correction: correction)
        return (0..<pSim.count).map { i in
            if isIsland[i] { return .island }
            if pSim[i].isNaN { return .notTested }
            return significant[i] ? Cluster(quadrant: quadrant[i]) : .notSignificant
        }
    }
}
