/// Empirical-Bayes smoothing of small-area rates (events eᵢ out of base/population bᵢ): each raw
/// rate pᵢ = eᵢ/bᵢ is shrunk towards a reference rate, the more so the smaller its base — for
/// mapping rates built on small numbers.
///
/// Global (Marshall 1991, *Mapping disease and mortality rates using empirical Bayes
/// estimators*, Applied Statistics 40: 283–294), as spdep `EBest` and esda `Empirical_Bayes`:
/// b = Σe/Σb, s² = Σ bᵢ(pᵢ − b)²/Σb, a = s² − b/(Σb/m);
/// - Poisson: estimate = b + a(pᵢ − b)/(a + b/bᵢ), a clamped at 0 (spdep) or not (esda);
/// - binomial (spdep `family = "binomial"`): ρᵢ = (bᵢs² − (bᵢ/b̄)·b(1−b)) /
///   ((bᵢ − 1)s² + ((b̄ − bᵢ)/b̄)·b(1−b)), estimate = ρᵢpᵢ + (1 − ρᵢ)b, b̄ the mean base.
///
/// Local (`local`): the same shrinkage towards the rate of each area's neighbourhood (its
/// neighbours and itself), as spdep `EBlocal` and esda `Spatial_Empirical_Bayes` /
/// GeoDa's spatial EB rate.
///
/// ```swift
/// let eb = try EmpiricalBayes.global(events: deaths, base: population)
/// let local = try EmpiricalBayes.local(events: deaths, base: population, weights: w)
/// ```
public enum EmpiricalBayes {
    /// The model of the global estimator.
    public enum Family: String, Sendable, CaseIterable {
        /// Poisson (spdep default; esda `Empirical_Bayes`).
        case poisson
        /// Binomial (spdep `family = "binomial"`).
        case binomial
    }

    /// The between-area variance of the local estimator.
    public enum LocalVariance: String, Sendable, CaseIterable {
        /// Σⱼ bⱼ(pⱼ − mⱼ)²/nᵢ over the neighbourhood, each area j with its own local mean (spdep
        /// `EBlocal` default).
        case spdep
        /// Σⱼ bⱼ(pⱼ − mᵢ)²/nᵢ, deviations from area i's local mean (spdep `geoda = TRUE`, GeoDa,
        /// esda `Spatial_Empirical_Bayes`).
        case geoda
    }

    /// The global estimator's parameters and estimates.
    public struct Global: Sendable, Equatable {
        /// Raw rates eᵢ/bᵢ.
        public var raw: [Double]
        /// Smoothed rates.
        public var estimate: [Double]
        /// The prior mean b = Σe/Σb.
        public var mean: Double
        /// The prior variance a (Poisson; s² for binomial, as spdep's `parameters$a`).
        public var variance: Double
    }

    /// The local estimator's estimates and per-area parameters.
    public struct Local: Sendable, Equatable {
        /// Raw rates eᵢ/bᵢ.
        public var raw: [Double]
        /// Smoothed rates.
        public var estimate: [Double]
        /// Local means mᵢ (the neighbourhood's Σe/Σb; esda `Spatial_Rate`).
        public var mean: [Double]
        /// Local prior variances aᵢ (clamped at 0).
        public var variance: [Double]
    }

    static func check(events e: [Double], base b: [Double]) throws {
        guard e.count == b.count else { throw EquityError.invalidArgument("events and base differ in length (\(e.count) and \(b.count))") }
        guard !e.isEmpty else { throw EquityError.invalidArgument("no areas") }
        for i in 0..<e.count {
            guard e[i].isFinite, e[i] >= 0 else { throw EquityError.invalidArgument("area \(i + 1): events must be a finite number, zero or more") }
            guard b[i].isFinite, b[i] > 0 else { throw EquityError.invalidArgument("area \(i + 1): the base (population at risk) must be greater than zero") }
        }
    }

    /// Global EB estimates. `clampVariance` false gives esda `Empirical_Bayes` (a may be negative);
    /// true (default) spdep `EBest`.
    public static func global(events e: [Double], base b: [Double], family: Family = .poisson, clampVariance: Bool = true) throws -> Global {
        try check(events: e, base: b)
        let m = Double(e.count)
        var eSum = 0.0, bSum = 0.0
        for i in 0..<e.count { eSum += e[i]; bSum += b[i] }
        let mean = eSum / bSum
        let raw = (0..<e.count).map { e[$0] / b[$0] }
        var s2 = 0.0
        for i in 0..<e.count { let d = raw[i] - mean; s2 += b[i] * (d * d / bSum) }
        switch family {
        case .poisson:
            var a = s2 - mean / (bSum / m)
            if clampVariance && a < 0 { a = 0 }
            // No events anywhere (b = 0, a = 0): every estimate is the overall rate, 0.
            let est = (0..<e.count).map { i in a + mean / b[i] == 0 ? mean : mean + a * (raw[i] - mean) / (a + mean / b[i]) }
            return Global(raw: raw, estimate: est, mean: mean, variance: a)
        case .binomial:
            let bBar = bSum / m, v = mean * (1 - mean)
            let est = (0..<e.count).map { i -> Double in
                let rho = (b[i] * s2 - (b[i] / bBar) * v) / ((b[i] - 1) * s2 + ((bBar - b[i]) / bBar) * v)
                return rho * raw[i] + (1 - rho) * mean
            }
            return Global(raw: raw, estimate: est, mean: mean, variance: s2)
        }
    }

    /// Local (spatial) EB estimates over each area's neighbourhood: its neighbours in `weights`
    /// (membership only; the weights' values are not used) and itself.
    public static func local(events e: [Double], base b: [Double], weights w: SpatialWeights, variance: LocalVariance = .spdep) throws -> Local {
        try check(events: e, base: b)
        guard w.count == e.count else { throw EquityError.invalidArgument("the weights have \(w.count) areas, the data \(e.count)") }
        let n = e.count
        let raw = (0..<n).map { e[$0] / b[$0] }
        var mean = [Double](repeating: 0, count: n), baseSum = mean, baseMean = mean
        for i in 0..<n {
            var es = e[i], bs = b[i]
            for k in w.offsets[i]..<w.offsets[i + 1] { let j = Int(w.neighbours[k]); es += e[j]; bs += b[j] }
            mean[i] = es / bs
            baseSum[i] = bs
            baseMean[i] = bs / Double(w.offsets[i + 1] - w.offsets[i] + 1)
        }
        var a = [Double](repeating: 0, count: n), est = a
        for i in 0..<n {
            func term(_ j: Int) -> Double {
                let d = raw[j] - (variance == .spdep ? mean[j] : mean[i])
                return b[j] * d * d
            }
            var c = term(i)
            for k in w.offsets[i]..<w.offsets[i + 1] { c += term(Int(w.neighbours[k])) }
            var ai = c / baseSum[i] - mean[i] / baseMean[i]
            if ai < 0 { ai = 0 }
            a[i] = ai
            let denominator = ai + mean[i] / b[i]
            // A neighbourhood without events (mᵢ = 0, aᵢ = 0) keeps its local rate, 0.
            est[i] = denominator > 0 ? mean[i] + (raw[i] - mean[i]) * (ai / denominator) : mean[i]
        }
        return Local(raw: raw, estimate: est, mean: mean, variance: a)
    }

    /// Excess risk eᵢ / (bᵢ · Σe/Σb): observed over expected at the overall rate (esda
    /// `Excess_Risk`; a standardised morbidity ratio against the study area).
    public static func excessRisk(events e: [Double], base b: [Double]) throws -> [Double] {
        try check(events: e, base: b)
        var eSum = 0.0, bSum = 0.0
        for i in 0..<e.count { eSum += e[i]; bSum += b[i] }
        let r = eSum / bSum
        return (0..<e.count).map { e[$0] / (b[$0] * r) }
    }
}
