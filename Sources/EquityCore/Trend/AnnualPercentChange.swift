#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Annual percentage change over a longer series (beyond Fingertips' five-point test), fitted by
/// iteratively reweighted least squares:
///
/// - counts over populations: log-linear Poisson model log E[xₜ] = log nₜ + a + b·t;
/// - proportions: logistic model logit E[xₜ/nₜ] = a + b·t (binomial);
///
/// APC = 100(e^b − 1) (for proportions, the annual change in the odds), with a Wald interval
/// 100(e^(b ± z·SE(b)) − 1) from the inverse Fisher information at convergence.
public enum AnnualPercentChange {
    /// Log-linear Poisson (counts over populations) or logistic (proportions).
    public enum Model: String, Sendable { case poisson, logistic }

    /// The fitted change.
    public struct Result: Sendable, Equatable {
        /// Annual percentage change 100(e^b − 1).
        public var apc: Double
        /// Lower 95% limit.
        public var lower: Double
        /// Upper 95% limit.
        public var upper: Double
        /// b, the log (odds) change per year.
        public var slope: Double
        /// b's Wald standard error.
        public var standardError: Double
        /// IRLS iterations used.
        public var iterations: Int
    }

    /// Fits the model to counts x over denominators n at times t (years).
    public static func fit(times t: [Double], counts x: [Double], denominators n: [Double], model: Model,
                           confidence: Double = 0.95) -> Result? {
        let k = t.count
        guard k >= 3, x.count == k, n.count == k else { return nil }
        guard x.allSatisfy({ $0 >= 0 }), n.allSatisfy({ $0 > 0 }) else { return nil }
        if model == .logistic && zip(x, n).contains(where: { $0 > $1 }) { return nil }
        let tbar = t.reduce(0, +) / Double(k)
        let tc = t.map { $0 - tbar } // centred for stability
        // Start from the pooled rate/proportion.
        let pooled = x.reduce(0, +) / n.reduce(0, +)
        guard pooled > 0 && (model == .poisson || pooled < 1) else { return nil }
        var a = model == .poisson ? log(pooled) : log(pooled / (1 - pooled))
        var b = 0.0
        var iterations = 0
        var info = (0.0, 0.0, 0.0)
        for it in 1...100 {
            iterations = it
            // Score and Fisher information for (a, b).
            var ua = 0.0, ub = 0.0, iaa = 0.0, iab = 0.0, ibb = 0.0
            for j in 0..<k {
                let eta = a + b * tc[j]
                let mu: Double, w: Double
                switch model {
                case .poisson:
                    mu = n[j] * exp(eta); w = mu
                case .logistic:
                    let p = 1 / (1 + exp(-eta)); mu = n[j] * p; w = n[j] * p * (1 - p)
                }
                let r = x[j] - mu
                ua += r; ub += r * tc[j]
                iaa += w; iab += w * tc[j]; ibb += w * tc[j] * tc[j]
            }
            let det = iaa * ibb - iab * iab
            guard det > 0 else { return nil }
            let da = (ibb * ua - iab * ub) / det
            let db = (iaa * ub - iab * ua) / det
            a += da; b += db
            info = (iaa, iab, ibb)
            if abs(da) < 1e-12 * max(1, abs(a)) && abs(db) < 1e-12 * max(1, abs(b)) { break }
        }
        let det = info.0 * info.2 - info.1 * info.1
        let se = (info.0 / det).squareRoot()
        let z = Normal.criticalValue(confidence: confidence)
        return Result(apc: 100 * (exp(b) - 1), lower: 100 * (exp(b - z * se) - 1), upper: 100 * (exp(b + z * se) - 1),
                      slope: b, standardError: se, iterations: iterations)
    }
}
