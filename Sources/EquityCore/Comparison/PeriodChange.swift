/// The change of an area's value since the previous period (the Luton table's "trend" column:
/// Comparable / Significantly improving / Significantly worse).
///
/// Default test (`.difference`): the difference of two independent estimates, d = v₁ − v₀, with
/// standard errors taken from each value's 95% limits (seᵢ = (Uᵢ − Lᵢ)/(2 × 1.959964)), its 95%
/// interval d ± 1.959964·√(se₁² + se₀²); the change is significant when that interval excludes
/// zero (Altman & Bland, *BMJ* 2003;326:219, "Interaction revisited: the difference between two
/// estimates"). The older rule (`.overlap`) calls a change significant only when the two 95%
/// intervals do not overlap — a stricter test that misses real changes (two intervals can
/// overlap by up to ~29% of their width while the difference is significant).
public struct PeriodChange: Sendable, Equatable {
    /// Which test decides significance.
    public enum Test: String, Sendable, CaseIterable {
        /// The difference of two independent estimates and its 95% interval.
        case difference
        /// Non-overlapping 95% intervals.
        case overlap
    }

    /// Latest minus previous value.
    public var difference: Double
    /// The 95% interval of the difference (`.difference`; NaN under `.overlap`).
    public var lower: Double
    /// See `lower`.
    public var upper: Double
    /// The verdict under the indicator's polarity.
    public var result: ChangeResult

    /// z for 95%.
    static let z95 = 1.959_963_984_540_054

    /// The change from `previous` to `latest` (value and 95% limits each); nil when a value or a
    /// limit is missing, or a limit is not finite.
    public static func compute(latest: (value: Double, lower: Double, upper: Double), previous: (value: Double, lower: Double, upper: Double),
                               polarity: Polarity, test: Test = .difference) -> PeriodChange? {
        let all = [latest.value, latest.lower, latest.upper, previous.value, previous.lower, previous.upper]
        guard all.allSatisfy({ $0.isFinite }) else { return nil }
        let d = latest.value - previous.value
        let significant: Bool
        var lo = Double.nan, hi = Double.nan
        switch test {
        case .difference:
            let se1 = (latest.upper - latest.lower) / (2 * z95), se0 = (previous.upper - previous.lower) / (2 * z95)
            let half = z95 * (se1 * se1 + se0 * se0).squareRoot()
            lo = d - half
            hi = d + half
            significant = lo > 0 || hi < 0
        case .overlap:
            let overlaps = BenchmarkComparison.overlap(value1: latest.value, lower1: latest.lower, upper1: latest.upper,
                                                       value2: previous.value, lower2: previous.lower, upper2: previous.upper) ?? true
            significant = !overlaps
        }
        let result: ChangeResult
        if !significant || d == 0 {
            result = .noSignificantChange
        } else {
            let up = d > 0
            switch polarity {
            case .highIsGood: result = up ? .significantlyBetter : .significantlyWorse
            case .lowIsGood: result = up ? .significantlyWorse : .significantlyBetter
            default: result = up ? .significantlyHigher : .significantlyLower
            }
        }
        return PeriodChange(difference: d, lower: lo, upper: hi, result: result)
    }
}
