#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Confidence limits for a Poisson count, as PHEindicatormethods computes them.
///
/// - Exact (Garwood 1936), used when O < 10: lower = qchisq((1−c)/2, 2O)/2 (0 when O = 0),
///   upper = qchisq(c + (1−c)/2, 2O + 2)/2.
/// - Byar's approximation (Breslow & Day 1987), used when O ≥ 10:
///   lower = O(1 − 1/(9O) − z/(3√O))³, upper = (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
public enum PoissonLimits {
    /// PHE's switch-over: exact below this count, Byar's from it.
    public static let byarsThreshold = 10.0

    @inlinable
    /// Exact lower limit qchisq((1−c)/2, 2O)/2 (0 for O = 0).
    public static func exactLower(_ o: Double, confidence c: Double) -> Double {
        o == 0 ? 0 : ChiSquared.quantile((1 - c) / 2, degreesOfFreedom: 2 * o) / 2
    }

    @inlinable
    /// Exact upper limit qchisq(c + (1−c)/2, 2O + 2)/2.
    public static func exactUpper(_ o: Double, confidence c: Double) -> Double {
        ChiSquared.quantile(c + (1 - c) / 2, degreesOfFreedom: 2 * o + 2) / 2
    }

    @inlinable
    /// Byar's lower limit O(1 − 1/(9O) − z/(3√O))³.
    public static func byarsLower(_ o: Double, z: Double) -> Double {
        let t = 1 - 1 / (9 * o) - z / (3 * o.squareRoot())
        return o * t * t * t
    }

    @inlinable
    /// Byar's upper limit (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
    public static func byarsUpper(_ o: Double, z: Double) -> Double {
        let o1 = o + 1
        let t = 1 - 1 / (9 * o1) + z / (3 * o1.squareRoot())
        return o1 * t * t * t
    }

    /// Limits for count o at confidence c (z = its critical value), choosing the method as PHE does.
    public static func limits(_ o: Double, confidence c: Double, z: Double) -> (lower: Double, upper: Double, method: IntervalMethod) {
        if o < byarsThreshold {
            return (exactLower(o, confidence: c), exactUpper(o, confidence: c), .exact)
        }
        return (byarsLower(o, z: z), byarsUpper(o, z: z), .byars)
    }

    /// Batch kernel (Byar's for every row): limits for counts o at critical value z.
    public static func byars(_ o: UnsafeBufferPointer<Double>, z: Double,
                             lower: UnsafeMutableBufferPointer<Double>, upper: UnsafeMutableBufferPointer<Double>) {
        let z3 = z / 3
        for i in 0..<o.count {
            let x = o[i]
            let x1 = x + 1
            let a = 1 - 1 / (9 * x) - z3 / x.squareRoot()
            let b = 1 - 1 / (9 * x1) + z3 / x1.squareRoot()
            lower[i] = x * a * a * a
            upper[i] = x1 * b * b * b
        }
    }
}

/// Exact limits for whole counts below the Byar's threshold, precomputed once per confidence
/// level so a batch of rates needs no chi-squared quantile per row.
public struct ExactPoissonTable: Sendable {
    /// Lower limits for counts 0…9.
    public let lower: [Double]
    /// Upper limits for counts 0…9.
    public let upper: [Double]

    /// Precomputes the table at level c.
    public init(confidence c: Double) {
        lower = (0..<10).map { PoissonLimits.exactLower(Double($0), confidence: c) }
        upper = (0..<10).map { PoissonLimits.exactUpper(Double($0), confidence: c) }
    }

    /// Limits for count o (< 10): from the table for whole counts, computed otherwise.
    @inlinable
    public func limits(_ o: Double, confidence c: Double) -> (Double, Double) {
        let k = Int(o)
        if Double(k) == o && k >= 0 && k < 10 { return (lower[k], upper[k]) }
        return (PoissonLimits.exactLower(o, confidence: c), PoissonLimits.exactUpper(o, confidence: c))
    }
}
