import EquityCore

/// `equity ci proportion` and `equity ci rate` (ungrouped) over columns already in memory — the
/// C ABI's fast path for the Python package: the same row statistics (`Proportion.result`,
/// `CrudeRate.result`), written into the caller's arrays instead of CSV text.
public enum RowwiseColumns {
    /// Which row statistic.
    public enum Statistic: Sendable {
        /// Wilson limits (`ci proportion`).
        case proportion
        /// Exact Poisson / Byar's limits (`ci rate`).
        case rate
    }

    /// The texts that go with the numbers: output column names, the `confidence` and
    /// `statistic` columns' text, and the notes that `note` indexes.
    public struct Texts: Sendable {
        /// value, then the limit columns, then confidence, statistic, method, note.
        public var columns: [String]
        /// The `confidence` column's text.
        public var confidence: String
        /// The `statistic` column's text.
        public var statistic: String
        /// The notes: 0 none, 1 numerator missing, 2 denominator missing.
        public var notes: [String]
        /// The `method` column's texts, indexed by `method` (`IntervalMethod.allCases`).
        public var methods: [String]
    }

    /// Why the columns could not be computed here: a usage error (status 64) or a row that the
    /// command reports better (status 2: the caller runs the command for its `FILE:LINE` message).
    public struct Failure: Error, Sendable {
        /// 64 for a usage error, 2 for an invalid or unusual row.
        public var status: Int32
        /// What is wrong.
        public var message: String
    }

    /// Fills `value` (n), `lower` and `upper` (levels × n, level-major), `method` (−1 none,
    /// otherwise the index in `IntervalMethod.allCases`) and `note` (an index into `Texts.notes`).
    public static func compute(statistic: Statistic, count n: Int, numerator: UnsafePointer<Double>?, denominator: UnsafePointer<Double>?,
                               multiplier: Double, levels: [Double],
                               value: UnsafeMutablePointer<Double>?, lower: UnsafeMutablePointer<Double>?, upper: UnsafeMutablePointer<Double>?,
                               method: UnsafeMutablePointer<Int8>?, note: UnsafeMutablePointer<Int32>?) -> Result<Texts, Failure> {
        guard multiplier > 0, multiplier.isFinite else { return .failure(Failure(status: 64, message: "--multiplier must be a positive number")) }
        let confidence: ConfidenceLevels
        do { confidence = try ConfidenceLevels(levels) } catch {
            return .failure(Failure(status: 64, message: "--confidence: \(error)"))
        }
        guard n == 0 || (numerator != nil && denominator != nil && value != nil && lower != nil && upper != nil && method != nil && note != nil) else {
            return .failure(Failure(status: 64, message: "missing column or output buffer"))
        }
        let notes = ["", "numerator missing", "denominator missing"]
        let methods = IntervalMethod.allCases
        let proportion = Proportion(confidence: confidence, multiplier: multiplier)
        let rate = CrudeRate(confidence: confidence, multiplier: multiplier)
        let k = confidence.count
        for i in 0..<n {
            let x = numerator![i], d = denominator![i]
            // Infinite inputs are refused by the command with their row: let it say so.
            if x.isInfinite || d.isInfinite { return .failure(Failure(status: 2, message: "row \(i + 1): not a finite number")) }
            let r: IntervalResult
            do {
                switch statistic {
                case .proportion: r = try proportion.result(x: x, n: d)
                case .rate: r = try rate.result(o: x, n: d)
                }
            } catch {
                return .failure(Failure(status: 2, message: "row \(i + 1): \(error.reason)"))
            }
            guard let noteIndex = notes.firstIndex(of: r.note) else {
                return .failure(Failure(status: 2, message: "row \(i + 1): \(r.note)"))
            }
            value![i] = r.value
            for l in 0..<k {
                lower![l * n + i] = r.lower[l]
                upper![l * n + i] = r.upper[l]
            }
            method![i] = r.method.map { m in Int8(methods.firstIndex(of: m)!) } ?? -1
            note![i] = Int32(noteIndex)
        }
        let columns = ["value"] + confidence.columnNames + ["confidence", "statistic", "method", "note"]
        return .success(Texts(columns: columns, confidence: confidence.label,
                              statistic: statistic == .proportion ? proportion.statistic : rate.statistic, notes: notes,
                              methods: methods.map(\.rawValue)))
    }
}
