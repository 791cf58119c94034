/// Assigns deprivation quantiles as PHEindicatormethods `phe_quantile`.
///
/// Within a group of N areas with values (missing values get no quantile): adjusted value =
/// max − value when inverted (the default: the highest value gets quantile 1), the value itself
/// otherwise; rank with ties given the minimum rank; quantile =
/// ⌊(nq + 1) − ⌈((N + 1) − rank)/(N/nq)⌉⌋, with 0 read as 1. A group with N < nq gets none.
public struct Quantiles: Sendable {
    /// The number of quantiles.
    public let count: Int
    /// Highest value in quantile 1.
    public let invert: Bool

    /// Quantiles (at least 2).
    public init(count: Int = 10, invert: Bool = true) throws {
        guard count >= 2 else { throw EquityError.invalidArgument("--nquantiles must be at least 2") }
        self.count = count
        self.invert = invert
    }

    /// PHE's `qinverted` text.
    public var invertedText: String {
        invert ? "lowest quantile represents highest values" : "lowest quantile represents lowest values"
    }

    /// The quantile of each value (NaN for missing values and for groups with too few values).
    public func assign(_ values: [Double]) -> [Double] {
        let present = values.filter { !$0.isNaN }
        let n = present.count
        if n < count { return values.map { _ in .nan } }
        let maxValue = present.max()!
        let adjusted = values.map { invert ? maxValue - $0 : $0 }
        // rank with ties = "min": 1 + number of strictly smaller adjusted values.
        let sorted = adjusted.filter { !$0.isNaN }.sorted()
        let nq = Double(count)
        let size = Double(n) / nq
        return adjusted.map { v in
            if v.isNaN { return .nan }
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            let rank = Double(lo + 1)
            let q = ((nq + 1) - ((Double(n) + 1 - rank) / size).rounded(.up)).rounded(.down)
            return q == 0 ? 1 : q
        }
    }
}
