/// Global join counts for categorical maps (Cliff & Ord 1981; spdep `joincount.test`, esda
/// `Join_Counts`): with binary symmetric weights, the same-colour join count of category c is
/// J_cc = ½·Σᵢⱼ wᵢⱼ[xᵢ = c][xⱼ = c]; under non-free sampling (randomisation, spdep's default)
///
/// E = S₀·n_c(n_c − 1)/(2n(n − 1)),
/// Var = ¼·[S₁n_c⁽²⁾/(n(n−1)) + (S₂ − 2S₁)n_c⁽³⁾/(n(n−1)(n−2)) + (S₀² + S₁ − S₂)n_c⁽⁴⁾/(n(n−1)(n−2)(n−3))] − E²,
///
/// with n_c⁽ᵏ⁾ the falling factorial; under free sampling (normality) with p = n_c/n:
/// E = S₀p²/2, Var = (S₁p² + (S₂ − 2S₁)p³ + (S₁ − S₂)p⁴)/4. z = (J − E)/√Var, one-sided
/// ("greater": clustering) p as spdep's default alternative.
public struct JoinCounts: Sendable, Equatable {
    /// Sampling assumption.
    public enum Sampling: String, Sendable, CaseIterable {
        /// Without replacement (randomisation; spdep default).
        case nonfree
        /// With replacement (normality).
        case free
    }

    /// One category's same-colour joins.
    public struct Category: Sendable, Equatable {
        /// The category's value.
        public var value: Double
        /// Number of areas in it.
        public var areas: Int
        /// Same-colour joins J_cc.
        public var joins: Double
        /// E[J_cc].
        public var expected: Double
        /// Var[J_cc].
        public var variance: Double
        /// (J − E)/√Var.
        public var z: Double
        /// One-sided p-value (more joins than expected).
        public var p: Double
    }

    /// Categories in ascending order of value.
    public var categories: [Category]
    /// All joins, S₀/2.
    public var total: Double
    /// Joins between different categories.
    public var different: Double

    /// Join counts of the categories of `x` (each value a category) on binary symmetric weights.
    public static func compute(_ x: [Double], weights: SpatialWeights, sampling: Sampling = .nonfree) throws -> JoinCounts {
        guard x.count == weights.count else { throw EquityError.invalidArgument("the weights have \(weights.count) areas, the data \(x.count)") }
        guard x.allSatisfy({ $0.isFinite }) else { throw EquityError.invalidArgument("categories must be numbers") }
        let w = weights.transformed(.B)
        let (s0, s1, s2) = w.moments
        let n = Double(x.count)
        let levels = Array(Set(x)).sorted()
        guard levels.count >= 2 else { throw EquityError.unusableData("join counts need at least two categories") }
        var out: [Category] = []
        var same = 0.0
        for c in levels {
            var joins = 0.0
            for i in 0..<x.count where x[i] == c {
                for k in w.offsets[i]..<w.offsets[i + 1] where x[Int(w.neighbours[k])] == c { joins += w.weights[k] }
            }
            joins *= 0.5
            same += joins
            let nc = Double(x.filter { $0 == c }.count)
            let e: Double, v: Double
            switch sampling {
            case .nonfree:
                e = s0 * nc * (nc - 1) / (2 * n * (n - 1))
                var t = s1 * nc * (nc - 1) / (n * (n - 1))
                t += (s2 - 2 * s1) * nc * (nc - 1) * (nc - 2) / (n * (n - 1) * (n - 2))
                t += (s0 * s0 + s1 - s2) * nc * (nc - 1) * (nc - 2) * (nc - 3) / (n * (n - 1) * (n - 2) * (n - 3))
                v = 0.25 * t - e * e
            case .free:
                let p = nc / n
                e = s0 * p * p / 2
                v = (s1 * p * p + (s2 - 2 * s1) * p * p * p + (s1 - s2) * p * p * p * p) / 4
            }
            let z = v > 0 ? (joins - e) / v.squareRoot() : .nan
            out.append(Category(value: c, areas: Int(nc), joins: joins, expected: e, variance: v, z: z, p: z.isNaN ? .nan : Normal.survival(z)))
        }
        return JoinCounts(categories: out, total: s0 / 2, different: s0 / 2 - same)
    }
}
