#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mean with Student's t confidence limits, as PHEindicatormethods `phe_mean`:
/// mean ± t(c + (1−c)/2, n−1) · s/√n with s the sample standard deviation (n − 1).
///
/// Missing values: as PHE (whose sums have no `na.rm`), a group with any missing value has a
/// missing mean, with a note; `dropMissing` leaves them out instead (counted in the note).
public struct MeanInterval: Sendable {
    /// The limits' levels.
    public let confidence: ConfidenceLevels
    /// Leave missing values out of the mean (otherwise the group's mean is missing, as PHE).
    public let dropMissing: Bool

    /// A mean statistic.
    public init(confidence: ConfidenceLevels = .ninetyFive, dropMissing: Bool = false) {
        self.confidence = confidence
        self.dropMissing = dropMissing
    }

    /// One group's sum, count, standard deviation and mean.
    public struct Result: Sendable, Equatable {
        /// Σ values.
        public var sum: Double
        /// Values used (with missing ones, as PHE, when the mean is missing).
        public var count: Int
        /// Sample standard deviation (n − 1).
        public var standardDeviation: Double
        /// The mean and its limits.
        public var interval: IntervalResult
    }

    /// The method of the limits.
    public static let method = IntervalMethod.studentT

    /// The mean of the non-missing values (missing ones are counted in the note).
    public func compute(_ values: [Double]) -> Result {
        var sum = 0.0, n = 0, missing = 0
        for v in values { if v.isNaN { missing += 1 } else { sum += v; n += 1 } }
        if missing > 0 && !dropMissing {
            return Result(sum: .nan, count: values.count, standardDeviation: .nan,
                          interval: .missing(levels: confidence.count, method: Self.method,
                                             note: "\(missing) missing value\(missing == 1 ? "" : "s"): mean not calculated (as PHE)"))
        }
        let missingNote = missing > 0 ? "\(missing) missing value\(missing == 1 ? "" : "s") left out" : ""
        if n < 2 {
            let note = ["fewer than 2 values", missingNote].filter { !$0.isEmpty }.joined(separator: "; ")
            return Result(sum: sum, count: n, standardDeviation: .nan,
                          interval: .missing(levels: confidence.count, method: Self.method, note: note))
        }
        let mean = sum / Double(n)
        var ss = 0.0
        for v in values where !v.isNaN { ss += (v - mean) * (v - mean) }
        let sd = (ss / Double(n - 1)).squareRoot()
        let se = sd / Double(n).squareRoot()
        var lower: [Double] = [], upper: [Double] = []
        for c in confidence.levels {
            let t = StudentT.quantile(c + (1 - c) / 2, degreesOfFreedom: Double(n - 1))
            lower.append(mean - t * se)
            upper.append(mean + t * se)
        }
        return Result(sum: sum, count: n, standardDeviation: sd,
                      interval: IntervalResult(value: mean, lower: lower, upper: upper, method: Self.method, note: missingNote).finite())
    }
}
