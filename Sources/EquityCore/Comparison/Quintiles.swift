/// Quintile benchmarking (Fingertips "quintiles", no significance): the area's value placed among
/// the values of all areas of the same type under the comparator, with Excel PERCENTILE.INC
/// bounds at 20/40/60/80% (linear interpolation between order statistics at (n − 1)p). Fewer
/// than 5 areas → not compared.
public enum QuintileBenchmark {
    /// Excel PERCENTILE.INC.
    public static func percentileInc(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// Quintile 1…5 of `value` (1 = lowest values) among `values`, nil if fewer than 5.
    public static func quintile(of value: Double, among values: [Double]) -> Int? {
        let v = values.filter { !$0.isNaN }.sorted()
        guard v.count >= 5, !value.isNaN else { return nil }
        let bounds = [0.2, 0.4, 0.6, 0.8].map { percentileInc(v, $0) }
        var q = 1
        for b in bounds where value > b { q += 1 }
        return q
    }

    /// Fingertips quintile labels: "Lowest", "Low", "Middle", "High", "Highest"; with polarity
    /// "Best"/"Worst" at the ends is reported by the caller's RAG (quintiles carry no RAG).
    public static let labels = ["Lowest", "Low", "Middle", "High", "Highest"]
}

/// Rank within a comparator group ("Rank 6th of 16"): competition ranking ("1224"), best first
/// by polarity (descending if high is good, ascending otherwise; ascending for no judgement),
/// N = areas with a value.
public enum CompetitionRank {
    /// The rank of `value` among `values` (which include it), best first by polarity; nil when it is missing.
    public static func rank(of value: Double, among values: [Double], polarity: Polarity) -> (rank: Int, of: Int)? {
        guard !value.isNaN else { return nil }
        var present = 0, better = 0
        for x in values where !x.isNaN {
            present += 1
            if polarity == .highIsGood ? x > value : x < value { better += 1 }
        }
        guard present > 0 else { return nil }
        return (better + 1, present)
    }
}
