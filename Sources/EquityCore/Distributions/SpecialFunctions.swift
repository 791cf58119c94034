#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Building blocks shared by the gamma, beta and t distributions.
///
/// The saddle-point pieces (`stirlingError`, `deviance`) follow Loader (2000), "Fast and accurate
/// computation of binomial probabilities" — the approach R's `dpois_raw`/`dbinom_raw` use — so
/// that densities such as xᵃe⁻ˣ/Γ(a+1) keep full relative accuracy for large a and x.
enum SpecialFunctions {
    static let logSqrt2Pi = 0.918_938_533_204_672_741_78
    static let sqrt2Pi = 2.506_628_274_631_000_502_4

    /// Stirling's error δ(x) = lnΓ(x) − ((x − ½)ln x − x + ½ ln 2π), also lnΓ(x+1) − (x+½)ln x + x − ½ln 2π.
    static func stirlingError(_ x: Double) -> Double {
        if x < 12 {
            return lgamma(x) - ((x - 0.5) * log(x) - x + logSqrt2Pi)
        }
        let r = 1 / (x * x)
        // Bernoulli series B_{2k} / (2k(2k−1) x^{2k−1}), eight terms: < 1e-18 for x ≥ 12.
        let series = 1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r * (1.0 / 1680 - r * (1.0 / 1188
            - r * (691.0 / 360_360 - r * (1.0 / 156 - r * (3617.0 / 122_400)))))))
        return series / x
    }

    /// The deviance term x·ln(x/μ) + μ − x, computed without cancellation when x ≈ μ.
    static func deviance(_ x: Double, _ mu: Double) -> Double {
        if abs(x - mu) < 0.1 * (x + mu) {
            let v = (x - mu) / (x + mu)
            var s = (x - mu) * v
            var ej = 2 * x * v
            let v2 = v * v
            var j = 1.0
            while j < 1000 {
                ej *= v2
                let next = s + ej / (2 * j + 1)
                if next == s { return next }
                s = next
                j += 1
            }
            return s
        }
        return x * log(x / mu) + mu - x
    }

    /// xᵃ e⁻ˣ / Γ(a+1): the Poisson "density" at a (real) with mean x, to full relative accuracy.
    static func poissonTerm(_ a: Double, _ x: Double) -> Double {
        if x <= 0 { return a == 0 ? 1 : 0 }
        if a == 0 { return exp(-x) }
        if a < 10 {
            return exp(a * log(x) - x - lgamma(a + 1))
        }
        return exp(-stirlingError(a) - deviance(a, x)) / (sqrt2Pi * a.squareRoot())
    }

    /// ln B(a, b), with the large-argument form of R's `lbeta` so that it stays accurate when
    /// a or b is large (no cancellation between lnΓ terms).
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b), q = max(a, b)
        if p >= 12 {
            let corr = stirlingError(p) + stirlingError(q) - stirlingError(p + q)
            return -0.5 * log(q) + logSqrt2Pi + corr + (p - 0.5) * log(p / (p + q)) + q * log1p(-p / (p + q))
        }
        if q >= 12 {
            let corr = stirlingError(q) - stirlingError(p + q)
            return lgamma(p) + corr + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
        }
        return lgamma(p) + lgamma(q) - lgamma(p + q)
    }

    /// A modified Lentz evaluation of a continued fraction b0 + a1/(b1 + a2/(b2 + ...)),
    /// terms supplied by `term(n)` for n ≥ 1 as (aₙ, bₙ).
    @inline(__always)
    static func continuedFraction(b0: Double, maxTerms: Int = 10_000, _ term: (Int) -> (Double, Double)) -> Double {
        let tiny = 1e-300
        var f = b0 == 0 ? tiny : b0
        var c = f
        var d = 0.0
        for n in 1...maxTerms {
            let (an, bn) = term(n)
            d = bn + an * d
            if abs(d) < tiny { d = tiny }
            c = bn + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = c * d
            f *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return f
    }

    /// Solves f(x) = 0 for an increasing or decreasing f on (lo, hi) by Newton steps safeguarded
    /// with bisection (geometric growth while `hi` is infinite). `f` returns (value, derivative).
    static func solve(start: Double, lo: Double, hi: Double, increasing: Bool,
                      _ f: (Double) -> (Double, Double)) -> Double {
        var lo = lo, hi = hi
        var x = start
        if !(x > lo && x < hi) { x = hi.isFinite ? 0.5 * (lo + hi) : max(2 * lo, 1) }
        for _ in 0..<200 {
            let (fx, dfx) = f(x)
            if fx == 0 { return x }
            // Keep the bracket: the root lies below x when f is past it.
            if (fx > 0) == increasing { hi = x } else { lo = x }
            var next = x - fx / dfx
            if !(next > lo && next < hi) || !next.isFinite {
                next = hi.isFinite ? 0.5 * (lo + hi) : 2 * x
            }
            if abs(next - x) <= 4e-16 * abs(next) { return next }
            if hi.isFinite && (hi - lo) <= 2e-16 * abs(hi) { return next }
            x = next
        }
        return x
    }
}
