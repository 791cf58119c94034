/// A crude rate O/n × multiplier with Poisson limits, as PHEindicatormethods `phe_rate`:
/// exact limits when O < 10, Byar's from 10 (see `PoissonLimits`), divided by n and scaled.
///
/// Errors (as PHE): O < 0, n ≤ 0. A missing O or n gives a missing result with a note.
public struct CrudeRate: RowwiseStatistic {
    public let confidence: ConfidenceLevels
    public let multiplier: Double
    private let tables: [ExactPoissonTable]

    /// `,confidence,statistic,method,` as bytes for each method (none, Exact, Byars).
    private let tails: [[UInt8]]

    public init(confidence: ConfidenceLevels = .ninetyFive, multiplier: Double = 100_000) {
        self.confidence = confidence
        self.multiplier = multiplier
        tables = confidence.levels.map { ExactPoissonTable(confidence: $0) }
        tails = ["", "Exact", "Byars"].map { method in
            let w = ByteWriter(capacity: 128)
            for text in [confidence.label, "rate per \(NumberFormatting.string(multiplier))", method] {
                w.append(byte: 0x2C)
                w.appendField(text)
            }
            w.append(byte: 0x2C)
            return Array(w.bytes)
        }
    }

    /// PHE's statistic text, e.g. "rate per 100000".
    public var statistic: String { "rate per \(NumberFormatting.string(multiplier))" }

    public var inputNames: [String] { ["numerator", "denominator"] }
    public var outputColumns: [String] { ["value"] + confidence.columnNames + ["confidence", "statistic", "method", "note"] }

    @inlinable
    public func issue(o: Double, n: Double) -> RowIssue? {
        if o < 0 { return RowIssue(input: 0, reason: "numerator \(NumberFormatting.string(o)) is negative") }
        if n <= 0 { return RowIssue(input: 1, reason: "denominator \(NumberFormatting.string(n)) must be greater than zero") }
        return nil
    }

    /// The result for one row.
    public func result(o: Double, n: Double) throws(RowIssue) -> IntervalResult {
        if let issue = issue(o: o, n: n) { throw issue }
        if o.isNaN || n.isNaN {
            return .missing(levels: confidence.count, method: o.isNaN ? "" : (o < PoissonLimits.byarsThreshold ? "Exact" : "Byars"),
                            note: o.isNaN ? "numerator missing" : "denominator missing")
        }
        var lower: [Double] = [], upper: [Double] = []
        for k in 0..<confidence.count {
            let (lo, hi) = limits(o, level: k)
            lower.append(lo / n * multiplier)
            upper.append(hi / n * multiplier)
        }
        return IntervalResult(value: o / n * multiplier, lower: lower, upper: upper,
                              method: o < PoissonLimits.byarsThreshold ? "Exact" : "Byars").finite()
    }

    @inline(__always)
    func limits(_ o: Double, level k: Int) -> (Double, Double) {
        if o < PoissonLimits.byarsThreshold { return tables[k].limits(o, confidence: confidence.levels[k]) }
        let z = confidence.z[k]
        return (PoissonLimits.byarsLower(o, z: z), PoissonLimits.byarsUpper(o, z: z))
    }

    public func validate(_ inputs: UnsafePointer<Double>) -> RowIssue? { issue(o: inputs[0], n: inputs[1]) }

    public func append(_ inputs: UnsafePointer<Double>, to out: ByteWriter) -> RowIssue? {
        let o = inputs[0], n = inputs[1]
        if let issue = issue(o: o, n: n) { return issue }
        out.append(byte: 0x2C)
        if o.isNaN || n.isNaN {
            for _ in 0..<(2 * confidence.count) { out.append(byte: 0x2C) }
            appendTail(to: out, method: o.isNaN ? 0 : (o < PoissonLimits.byarsThreshold ? 1 : 2),
                       note: o.isNaN ? "numerator missing" : "denominator missing")
            return nil
        }
        let value = o / n * multiplier
        if !value.isFinite {
            for _ in 0..<(2 * confidence.count) { out.append(byte: 0x2C) }
            appendTail(to: out, method: 0, note: "result too large to represent")
            return nil
        }
        out.append(value)
        for k in 0..<confidence.count {
            let (lo, hi) = limits(o, level: k)
            out.append(byte: 0x2C)
            out.append(lo / n * multiplier)
            out.append(byte: 0x2C)
            out.append(hi / n * multiplier)
        }
        appendTail(to: out, method: o < PoissonLimits.byarsThreshold ? 1 : 2, note: "")
        return nil
    }

    @inline(__always)
    private func appendTail(to out: ByteWriter, method: Int, note: StaticString) {
        tails[method].withUnsafeBufferPointer { out.append($0) }
        out.append(bytes: note.utf8Start, count: note.utf8CodeUnitCount)
    }
}
