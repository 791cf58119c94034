/// Significance of many local pseudo p-values at once: as they are (GeoDa's default), with
/// Bonferroni's bound α/m, or with Benjamini & Hochberg's (1995) false discovery rate — the
/// largest p₍ₖ₎ ≤ kα/m and every p at or below it (the step-up procedure, as esda's `fdr`; GeoDa's
/// "False Discovery Rate" filter steps down from the smallest p-value and stops at the first
/// above its bound, so it can flag fewer areas). m counts the areas tested: islands and areas
/// without a p-value (NaN) are neither tested nor significant.
public enum MultipleTesting {
    /// How p-values are judged significant (the same cases as `LocalMoran.Correction`).
    public typealias Correction = LocalMoran.Correction

    /// The p-value at or below which a tested area is significant (0 when none is, for FDR).
    public static func threshold(_ p: [Double], alpha: Double, correction: Correction) -> Double {
        let tested = p.filter { !$0.isNaN }
        switch correction {
        case .none: return alpha
        case .bonferroni: return alpha / Double(max(tested.count, 1))
        case .fdr:
            let sorted = tested.sorted()
            let m = Double(sorted.count)
            var threshold = 0.0
            for (k, v) in sorted.enumerated() where v <= Double(k + 1) * alpha / m { threshold = v }
            return threshold
        }
    }

    /// Whether each area is significant; NaN p-values (untested areas, islands) never are.
    public static func significant(_ p: [Double], alpha: Double, correction: Correction) -> [Bool] {
        let t = threshold(p, alpha: alpha, correction: correction)
        return p.map { v in
            guard !v.isNaN else { return false }
            return correction == .fdr ? (t > 0 && v <= t) : v <= t
        }
    }
}
