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

    public static func position(lower: Double, upper: Double, comparator: Double) -> Position? {
        if lower.isNaN || upper.isNaN || comparator.isNaN { return nil }
        if upper < comparator { return .lower }
        if lower > comparator { return .higher }
        return .similar
    }

    /// The outcome of one comparison.
    public struct Outcome: Sendable, Equatable {
        public var label: String
        public var rag: String
        public var note: String
        public static func notCompared(_ reason: String) -> Outcome { Outcome(label: "Not compared", rag: "", note: reason) }
    }

    static func word(_ p: Position, _ polarity: Polarity) -> String {
        switch (p, polarity) {
        case (.similar, _): return "Similar"
        case (.lower, .highIsGood): return "Worse"
        case (.lower, .lowIsGood): return "Better"
        case (.higher, .highIsGood): return "Better"
        case (.higher, .lowIsGood): return "Worse"
        case (.lower, _): return "Lower"
        case (.higher, _): return "Higher"
        }
    }

    static func rag(_ label: String) -> String {
        if label.hasPrefix("Better") { return "G" }
        if label.hasPrefix("Worse") { return "R" }
        if label == "Similar" { return "A" }
        return ""
    }

    /// One-level comparison (95% or 99.8% limits given).
    public static func compare(lower: Double, upper: Double, comparator: Double, polarity: Polarity) -> Outcome {
        if polarity == .notApplicable { return .notCompared("polarity not applicable") }
        if comparator.isNaN { return .notCompared("comparator value missing") }
        guard let p = position(lower: lower, upper: upper, comparator: comparator) else {
            return .notCompared("confidence interval missing")
        }
        let label = word(p, polarity)
        return Outcome(label: label, rag: polarity == .noJudgement ? "" : rag(label), note: "")
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
        if p95 == .similar { return Outcome(label: "Similar", rag: polarity == .noJudgement ? "" : "A", note: "") }
        let strong = p998 != .similar
        if polarity == .noJudgement {
            let label = p95 == .higher ? (strong ? "Highest" : "Higher") : (strong ? "Lowest" : "Lower")
            return Outcome(label: label, rag: "", note: "")
        }
        let w = word(p95, polarity)
        let label = "\(w) \(strong ? "99.8%" : "95%")"
        return Outcome(label: label, rag: rag(w), note: "")
    }

    /// Two values with confidence intervals (change since the previous period): the intervals
    /// overlap when the lower limit of the higher value ≤ the upper limit of the lower value.
    public static func overlap(value1: Double, lower1: Double, upper1: Double, value2: Double, lower2: Double, upper2: Double) -> Bool? {
        if [value1, lower1, upper1, value2, lower2, upper2].contains(where: { $0.isNaN }) { return nil }
        return value1 >= value2 ? lower1 <= upper2 : lower2 <= upper1
    }
}
