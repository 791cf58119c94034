/// A statistic computed independently for each input row (proportions, crude rates), which the
/// streaming pipeline runs over millions of rows without allocating per row: each kernel
/// appends its output fields as bytes, with the texts that repeat on every row (confidence,
/// statistic, method) formatted once.
package protocol RowwiseStatistic: Sendable {
    /// The roles of the numeric inputs, in order (for messages), e.g. ["numerator", "denominator"].
    var inputNames: [String] { get }
    /// The output columns appended to each row.
    var outputColumns: [String] { get }
    /// Appends this row's output fields, each preceded by a comma. `inputs` holds one value per
    /// input (NaN for missing). Returns an issue instead for invalid input (nothing appended).
    func append(_ inputs: UnsafePointer<Double>, to out: ByteWriter) -> RowIssue?
    /// Checks one row's inputs (NaN = missing, which is not an issue).
    func validate(_ inputs: UnsafePointer<Double>) -> RowIssue?
    /// The row's result as a value (for outputs other than CSV).
    func result(_ inputs: UnsafePointer<Double>) throws(RowIssue) -> IntervalResult
    /// The confidence levels (for column names and the `confidence` column).
    var confidence: ConfidenceLevels { get }
    /// The `statistic` column's text.
    var statistic: String { get }
}

extension RowwiseStatistic {
    package var outputColumns: [String] { ["value"] + confidence.columnNames + ["confidence", "statistic", "method", "note"] }
}

/// `,confidence,statistic,method,` as bytes, for each method text.
func rowTail(_ confidence: ConfidenceLevels, _ statistic: String, _ method: String) -> [UInt8] {
    let w = ByteWriter(capacity: 128)
    for text in [confidence.label, statistic, method] {
        w.append(byte: 0x2C)
        w.appendField(text)
    }
    w.append(byte: 0x2C)
    return Array(w.bytes)
}

/// The row kernel of `Proportion`.
package struct ProportionKernel: RowwiseStatistic {
    package let proportion: Proportion
    private let tail: [UInt8]

    package init(_ proportion: Proportion) {
        self.proportion = proportion
        tail = rowTail(proportion.confidence, proportion.statistic, proportion.method.rawValue)
    }

    package var inputNames: [String] { ["numerator", "denominator"] }
    package var confidence: ConfidenceLevels { proportion.confidence }
    package var statistic: String { proportion.statistic }

    package func validate(_ inputs: UnsafePointer<Double>) -> RowIssue? { proportion.issue(x: inputs[0], n: inputs[1]) }
    package func result(_ inputs: UnsafePointer<Double>) throws(RowIssue) -> IntervalResult { try proportion.result(x: inputs[0], n: inputs[1]) }

    package func append(_ inputs: UnsafePointer<Double>, to out: ByteWriter) -> RowIssue? {
        let x = inputs[0], n = inputs[1]
        if let issue = proportion.issue(x: x, n: n) { return issue }
        out.append(byte: 0x2C)
        if x.isNaN || n.isNaN {
            for _ in 0..<(2 * confidence.count) { out.append(byte: 0x2C) }
            appendTail(to: out, note: x.isNaN ? "numerator missing" : "denominator missing")
            return nil
        }
        let m = proportion.multiplier
        let value = x / n * m
        if !value.isFinite {
            for _ in 0..<(2 * confidence.count) { out.append(byte: 0x2C) }
            appendTail(to: out, note: "result too large to represent")
            return nil
        }
        out.append(value)
        for z in confidence.z {
            let (lo, hi) = Wilson.interval(x: x, n: n, z: z)
            out.append(byte: 0x2C)
            out.append(lo * m)
            out.append(byte: 0x2C)
            out.append(hi * m)
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

/// The row kernel of `CrudeRate`.
package struct CrudeRateKernel: RowwiseStatistic {
    package let rate: CrudeRate
    /// Tails for no method, Exact and Byars.
    private let tails: [[UInt8]]

    package init(_ rate: CrudeRate) {
        self.rate = rate
        tails = ["", IntervalMethod.exact.rawValue, IntervalMethod.byars.rawValue].map { rowTail(rate.confidence, rate.statistic, $0) }
    }

    package var inputNames: [String] { ["numerator", "denominator"] }
    package var confidence: ConfidenceLevels { rate.confidence }
    package var statistic: String { rate.statistic }

    package func validate(_ inputs: UnsafePointer<Double>) -> RowIssue? { rate.issue(o: inputs[0], n: inputs[1]) }
    package func result(_ inputs: UnsafePointer<Double>) throws(RowIssue) -> IntervalResult { try rate.result(o: inputs[0], n: inputs[1]) }

    package func append(_ inputs: UnsafePointer<Double>, to out: ByteWriter) -> RowIssue? {
        let o = inputs[0], n = inputs[1]
        if let issue = rate.issue(o: o, n: n) { return issue }
        out.append(byte: 0x2C)
        if o.isNaN || n.isNaN {
            for _ in 0..<(2 * confidence.count) { out.append(byte: 0x2C) }
            appendTail(to: out, method: o.isNaN ? 0 : (o < PoissonLimits.byarsThreshold ? 1 : 2),
                       note: o.isNaN ? "numerator missing" : "denominator missing")
            return nil
        }
        let m = rate.multiplier
        let value = o / n * m
        if !value.isFinite {
            for _ in 0..<(2 * confidence.count) { out.append(byte: 0x2C) }
            appendTail(to: out, method: 0, note: "result too large to represent")
            return nil
        }
        out.append(value)
        for k in 0..<confidence.count {
            let (lo, hi) = rate.limits(o, level: k)
            out.append(byte: 0x2C)
            out.append(lo / n * m)
            out.append(byte: 0x2C)
            out.append(hi / n * m)
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
