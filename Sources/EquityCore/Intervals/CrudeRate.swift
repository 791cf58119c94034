/// A crude rate O/n × multiplier with Poisson limits, as PHEindicatormethods `phe_rate`:
/// exact limits when O < 10, Byar's from 10 (see `PoissonLimits`), divided by n and scaled.
///
/// Errors (as PHE): O < 0, n ≤ 0. A missing O or n (NaN) gives a missing result with a note.
///
/// ```swift
/// let deaths = CrudeRate(confidence: .ninetyFive, multiplier: 100_000)
/// let r = try deaths.result(o: 65, n: 100_000)   // 65 per 100,000, Byar's 50.16–82.85
/// ```
public struct CrudeRate: Sendable {
    /// The confidence levels of the limits.
    public let confidence: ConfidenceLevels
    /// Rate per this many (default 100,000); positive.
    public let multiplier: Double
    /// Exact limits for whole counts 0…9, precomputed per level.
    @usableFromInline let tables: [ExactPoissonTable]

    /// A crude-rate statistic at `confidence`, per `multiplier`.
    public init(confidence: ConfidenceLevels = .ninetyFive, multiplier: Double = 100_000) {
        self.confidence = confidence
        self.multiplier = multiplier
        tables = confidence.levels.map { ExactPoissonTable(confidence: $0) }
    }

    /// PHE's statistic text, e.g. "rate per 100000".
    public var statistic: String { "rate per \(NumberFormatting.string(multiplier))" }

    /// The method PHE uses for count o: exact below 10, Byar's from 10.
    @inlinable
    public func method(count o: Double) -> IntervalMethod { o < PoissonLimits.byarsThreshold ? .exact : .byars }

    /// The problem with these inputs, if any (missing values are not a problem).
    @inlinable
    public func issue(o: Double, n: Double) -> RowIssue? {
        if o < 0 { return RowIssue(input: 0, reason: "numerator \(NumberFormatting.string(o)) is negative") }
        if n <= 0 { return RowIssue(input: 1, reason: "denominator \(NumberFormatting.string(n)) must be greater than zero") }
        return nil
    }

    /// The rate and its limits for o events in a population (person-years) n.
    public func result(o: Double, n: Double) throws(RowIssue) -> IntervalResult {
        if let issue = issue(o: o, n: n) { throw issue }
        if o.isNaN || n.isNaN {
            return .missing(levels: confidence.count, method: o.isNaN ? nil : method(count: o),
                            note: o.isNaN ? "numerator missing" : "denominator missing")
        }
        var lower: [Double] = [], upper: [Double] = []
        for k in 0..<confidence.count {
            let (lo, hi) = limits(o, level: k)
            lower.append(lo / n * multiplier)
            upper.append(hi / n * multiplier)
        }
        return IntervalResult(value: o / n * multiplier, lower: lower, upper: upper, method: method(count: o)).finite()
    }

    /// Results for arrays of counts and populations (equal lengths).
    public func results(counts o: [Double], populations n: [Double]) throws(IndexedRowIssue) -> [IntervalResult] {
        guard o.count == n.count else { throw IndexedRowIssue(index: -1, issue: RowIssue(input: 1, reason: "counts and populations differ in length")) }
        var out: [IntervalResult] = []
        out.reserveCapacity(o.count)
        for i in 0..<o.count {
            do { out.append(try result(o: o[i], n: n[i])) } catch { throw IndexedRowIssue(index: i, issue: error) }
        }
        return out
    }

    /// The Poisson limits of count o at level k (unscaled).
    @inlinable
    public func limits(_ o: Double, level k: Int) -> (Double, Double) {
        if o < PoissonLimits.byarsThreshold { return tables[k].limits(o, confidence: confidence.levels[k]) }
        let z = confidence.z[k]
        return (PoissonLimits.byarsLower(o, z: z), PoissonLimits.byarsUpper(o, z: z))
    }
}
