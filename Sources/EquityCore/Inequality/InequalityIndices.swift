#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Other inequality indices over a set of values (incomes, scores) and the concentration index.
///
/// - Theil T = (1/n)Σ(x/μ)ln(x/μ) (zeros contribute 0); Theil L (mean log deviation) =
///   (1/n)Σ ln(μ/x) (undefined with zeros).
/// - Atkinson A(ε) = 1 − (1/μ)((1/n)Σx^(1−ε))^(1/(1−ε)), A(1) = 1 − (geometric mean)/μ.
/// - Shares from the empirical Lorenz curve L(p), linear between the points (k/n, Σⱼ≤ₖ x₍ⱼ₎/Σx):
///   Palma = (1 − L(0.9))/L(0.4); S80/S20 = (1 − L(0.8))/L(0.2). With this convention a share
///   boundary that falls inside an area splits its value pro rata, so results do not jump
///   when n is not a multiple of 10.
/// - Concentration index (Kakwani, Wagstaff & van Doorslaer 1997): C = 2·cov(h, r)/μₕ with r the
///   fractional rank (i − ½)/n by the ranking variable (ties share their mean rank). Wagstaff's
///   normalisation for bounded h: C/(1 − μ) on [0, 1] (C·(b − a)/(b − μ) on [a, b] after rescaling);
///   Erreygers' correction: 4μC/(b − a).
public enum InequalityIndices {
    /// Theil T = (1/n)Σ(x/μ)ln(x/μ) (zeros contribute 0).
    public static func theilT(_ x: [Double]) -> Double {
        let mu = x.reduce(0, +) / Double(x.count)
        var acc = 0.0
        for v in x where v > 0 { acc += v / mu * log(v / mu) }
        return acc / Double(x.count)
    }

    /// Theil L, the mean log deviation (1/n)Σln(μ/x); NaN with zeros.
    public static func theilL(_ x: [Double]) -> Double {
        if x.contains(where: { $0 <= 0 }) { return .nan }
        let mu = x.reduce(0, +) / Double(x.count)
        return x.reduce(0) { $0 + log(mu / $1) } / Double(x.count)
    }

    /// The Atkinson index with inequality aversion ε (NaN where zeros make it undefined).
    public static func atkinson(_ x: [Double], epsilon e: Double) -> Double {
        let n = Double(x.count)
        let mu = x.reduce(0, +) / n
        if e == 1 {
            if x.contains(where: { $0 <= 0 }) { return .nan }
            return 1 - exp(x.reduce(0) { $0 + log($1) } / n) / mu
        }
        if e > 1 && x.contains(where: { $0 <= 0 }) { return .nan }
        let m = x.reduce(0) { $0 + pow($1, 1 - e) } / n
        return 1 - pow(m, 1 / (1 - e)) / mu
    }

    /// L(p) of the empirical Lorenz curve, linear between its points.
    public static func lorenz(_ sorted: [Double], at p: Double) -> Double {
        let n = sorted.count
        let total = sorted.reduce(0, +)
        let position = p * Double(n)
        let k = Int(position.rounded(.down))
        var share = 0.0
        for i in 0..<min(k, n) { share += sorted[i] }
        if k < n { share += (position - Double(k)) * sorted[k] }
        return share / total
    }

    /// Palma ratio; NaN when the poorest 40% have no share (undefined).
    public static func palma(_ x: [Double]) -> Double {
        let s = x.sorted()
        let bottom = lorenz(s, at: 0.4)
        return bottom > 0 ? (1 - lorenz(s, at: 0.9)) / bottom : .nan
    }

    /// S80/S20 ratio; NaN when the poorest 20% have no share (undefined).
    public static func s80s20(_ x: [Double]) -> Double {
        let s = x.sorted()
        let bottom = lorenz(s, at: 0.2)
        return bottom > 0 ? (1 - lorenz(s, at: 0.8)) / bottom : .nan
    }

    /// Fractional ranks (i − ½)/n of `rankBy`, ties given their mean rank.
    public static func fractionalRanks(_ rankBy: [Double]) -> [Double] {
        let n = rankBy.count
        let order = rankBy.indices.sorted { rankBy[$0] < rankBy[$1] }
        var ranks = [Double](repeating: 0, count: n)
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && rankBy[order[j + 1]] == rankBy[order[i]] { j += 1 }
            let mean = (Double(i + 1) + Double(j + 1)) / 2
            for k in i...j { ranks[order[k]] = (mean - 0.5) / Double(n) }
            i = j + 1
        }
        return ranks
    }

    /// Corrections of the concentration index for bounded outcomes.
    public enum ConcentrationCorrection: String, Sendable, CaseIterable {
        case none, wagstaff, erreygers
    }

    /// The concentration index of h ranked by `rankBy` (ascending: poorest first).
    public static func concentration(_ h: [Double], rankBy: [Double], correction: ConcentrationCorrection = .none,
                                     bounds: (Double, Double) = (0, 1)) -> Double {
        let n = Double(h.count)
        let r = fractionalRanks(rankBy)
        let mu = h.reduce(0, +) / n
        let rbar = r.reduce(0, +) / n
        var cov = 0.0
        for i in 0..<h.count { cov += (h[i] - mu) * (r[i] - rbar) }
        cov /= n
        let c = 2 * cov / mu
        let (a, b) = bounds
        switch correction {
        case .none: return c
        case .wagstaff: return c * (b - a) / (b - mu)
        case .erreygers: return 4 * mu * c / (b - a)
        }
    }
}
