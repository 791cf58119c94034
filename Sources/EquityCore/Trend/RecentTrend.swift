#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Fingertips recent-trend test (methods.md §4; the Fingertips trend-marker calculator):
/// the five most recent annual points, t = 1…5 oldest → newest.
///
/// - Proportions with counts: χ² test for linear trend,
///   χ² = N(NΣrₜt − RΣnₜt)²/(R(N − R)(NΣnₜt² − (Σnₜt)²)); direction from NΣrₜt − RΣnₜt; the
///   leave-one-out check on the OLS slope of logit(r/n) on t (reported as `slope`).
/// - Everything else, from 95% limits: seₜ = (Uₜ − Lₜ)/3.92, wₜ = 1/seₜ², weighted slope
///   β = (S1·S2 − S3·S4)/(S1·S5 − S3²), SE(β) = √(S1/(S1·S5 − S3²)), χ² = (β/SE)².
/// - Significant when χ² > 9.549535706 (χ²₁ at 99.8%) and the slope has the same sign with all
///   five points and with each one left out.
/// - Fewer than five valid points, a break in the years, or a count equal to its denominator →
///   "Cannot be calculated" (with the reason).
public enum RecentTrend {
    public static let threshold = 9.549_535_706_083_237
    public static let pointsToUse = 5

    public struct Point: Sendable {
        public var year: Int
        public var value: Double
        public var lower: Double
        public var upper: Double
        public var count: Double
        public var denominator: Double
        public init(year: Int, value: Double, lower: Double = .nan, upper: Double = .nan, count: Double = .nan, denominator: Double = .nan) {
            self.year = year; self.value = value; self.lower = lower; self.upper = upper; self.count = count; self.denominator = denominator
        }
    }

    public enum Method: String, Sendable { case chiSquaredForTrend = "chi-squared test for trend", weightedRegression = "weighted regression" }

    public struct Result: Sendable, Equatable {
        public var label: String
        public var chiSquared: Double
        public var slope: Double
        public var points: Int
        public var method: String
        public var significant: Bool
        public var note: String
    }

    /// The label for a significant direction under a polarity.
    public static func label(increasing: Bool, polarity: Polarity) -> String {
        switch polarity {
        case .highIsGood: return increasing ? "Increasing and getting better" : "Decreasing and getting worse"
        case .lowIsGood: return increasing ? "Increasing and getting worse" : "Decreasing and getting better"
        case .noJudgement, .notApplicable: return increasing ? "Increasing" : "Decreasing"
        }
    }

    static func cannot(_ note: String, points: Int, method: Method) -> Result {
        Result(label: "Cannot be calculated", chiSquared: .nan, slope: .nan, points: points, method: method.rawValue, significant: false, note: note)
    }

    /// Runs the test; `useCounts` selects the proportion (χ² on counts) method.
    public static func compute(_ series: [Point], polarity: Polarity, useCounts: Bool) -> Result {
        let method: Method = useCounts ? .chiSquaredForTrend : .weightedRegression
        let valid = series.filter { p in
            useCounts ? (!p.count.isNaN && !p.denominator.isNaN && p.denominator > 0)
                      : (!p.value.isNaN && !p.lower.isNaN && !p.upper.isNaN && p.upper > p.lower)
        }.sorted { $0.year < $1.year }
        let recent = Array(valid.suffix(pointsToUse))
        if recent.count < pointsToUse {
            return cannot("\(recent.count) valid point\(recent.count == 1 ? "" : "s"); five are needed", points: recent.count, method: method)
        }
        for k in 1..<recent.count where recent[k].year != recent[k - 1].year + 1 {
            return cannot("break in the series between \(recent[k - 1].year) and \(recent[k].year)", points: recent.count, method: method)
        }
        if useCounts {
            if let p = recent.first(where: { $0.count >= $0.denominator || $0.count <= 0 }) {
                return cannot(p.count <= 0 ? "count of 0 in \(p.year)" : "count equals the denominator in \(p.year)", points: 5, method: method)
            }
            var bigN = 0.0, bigR = 0.0, srt = 0.0, snt = 0.0, snt2 = 0.0
            for (k, p) in recent.enumerated() {
                let t = Double(k + 1)
                bigN += p.denominator; bigR += p.count
                srt += p.count * t; snt += p.denominator * t; snt2 += p.denominator * t * t
            }
            let d = bigN * srt - bigR * snt
            let chi = bigN * d * d / (bigR * (bigN - bigR) * (bigN * snt2 - snt * snt))
            // Leave-one-out sign check on the OLS slope of logit(r/n) on t.
            let logits = recent.map { log($0.count / ($0.denominator - $0.count)) }
            var signs = 0
            var logitSlope = 0.0
            for leave in 0...recent.count {
                var n = 0.0, st = 0.0, st2 = 0.0, sy = 0.0, sty = 0.0
                for k in 0..<recent.count where k + 1 != leave {
                    let t = Double(k + 1)
                    n += 1; st += t; st2 += t * t; sy += logits[k]; sty += t * logits[k]
                }
                let slope = (n * sty - sy * st) / (n * st2 - st * st)
                if leave == 0 { logitSlope = slope }
                signs += slope < 0 ? -1 : 1
            }
            let consistent = abs(signs) == recent.count + 1
            let significant = consistent && chi > threshold
            let label = significant ? Self.label(increasing: d > 0, polarity: polarity) : "No significant change"
            return Result(label: label, chiSquared: chi, slope: logitSlope, points: 5, method: method.rawValue, significant: significant,
                          note: !consistent && chi > threshold ? "slope changes sign when a point is left out" : "")
        }
        var slopeSigns = 0
        var slope = 0.0, chi = 0.0
        for leave in 0...recent.count {
            var s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0
            for (k, p) in recent.enumerated() where k + 1 != leave {
                let t = Double(k + 1)
                let se = (p.upper - p.lower) / 3.92
                let w = 1 / (se * se)
                s1 += w; s2 += w * p.value * t; s3 += w * t; s4 += w * p.value; s5 += w * t * t
            }
            let b = (s1 * s2 - s3 * s4) / (s1 * s5 - s3 * s3)
            slopeSigns += b < 0 ? -1 : 1
            if leave == 0 {
                slope = b
                let se = (s1 / (s1 * s5 - s3 * s3)).squareRoot()
                chi = (b / se) * (b / se)
            }
        }
        let consistent = abs(slopeSigns) == recent.count + 1
        let significant = consistent && chi > threshold
        let label = significant ? Self.label(increasing: slope > 0, polarity: polarity) : "No significant change"
        return Result(label: label, chiSquared: chi, slope: slope, points: 5, method: method.rawValue, significant: significant,
                      note: !consistent && chi > threshold ? "slope changes sign when a point is left out" : "")
    }
}
