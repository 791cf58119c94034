/// How a confidence interval was computed; `rawValue` is the text PHEindicatormethods writes in
/// its `method` column.
public enum IntervalMethod: String, Sendable, CaseIterable {
    /// Wilson score interval (proportions).
    case wilson = "Wilson"
    /// Exact Poisson limits from the χ² distribution (counts below 10).
    case exact = "Exact"
    /// Byar's approximation to Poisson limits (counts of 10 or more).
    case byars = "Byars"
    /// Dobson et al. (1991) limits for a directly standardised rate.
    case dobson = "Dobson"
    /// Dobson limits adjusted for non-independent events (PHE 2.1).
    case dobsonNonIndependent = "Dobson, with confidence adjusted for non-independent events"
    /// Student's t interval for a mean.
    case studentT = "Student's t-distribution"
    /// Chiang II life table with Silcocks et al. (2001) variance.
    case chiangSilcocks = "Chiang, using Silcocks et al for confidence limits"
    /// Poisson limits of a ratio's observed count (funnels, ISRs use `exact`/`byars`).
    case poisson = "Poisson"
}

/// One statistic with its confidence limits at one or more levels, or a reason it is missing.
public struct IntervalResult: Sendable, Equatable {
    /// The point estimate (NaN when missing).
    public var value: Double
    /// Lower and upper limits, one per confidence level, in the order of the levels.
    public var lower: [Double]
    /// Upper limits, one per confidence level.
    public var upper: [Double]
    /// The method that produced the limits (nil when none applies, e.g. a missing count).
    public var method: IntervalMethod?
    /// Why the result is missing or partial; empty when complete.
    public var note: String

    /// A result.
    public init(value: Double, lower: [Double], upper: [Double], method: IntervalMethod?, note: String = "") {
        self.value = value
        self.lower = lower
        self.upper = upper
        self.method = method
        self.note = note
    }

    /// A missing result with its reason.
    public static func missing(levels: Int, method: IntervalMethod?, note: String) -> IntervalResult {
        IntervalResult(value: .nan, lower: Array(repeating: .nan, count: levels),
                       upper: Array(repeating: .nan, count: levels), method: method, note: note)
    }

    /// Whether the value is missing.
    public var isMissing: Bool { value.isNaN }

    /// The same result with any infinite value or limit blanked (NaN) and the note saying so —
    /// extreme inputs (a huge multiplier, a vanishing denominator) never print as `inf`.
    public func finite() -> IntervalResult {
        var r = self
        var blanked = false
        if r.value.isInfinite { r.value = .nan; blanked = true }
        for k in r.lower.indices where r.lower[k].isInfinite { r.lower[k] = .nan; blanked = true }
        for k in r.upper.indices where r.upper[k].isInfinite { r.upper[k] = .nan; blanked = true }
        if blanked { r.note = joinNotes(r.note, "result too large to represent") }
        return r
    }
}

/// A problem with one input value of one row (a negative count, x > n …), which the caller
/// reports with the row's position (`FILE:LINE:COLUMN` for files).
public struct RowIssue: Error, Sendable, Equatable {
    /// Which of the statistic's inputs is at fault (0 for the first, e.g. the numerator).
    public var input: Int
    /// What is wrong, in words.
    public var reason: String

    /// An issue with input `input`.
    public init(input: Int, reason: String) {
        self.input = input
        self.reason = reason
    }
}

/// Joins non-empty notes with "; ".
func joinNotes(_ notes: String...) -> String {
    notes.filter { !$0.isEmpty }.joined(separator: "; ")
}
