/// Significance of an area's value against a comparator, by the Fingertips rules
/// (methods.md §3): the area's confidence interval at the indicator's level against the
/// comparator's point value (the comparator's own interval is not used). The interval contains
/// the value (inclusive) → Similar; wholly below → Lower; wholly above → Higher; polarity maps
/// Lower/Higher to Worse/Better (high is good), Better/Worse (low is good) or keeps them (no
/// judgement). The two-level method uses both 95% and 99.8% intervals (5 categories). RAG:
/// Better → G, Similar → A, Worse → R; no judgement and not compared → no colour.
public enum BenchmarkComparison {
    /// Where the interval lies relative to the comparator value.
    public enum Position: Sendable { case lower, similar, higher }

    /// Where an interval [lower, upper] lies relative to `comparator` (nil when any is missing).
    public static func position(lower: Double, upper: Double, comparator: Double) -> Position? {
        if lower.isNaN || upper.isNaN || comparator.isNaN { return nil }
        if upper < comparator { return .lower }
        if lower > comparator { return .higher }
        return .similar
    }

    /// The outcome of one comparison: its result and, when not compared, why.
    public struct Outcome: Sendable, Equatable {
        /// The comparison's result.
        public var result: BenchmarkResult
        /// Why the area was not compared (empty otherwise).
        public var note: String
        /// The RAG rating: the result's, none under no judgement (Fingertips' blue/orange),
        /// quintiles or not compared.
        public var rag: RAG?

        /// An outcome with a result and an optional note; `polarity` decides whether it has a RAG
        /// colour.
        public init(_ result: BenchmarkResult, polarity: Polarity = .highIsGood, note: String = "") {
            self.result = result
            self.note = note
            rag = polarity == .noJudgement || polarity == .notApplicable ? nil : result.rag
        }

        /// Not compared, for this reason.
        public static func notCompared(_ reason: String) -> Outcome { Outcome(.notCompared, note: reason) }

        /// The label as Fingertips writes it ("Better", "Worse 99.8%", "Not compared", …).
        public var label: String { result.text }
    }

    static func result(_ p: Position, _ polarity: Polarity) -> BenchmarkResult {
        switch (p, polarity) {
        case (.similar, _): return .similar
        case (.lower, .highIsGood), (.higher, .lowIsGood): return .worse
        case (.lower, .lowIsGood), (.higher, .highIsGood): return .better
        case (.lower, _): return .lower
        case (.higher, _): return .higher
        }
    }

    /// One-level comparison (95% or 99.8% limits given).
    public static func compare(lower: Double, upper: Double, comparator: Double, polarity: Polarity) -> Outcome {
        if polarity == .notApplicable { return .notCompared("polarity not applicable") }
        if comparator.isNaN { return .notCompared("comparator value missing") }
        guard let p = position(lower: lower, upper: upper, comparator: comparator) else {
            return .notCompared("confidence interval missing")
        }
        return Outcome(result(p, polarity), polarity: polarity)
    }

    /// Two-level comparison: 99.8% first, then 95% (Better 99.8% / Better 95% / Similar /
    /// Worse 95% / Worse 99.8%; no judgement: Highest / Higher / Similar / Lower / Lowest).
    public static func compareTwoLevel(lower95: Double, upper95: Double, lower998: Double, upper998: Double,
                                       comparator: Double, polarity: Polarity) -> Outcome {
        if polarity == .notApplicable { return .notCompared("polarity not applicable") }
        if comparator.isNaN { return .notCompared("comparator value missing") }
        guard let p95 = position(lower: lower95, upper: upper95, comparator: comparator),
              let p998 = position(lower: lower998, upper: upper998, comparator: comparator) else {
            return .notCompared("95% and 99.8% confidence intervals needed")
        }
        if p95 == .similar { return Outcome(.similar, polarity: polarity) }
        let strong = p998 != .similar
        switch result(p95, polarity) {
        case .better: return Outcome(strong ? .better998 : .better95, polarity: polarity)
        case .worse: return Outcome(strong ? .worse998 : .worse95, polarity: polarity)
        case .higher: return Outcome(strong ? .highest : .higher, polarity: polarity)
        default: return Outcome(strong ? .lowest : .lower, polarity: polarity)
        }
    }

    /// Two values with confidence intervals (change since the previous period): the intervals
    /// overlap when the lower limit of the higher value ≤ the upper limit of the lower value.
    public static func overlap(value1: Double, lower1: Double, upper1: Double, value2: Double, lower2: Double, upper2: Double) -> Bool? {
        if [value1, lower1, upper1, value2, lower2, upper2].contains(where: { $0.isNaN }) { return nil }
        return value1 >= value2 ? lower1 <= upper2 : lower2 <= upper1
    }

}

/// The result of comparing an area's value with a comparator (Fingertips' benchmarking).
public enum BenchmarkResult: Sendable, Hashable {
    /// One level (95% or 99.8%): the interval is better, similar, worse; or higher/lower with no
    /// judgement.
    case better, similar, worse, higher, lower
    /// Two levels: significant at 95% only or at 99.8%.
    case better95, better998, worse95, worse998
    /// Two levels with no judgement: significantly high/low at 99.8%.
    case highest, lowest
    /// Quintile benchmarking: quintile 1 (lowest values) to 5.
    case quintile(Int)
    /// No comparison was possible (see the outcome's note).
    case notCompared

    /// The label as Fingertips writes it.
    public var text: String {
        switch self {
        case .better: return "Better"
        case .similar: return "Similar"
        case .worse: return "Worse"
        case .higher: return "Higher"
        case .lower: return "Lower"
        case .better95: return "Better 95%"
        case .better998: return "Better 99.8%"
        case .worse95: return "Worse 95%"
        case .worse998: return "Worse 99.8%"
        case .highest: return "Highest"
        case .lowest: return "Lowest"
        case let .quintile(q): return QuintileBenchmark.labels[max(1, min(5, q)) - 1]
        case .notCompared: return "Not compared"
        }
    }

    /// Better → green, similar → amber, worse → red; none for no judgement, quintiles and not
    /// compared.
    public var rag: RAG? {
        switch self {
        case .better, .better95, .better998: return .green
        case .worse, .worse95, .worse998: return .red
        case .similar: return .amber
        default: return nil
        }
    }
}

/// A red/amber/green rating.
public enum RAG: String, Sendable, CaseIterable {
    case red = "R", amber = "A", green = "G"
}

/// The change since the previous period, in the words of the Luton table's "trend" column (see
/// ``PeriodChange``).
public enum ChangeResult: String, Sendable, CaseIterable {
    /// Not significant.
    case noSignificantChange = "Comparable"
    /// Significant, in the good direction.
    case significantlyBetter = "Significantly improving"
    /// Significant, in the bad direction.
    case significantlyWorse = "Significantly worse"
    /// Significant upwards, no judgement.
    case significantlyHigher = "Significantly higher"
    /// Significant downwards, no judgement.
    case significantlyLower = "Significantly lower"
}
