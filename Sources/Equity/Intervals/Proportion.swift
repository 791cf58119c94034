/// A proportion x/n with Wilson score limits, as PHEindicatormethods `phe_proportion`.
///
/// value = x/n × multiplier (1 for a proportion of 1, 100 for a percentage); limits by
/// `Wilson.interval`, scaled the same way. Errors (as PHE): x < 0, n ≤ 0, x > n. A missing x or n
/// gives a missing result with a note, not an error.
public struct Proportion: RowwiseStatistic {
    public let confidence: ConfidenceLevels
    public let multiplier: Double

    /// `,confidence,statistic,method,` as bytes, built once for the row kernel.
    private let tail: [UInt8]

    public init(confidence: ConfidenceLevels = .ninetyFive, multiplier: Double = 1) {
        self.confidence = confidence
        self.multiplier = multiplier
        let w = ByteWriter(capacity: 128)
        for text in [confidence.label, multiplier == 100 ? "percentage" : "proportion of \(NumberFormatting.string(multiplier))", "Wilson"] {
            w.append(byte: 0x2C)
            w.appendField(text)
        }
        w.append(byte: 0x2C)
        tail = Array(w.bytes)
    }

    /// PHE's statistic text: "percentage" for a multiplier of 100, else "proportion of N".
    public var statistic: String {
        multiplier == 100 ? "percentage" : "proportion of \(NumberFormatting.string(multiplier))"
    }
    public var method: String { "Wilson" }

    public var inputNames: [String] { ["numerator", "denominator"] }
    public var outputColumns: [String] { ["value"] + confidence.columnNames + ["confidence", "statistic", "method", "note"] }

    /// Checks the inputs; nil when they are usable or missing.
    @inlinable
    public func issue(x: Double, n: Double) -> RowIssue? {
        if x < 0 { return RowIssue(input: 0, reason: "numerator \(NumberFormatting.string(x)) is negative") }
        if n <= 0 { return RowIssue(input: 1, reason: "denominator \(NumberFormatting.string(n)) must be greater than zero") }
        if x > n {
            return RowIssue(input: 0, reason: "numerator \(NumberFormatting.string(x)) is greater than denominator \(NumberFormatting.string(n))")
        }
        return nil
    }

    /// The result for one row.
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

    public func validate(_ inputs: UnsafePointer<Double>) -> RowIssue? { issue(x: inputs[0], n: inputs[1]) }

    public func append(_ inputs: UnsafePointer<Double>, to out: ByteWriter) -> RowIssue? {
        let x = inputs[0], n = inputs[1]
        if let issue = issue(x: x, n: n) { return issue }
        out.append(byte: 0x2C)
        if x.isNaN || n.isNaN {
            for _ in 0..<(2 * confidence.count) { out.append(byte: 0x2C) }
            appendTail(to: out, note: x.isNaN ? "numerator missing" : "denominator missing")
            return nil
        }
        let value = x / n * multiplier
        if !value.isFinite {
            for _ in 0..<(2 * confidence.count) { out.append(byte: 0x2C) }
            appendTail(to: out, note: "result too large to represent")
            return nil
        }
        out.append(value)
        for z in confidence.z {
            let (lo, hi) = Wilson.interval(x: x, n: n, z: z)
            out.append(byte: 0x2C)
            out.append(lo * multiplier)
            out.append(byte: 0x2C)
            out.append(hi * multiplier)
        }
        appendTail(to: out, note: "")
        return nil
    }

    @inline(__always)
    private func appendTail(to out: ByteWriter, note: StaticString) {
        tail.withUnsafeBufferPointer { out.append($0) }
        out.append(bytes: note.utf8Start, count: note.utf8CodeUnitCount)
    }
}
