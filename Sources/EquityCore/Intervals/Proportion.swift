/// A proportion x/n with Wilson score limits, as PHEindicatormethods `phe_proportion`.
///
/// value = x/n × multiplier (1 for a proportion of 1, 100 for a percentage); limits by
/// `Wilson.interval`, scaled the same way. Errors (as PHE): x < 0, n ≤ 0, x > n. A missing x or n
/// (NaN) gives a missing result with a note, not an error.
///
/// ```swift
/// let smoking = Proportion(confidence: try ConfidenceLevels([0.95, 0.998]), multiplier: 100)
/// let r = try smoking.result(x: 81, n: 100)   // 81, limits 72.22…–87.49… and 66.40…–90.19…
/// let all = try smoking.results(numerators: [81, 5], denominators: [100, 50])
/// ```
public struct Proportion: Sendable {
    /// The confidence levels of the limits.
    public let confidence: ConfidenceLevels
    /// 1 for a proportion of 1, 100 for a percentage (PHE's `multiplier`); positive.
    public let multiplier: Double

    /// A proportion statistic at `confidence`, scaled by `multiplier`.
    public init(confidence: ConfidenceLevels = .ninetyFive, multiplier: Double = 1) {
        self.confidence = confidence
        self.multiplier = multiplier
    }

    /// PHE's statistic text: "percentage" for a multiplier of 100, else "proportion of N".
    public var statistic: String {
        multiplier == 100 ? "percentage" : "proportion of \(NumberFormatting.string(multiplier))"
    }

    /// The method of the limits (Wilson).
    public var method: IntervalMethod { .wilson }

    /// The problem with these inputs, if any (missing values are not a problem).
    @inlinable
    public func issue(x: Double, n: Double) -> RowIssue? {
        if x < 0 { return RowIssue(input: 0, reason: "numerator \(NumberFormatting.string(x)) is negative") }
        if n <= 0 { return RowIssue(input: 1, reason: "denominator \(NumberFormatting.string(n)) must be greater than zero") }
        if x > n {
            return RowIssue(input: 0, reason: "numerator \(NumberFormatting.string(x)) is greater than denominator \(NumberFormatting.string(n))")
        }
        return nil
    }

    /// The proportion and its limits for x events out of n.
    public func result(x: Double, n: Double) throws(RowIssue) -> IntervalResult {
        if let issue = issue(x: x, n: n) { throw issue }
        if x.isNaN || n.isNaN {
            return .missing(levels: confidence.count, method: method, note: x.isNaN ? "numerator missing" : "denominator missing")
        }
        var lower: [Double] = [], upper: [Double] = []
        for z in confidence.z {
            let (lo, hi) = Wilson.interval(x: x, n: n, z: z)
            lower.append(lo * multiplier)
            upper.append(hi * multiplier)
        }
        return IntervalResult(value: x / n * multiplier, lower: lower, upper: upper, method: method).finite()
    }

    /// Results for arrays of numerators and denominators (equal lengths); the first invalid
    /// pair throws, with its index in `RowIssue.input`'s place reported as `index`.
    public func results(numerators x: [Double], denominators n: [Double]) throws(IndexedRowIssue) -> [IntervalResult] {
        guard x.count == n.count else { throw IndexedRowIssue(index: -1, issue: RowIssue(input: 1, reason: "numerators and denominators differ in length")) }
        var out: [IntervalResult] = []
        out.reserveCapacity(x.count)
        for i in 0..<x.count {
            do { out.append(try result(x: x[i], n: n[i])) } catch { throw IndexedRowIssue(index: i, issue: error) }
        }
        return out
    }
}

/// A `RowIssue` at a position of an array input.
public struct IndexedRowIssue: Error, Sendable, Equatable, CustomStringConvertible {
    /// The index of the offending element (−1 when the arrays themselves do not fit together).
    public var index: Int
    /// What is wrong with it.
    public var issue: RowIssue

    /// An issue at element `index`.
    public init(index: Int, issue: RowIssue) {
        self.index = index
        self.issue = issue
    }

    /// The issue in words, with the element.
    public var description: String { index < 0 ? issue.reason : "element \(index): \(issue.reason)" }
}
