/// One statistic with its confidence limits at one or more levels, or a reason it is missing.
public struct IntervalResult: Sendable, Equatable {
    /// The point estimate (NaN when missing).
    public var value: Double
    /// Lower and upper limits, one per confidence level, in the order of the levels.
    public var lower: [Double]
    public var upper: [Double]
    /// The method that produced the limits (e.g. "Wilson", "Exact", "Byars").
    public var method: String
    /// Why the result is missing or partial; empty when complete.
    public var note: String

    public init(value: Double, lower: [Double], upper: [Double], method: String, note: String = "") {
        self.value = value
        self.lower = lower
        self.upper = upper
        self.method = method
        self.note = note
    }

    /// A missing result with its reason.
    public static func missing(levels: Int, method: String, note: String) -> IntervalResult {
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

/// A problem with one input value of one row, reported as `FILE:LINE:COLUMN` by the caller.
public struct RowIssue: Error, Sendable, Equatable {
    /// Which of the statistic's inputs is at fault (index into `inputNames`).
    public var input: Int
    public var reason: String

    public init(input: Int, reason: String) {
        self.input = input
        self.reason = reason
    }
}

/// A statistic computed independently for each input row (proportions, crude rates), which a
/// batch pipeline can run over millions of rows without allocating per row.
public protocol RowwiseStatistic: Sendable {
    /// The roles of the numeric inputs, in order (for messages), e.g. ["numerator", "denominator"].
    var inputNames: [String] { get }
    /// The output columns this statistic appends to each row.
    var outputColumns: [String] { get }
    /// Appends this row's output fields, each preceded by a comma. `inputs` holds one value per
    /// input (NaN for missing). Returns an issue instead for invalid input (nothing appended).
    func append(_ inputs: UnsafePointer<Double>, to out: ByteWriter) -> RowIssue?
    /// Checks one row's inputs (NaN = missing, which is not an issue).
    func validate(_ inputs: UnsafePointer<Double>) -> RowIssue?
}

/// Joins non-empty notes with "; ".
func joinNotes(_ notes: String...) -> String {
    notes.filter { !$0.isEmpty }.joined(separator: "; ")
}
