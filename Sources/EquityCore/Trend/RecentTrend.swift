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
    /// χ²₁ at 99.8%: the significance threshold.
    public static let threshold = 9.549_535_706_083_237
    /// The number of recent points tested.
    public static let pointsToUse = 5

    /// One period of a series.
    public struct Point: Sendable {
        /// Consecutive integers for consecutive periods.
        public var year: Int
        /// The value.
        public var value: Double
        /// 95% lower limit.
        public var lower: Double
        /// 95% upper limit.
        public var upper: Double
        /// Numerator (proportions).
        public var count: Double
        /// Denominator (proportions).
        public var denominator: Double
        /// A point.
        public init(year: Int, value: Double, lower: Double = .nan, upper: Double = .nan, count: Double = .nan, denominator: Double = .nan) {
            self.year = year; self.value = value; self.lower = lower; self.upper = upper; self.count = count; self.denominator = denominator
        }
    }

    /// The test used: χ² for trend on counts (proportions with counts), weighted regression on
    /// the 95% limits otherwise.
    public enum Method: String, Sendable { case chiSquaredForTrend = "chi-squared test for trend", weightedRegression = "weighted regression" }

    /// The outcome of the test.
    public struct Result: Sendable, Equatable {
        /// The trend label.
        public var label: TrendLabel
        /// χ² of the test (NaN when not calculated).
        public var chiSquared: Double
        /// The fitted slope (proportions: OLS slope of the logit; otherwise the weighted slope).
        public var slope: Double
        /// The valid points used (five when calculated).
        public var points: Int
        /// The test used (nil when the series' periods prevent any).
        public var method: Method?
        /// Whether the trend is significant.
        public var significant: Bool
        /// Why it could not be calculated, or why it is not significant despite χ².
        public var note: String

        /// A result.
        public init(label: TrendLabel, chiSquared: Double, slope: Double, points: Int, method: Method?, significant: Bool, note: String) {
            self.label = label
            self.chiSquared = chiSquared
            self.slope = slope
            self.points = points
            self.method = method
            self.significant = significant
            self.note = note
        }
    }

    /// The label for a significant direction under a polarity.
    public static func label(increasing: Bool, polarity: Polarity) -> TrendLabel {
        switch polarity {
        case .highIsGood: return increasing ? .increasingBetter : .decreasingWorse
        case .lowIsGood: return increasing ? .increasingWorse : .decreasingBetter
        case .noJudgement, .notApplicable: return increasing ? .increasing : .decreasing
        }
    }

    static func cannot(_ note: String, points: Int, method: Method) -> Result {
        Result(label: .cannotBeCalculated, chiSquared: .nan, slope: .nan, points: points, method: method, significant: false, note: note)
    }

    /// Which version of the Fingertips rules to apply.
    public enum Rule: String, Sendable, CaseIterable {
        /// Fingertips today (FingertipsNext's trend analysis, 2025): proportions, crude rates and
        /// DSRs with annual periods only; the five most recent points that have a value, a count
        /// and a denominator, gaps allowed; weighted regression on their 95% limits for every
        /// value type. See ``RecentTrend/current(_:polarity:measure:annual:)``.
        case current
        /// The rule of methods.md §4 (the legacy Fingertips calculator): five consecutive annual,
        /// non-overlapping points; χ² for trend on counts for proportions, weighted regression on
        /// the limits otherwise; any value type with limits. See
        /// ``RecentTrend/compute(_:polarity:useCounts:)``.
        case legacy
    }

    /// What the indicator measures, as far as the current rule cares.
    public enum Measure: String, Sendable, CaseIterable {
        /// A proportion.
        case proportion
        /// A crude rate.
        case crudeRate
        /// A directly standardised rate.
        case directlyStandardisedRate
        /// Anything else (ratios, means, life expectancy, scores): no recent trend today.
        case other
    }

    /// The recent trend as Fingertips calculates it today (FingertipsNext `TrendRequest` and
    /// `TrendMarkerCalculator`): only proportions, crude rates and DSRs over annual periods; valid
    /// points have a value, a count and a denominator (years need not be consecutive); at least
    /// five points and five valid ones, none with the count equal to its denominator; then the five
    /// most recent valid points that have 95% limits, t = 1… oldest → newest, are fitted by the
    /// weighted regression above, significant when χ² > 9.5495 and the slope keeps its sign with
    /// each point left out.
    public static func current(_ series: [Point], polarity: Polarity, measure: Measure, annual: Bool) -> Result {
        let method = Method.weightedRegression
        guard measure != .other else {
            return cannot("the recent trend cannot be calculated for this value type", points: 0, method: method)
        }
        guard annual else {
            return cannot("the recent trend cannot be calculated for periods longer than a year", points: 0, method: method)
        }
        guard series.count >= pointsToUse else {
            return cannot("\(series.count) data point\(series.count == 1 ? "" : "s"); five are needed", points: series.count, method: method)
        }
        let valid = series.filter { !$0.value.isNaN && !$0.count.isNaN && !$0.denominator.isNaN }.sorted { $0.year > $1.year }
        guard valid.count >= pointsToUse else {
            return cannot("\(valid.count) point\(valid.count == 1 ? " has" : "s have") a value, count and denominator; five are needed",
                          points: valid.count, method: method)
        }
        if let p = valid.first(where: { $0.count == $0.denominator }) {
            return cannot("count equals the denominator in \(p.year)", points: valid.count, method: method)
        }
        let recent = Array(valid.filter { !$0.lower.isNaN && !$0.upper.isNaN }.prefix(pointsToUse).reversed())
        var slopeSigns = 0
        var slope = Double.nan, chi = Double.nan
        for leave in 0...pointsToUse {
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
        let consistent = abs(slopeSigns) == pointsToUse + 1
        let significant = consistent && chi > threshold && slope != 0
        let label = significant ? Self.label(increasing: slope > 0, polarity: polarity) : .noSignificantChange
        var note = ""
        if recent.count < pointsToUse { note = "only \(recent.count) of the valid points have 95% limits" }
        else if !consistent && chi > threshold { note = "slope changes sign when a point is left out" }
        return Result(label: label, chiSquared: chi.isFinite ? chi : .nan, slope: slope.isFinite ? slope : .nan, points: recent.count,
                      method: method, significant: significant, note: note)
    }

    /// Runs the test by the legacy rule (methods.md §4); `useCounts` selects the proportion (χ² on
    /// counts) method.
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
            let label = significant ? Self.label(increasing: d > 0, polarity: polarity) : .noSignificantChange
            return Result(label: label, chiSquared: chi, slope: logitSlope, points: 5, method: method, significant: significant,
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
        let label = significant ? Self.label(increasing: slope > 0, polarity: polarity) : .noSignificantChange
        return Result(label: label, chiSquared: chi, slope: slope, points: 5, method: method, significant: significant,
                      note: !consistent && chi > threshold ? "slope changes sign when a point is left out" : "")
    }
}

/// The Fingertips recent-trend labels.
public enum TrendLabel: String, Sendable, CaseIterable {
    case increasingBetter = "Increasing and getting better"
    case increasingWorse = "Increasing and getting worse"
    case decreasingBetter = "Decreasing and getting better"
    case decreasingWorse = "Decreasing and getting worse"
    /// Significant, with no judgement of better or worse.
    case increasing = "Increasing"
    case decreasing = "Decreasing"
    case noSignificantChange = "No significant change"
    case cannotBeCalculated = "Cannot be calculated"
}
