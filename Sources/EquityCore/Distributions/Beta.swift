#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The beta distribution: the regularised incomplete beta function Iₓ(a, b) and its inverse.
///
/// Iₓ(a, b) by the continued fraction of Didonato & Morris / Numerical Recipes (`betacf`),
/// evaluated with the modified Lentz method on the side of the mean where it converges fast
/// (using I₁₋ₓ(b, a) = 1 − Iₓ(a, b) otherwise); the prefactor uses an accurate ln B(a, b).
/// The quantile is safeguarded Newton iteration on Iₓ in the smaller tail.
public enum Beta {
    /// Both tails (Iₓ(a,b), 1 − Iₓ(a,b)); the smaller one is accurate relative to itself.
    public static func tails(_ x: Double, _ a: Double, _ b: Double) -> (lower: Double, upper: Double) {
        tails(x, complement: 1 - x, a, b)
    }

    /// As `tails(_:_:_:)` with 1 − x supplied exactly by the caller (e.g. t²/(ν+t²) for the t
    /// distribution), so no precision is lost when x is close to 1.
    public static func tails(_ x: Double, complement y: Double, _ a: Double, _ b: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        let logFront = a * log(x) + b * log(y) - SpecialFunctions.logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            let v = exp(logFront) * fraction(x, a, b) / a
            return (v, 1 - v)
        } else {
            let v = exp(logFront) * fraction(y, b, a) / b
            return (1 - v, v)
        }
    }

    /// Iₓ(a, b) = P(X ≤ x) for X ~ Beta(a, b).
    public static func cdf(_ x: Double, _ a: Double, _ b: Double) -> Double { tails(x, a, b).lower }

    /// The density xᵃ⁻¹(1−x)ᵇ⁻¹/B(a, b).
    public static func density(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 || x >= 1 { return 0 }
        return exp((a - 1) * log(x) + (b - 1) * log1p(-x) - SpecialFunctions.logBeta(a, b))
    }

    /// The quantile: x with Iₓ(a, b) = p.
    public static func quantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 || !(a > 0) || !(b > 0) { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        let useLower = p < 0.5
        let target = useLower ? p : 1 - p
        // Start from the mean nudged by a normal approximation, clipped into (0, 1).
        let mean = a / (a + b)
        let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
        var start = mean + Normal.quantile(p) * sd
        if !(start > 0 && start < 1) { start = mean }
        return SpecialFunctions.solve(start: start, lo: 0, hi: 1, increasing: useLower) { x in
            let t = tails(x, a, b)
            let d = density(x, a, b)
            return ((useLower ? t.lower : t.upper) - target, useLower ? d : -d)
        }
    }

    /// The continued fraction for Iₓ(a, b)·a / (xᵃ(1−x)ᵇ/B(a,b)).
    static func fraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let qab = a + b, qap = a + 1, qam = a - 1
        // 1 / (1 + d1/(1 + d2/(1 + ...))) with d_{2m+1} = −(a+m)(a+b+m)x/((a+2m)(a+2m+1)),
        // d_{2m} = m(b−m)x/((a+2m−1)(a+2m)).
        let cf = SpecialFunctions.continuedFraction(b0: 1) { n in
            let odd = n % 2 == 1
            let m = Double(odd ? (n - 1) / 2 : n / 2)
            let d: Double
            if odd {
                d = -(a + m) * (qab + m) * x / ((a + 2 * m) * (qap + 2 * m))
            } else {
                d = m * (b - m) * x / ((qam + 2 * m) * (a + 2 * m))
            }
            return (d, 1)
        }
        return 1 / cf
    }
}

/// Student's t distribution with ν degrees of freedom.
///
/// CDF through the incomplete beta, P(T > t) = ½·I_{ν/(ν+t²)}(ν/2, ½) for t > 0; the quantile by
/// safeguarded Newton iteration on that tail from a Cornish–Fisher start (closed forms for ν = 1, 2).
public enum StudentT {
    /// P(T > t) for t ≥ 0 (and by symmetry for t < 0), computed in the tail.
    public static func survival(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN { return .nan }
        if t.isInfinite { return t > 0 ? 0 : 1 }
        if nu.isInfinite { return Normal.survival(t) }
        let t2 = t * t
        let x = nu / (nu + t2)
        let tail = 0.5 * Beta.tails(x, complement: t2 / (nu + t2), nu / 2, 0.5).lower
        return t >= 0 ? tail : 1 - tail
    }

    /// P(T ≤ t).
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t < 0 { return survival(-t, degreesOfFreedom: nu) }
        return 1 - survival(t, degreesOfFreedom: nu)
    }

    /// The density of t.
    public static func density(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let logC = -SpecialFunctions.logBeta(nu / 2, 0.5) - 0.5 * log(nu)
        return exp(logC - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The quantile qt(p, ν).
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 || !(nu > 0) { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if nu.isInfinite || nu > 1e20 { return Normal.quantile(p) }
        let upper = p > 0.5
        let tail = upper ? 1 - p : p // P(T > t) for the positive root
        if nu == 1 {
            let t = tan(Double.pi * (0.5 - tail))
            return upper ? t : -t
        }
        if nu == 2 {
            let t = (1 - 2 * tail) / (2 * tail * (1 - tail)).squareRoot()
            return upper ? t : -t
        }
        let z = Normal.quantile(1 - tail)
        let z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2
        // Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5); for large ν its truncation error
        // (~ν⁻⁵) is below double precision, and it avoids the incomplete beta's slow convergence.
        let expansion = z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu * nu)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu * nu * nu)
            + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * nu * nu * nu * nu)
        if nu > 5000 && abs(z) < 8 { return upper ? expansion : -expansion }
        var start = expansion
        if !(start > 0) || !start.isFinite { start = max(z, 1) }
        let t = SpecialFunctions.solve(start: start, lo: 0, hi: .infinity, increasing: false) { t in
            (survival(t, degreesOfFreedom: nu) - tail, -density(t, degreesOfFreedom: nu))
        }
        return upper ? t : -t
    }
}
