#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Funnel-plot control limits and significance, as PHEindicatormethods v2.1
/// `calculate_funnel_limits` and `assign_funnel_significance` (Fingertips technical guidance).
///
/// - Proportions: limits in closed form (the Wilson score interval solved for the proportion
///   whose 95%/99.8% interval just reaches the average — PHE's `sigma_adjustment`).
/// - Ratios (observed/expected) and rates: the expected count (rates: events) at which a Poisson
///   tail probability equals 0.025 or 0.001, found by PHE's bisection (`poisson_funnel`, the
///   algorithm of the Fingertips Excel macro, so plotted limits match PHE's to its precision).
/// - Significance per area: proportions against the closed-form limits at the area's
///   denominator; ratios and rates by the area's exact (< 10) or Byar's Poisson limits, compared
///   with 1 (ratios) or the weighted average (rates). DSR-based rates with fewer than 10 events
///   are "Not applicable for events less than 10 for dsrs".
public enum Funnel {
    /// The funnel's statistic.
    public enum Statistic: String, Sendable, CaseIterable {
        case proportion, ratio, rate
    }

    /// How ratio limits are expressed: ratio − 1 (`count`) or × 100 (`isr`).
    public enum RatioType: String, Sendable, CaseIterable {
        case count, isr
    }

    /// Directly standardised or crude rates.
    public enum RateType: String, Sendable, CaseIterable {
        case dsr, crude
    }

    /// The significance labels, in PHE's order.
    public enum Significance: String, Sendable {
        case high001 = "High (0.001)"
        case high025 = "High (0.025)"
        case low001 = "Low (0.001)"
        case low025 = "Low (0.025)"
        case notSignificant = "Not significant"
        case notApplicableDSR = "Not applicable for events less than 10 for dsrs"
    }

    // MARK: Proportions

    /// PHE `sigma_adjustment`: the proportion (× multiplier) at which the Wilson interval at
    /// probability p for a denominator `population` just reaches `average`.
    public static func proportionLimit(p: Double, population n: Double, average a: Double, high: Bool, multiplier: Double) -> Double {
        let z = Normal.quantile(p)
        let z2 = z * z
        let first = a * (n / z2 + 1)
        let inner = -8 * a * (n / z2 + 1)
        let adj = (inner * inner - 64 * (1 / z2 + 1 / n) * a * (n * (a * (n / z2 + 2) - 1) + z2 * (a - 1))).squareRoot()
        let last = 1 / z2 + 1 / n
        let v = high ? (first + adj / 8) / last : (first - adj / 8) / last
        return v / n * multiplier
    }

    /// Significance of a proportion x/n against the average proportion of all areas.
    public static func proportionSignificance(x: Double, n: Double, average: Double) -> Significance {
        let v = x / n
        if v < proportionLimit(p: 0.999, population: n, average: average, high: false, multiplier: 1) { return .low001 }
        if v < proportionLimit(p: 0.975, population: n, average: average, high: false, multiplier: 1) { return .low025 }
        if v > proportionLimit(p: 0.999, population: n, average: average, high: true, multiplier: 1) { return .high001 }
        if v > proportionLimit(p: 0.975, population: n, average: average, high: true, multiplier: 1) { return .high025 }
        return .notSignificant
    }

    // MARK: Poisson (ratios and rates)

    /// PHE `poisson_cis`: P(xa ≤ K ≤ xb) for K ~ Poisson(z), by summing terms (rescaled to
    /// avoid overflow) until they are negligible.
    static func poissonRange(_ z: Double, _ xa: Double, _ xb: Double) -> Double {
        if !(z <= 100_000) {
            // The sum would need ~z terms (or never end for an enormous mean): use the
            // regularised incomplete gamma, P(K ≤ k) = Q(k + 1, z), P(K ≥ k) = P(k, z).
            let lo = xa.rounded(.up), hi = xb.rounded(.down)
            if hi < lo { return 0 }
            let below = lo <= 0 ? 0 : Gamma.regularisedUpper(lo, z) // P(K ≤ lo − 1)
            let upTo = hi >= 1e15 ? 1 : Gamma.regularisedUpper(hi + 1, z) // P(K ≤ hi)
            if below == 0 { return upTo }
            if upTo == 1 { return Gamma.regularisedLower(lo, z) }
            return max(0, upTo - below)
        }
        var q = 1.0, total = 0.0, s = 0.0, k = 0.0
        while k <= z || q > total * 1e-10 {
            total += q
            if k >= xa && k <= xb { s += q }
            if total > 1e30 { s /= 1e30; total /= 1e30; q /= 1e30 }
            k += 1
            q = q * z / k
        }
        return s / total
    }

    /// PHE `poisson_funnel`: the Poisson mean at which P(K ≥ obs) = p (`high: false`, the upper
    /// funnel's expected count) or P(K ≤ obs) = p (`high: true`), by bisection on v = μ/(1+obs+μ).
    public static func poissonFunnel(observed obs: Double, p: Double, high: Bool) -> Double {
        var v = 0.5, dv = 0.5
        while dv > 1e-7 {
            dv /= 2
            let mu = (1 + obs) * v / (1 - v)
            if high {
                if poissonRange(mu, 0, obs) < p { v -= dv } else { v += dv }
            } else {
                if poissonRange(mu, obs, 1e10) > p { v -= dv } else { v += dv }
            }
        }
        return (1 + obs) * v / (1 - v)
    }

    /// PHE `funnel_ratio_significance`: Poisson limit of `obs` at confidence c (exact below 10,
    /// Byar's otherwise) divided by `expected`.
    public static func poissonLimitRatio(observed obs: Double, expected: Double, confidence c: Double, high: Bool) -> Double {
        if obs == 0 && !high { return 0 }
        let limit: Double
        if obs < 10 {
            limit = high ? PoissonLimits.exactUpper(obs, confidence: c) : PoissonLimits.exactLower(obs, confidence: c)
        } else {
            let z = Normal.quantile(0.5 + c / 2)
            limit = high ? PoissonLimits.byarsUpper(obs, z: z) : PoissonLimits.byarsLower(obs, z: z)
        }
        return limit / expected
    }

    /// Significance of observed/expected against a reference value (1 for ratios, the weighted
    /// average rate for rates).
    public static func poissonSignificance(observed: Double, expected: Double, reference: Double) -> Significance {
        if reference < poissonLimitRatio(observed: observed, expected: expected, confidence: 0.998, high: false) { return .high001 }
        if reference < poissonLimitRatio(observed: observed, expected: expected, confidence: 0.95, high: false) { return .high025 }
        if reference > poissonLimitRatio(observed: observed, expected: expected, confidence: 0.998, high: true) { return .low001 }
        if reference > poissonLimitRatio(observed: observed, expected: expected, confidence: 0.95, high: true) { return .low025 }
        return .notSignificant
    }

    // MARK: Axis

    /// PHE's `signif.floor`: rounds 95% of x down to its leading digit.
    static func axisFloor(_ x: Double) -> Double {
        if x == 0 { return 0 }
        let v = (x * 0.95).rounded(.down)
        let n = Double(digitCount(v) - 1)
        return (x * 0.95 / pow(10, n)).rounded(.down) * pow(10, n)
    }

    /// PHE's `signif.ceiling`: rounds 105% of x up to its two leading digits.
    static func axisCeiling(_ x: Double) -> Double {
        if x == 0 { return 0 }
        let v = (x * 1.05).rounded(.up)
        let n = Double(digitCount(v) - 2)
        return (x * 1.05 / pow(10, n)).rounded(.up) * pow(10, n)
    }

    static func digitCount(_ v: Double) -> Int {
        // R's nchar() of a whole number as printed (no sign for positives).
        var n = 1
        var t = abs(v)
        while t >= 10 { t /= 10; n += 1 }
        return n
    }

    /// The 100 x-axis points PHE plots: from max(1, minimum) to `maximum`, spaced geometrically
    /// (rounded, at least 1 apart). `offset` is 0 for proportions and rates, 1 for ratios.
    static func axisPoints(minimum: Double, maximum: Double, offset: Int) -> [Double] {
        var points = [max(1, minimum)]
        for j in 2...100 {
            let prev = points[j - 2]
            let step = pow(maximum / prev, 1 / Double(101 - (j - offset)))
            points.append(max((step * prev).rounded(.toNearestOrEven), prev + 1))
        }
        return points
    }

    // MARK: Limits tables

    /// A table of control limits for plotting: named columns of equal length.
    public struct LimitsTable: Sendable {
        /// The columns' names.
        public var columns: [String]
        /// The columns, each 100 values.
        public var values: [[Double]]
        /// The statistic's description.
        public var statistic: String
        /// How the limits were found.
        public var method: String
    }

    /// Proportion funnel limits (PHE columns Population, lower_2s_limit, upper_2s_limit,
    /// lower_3s_limit, upper_3s_limit, baseline).
    public static func proportionLimits(numerators x: [Double], denominators n: [Double], multiplier: Double) -> LimitsTable {
        let av = x.reduce(0, +) / n.reduce(0, +)
        let minN = n.min() ?? 0, maxN = n.max() ?? 0
        let axisMin = maxN > 2 * minN ? 0 : axisFloor(minN)
        let points = axisPoints(minimum: axisMin, maximum: axisCeiling(maxN), offset: 0)
        var cols: [[Double]] = Array(repeating: [], count: 6)
        for p in points {
            cols[0].append(p)
            cols[1].append(max(0, proportionLimit(p: 0.975, population: p, average: av, high: false, multiplier: multiplier)))
            cols[2].append(min(100, proportionLimit(p: 0.975, population: p, average: av, high: true, multiplier: multiplier)))
            cols[3].append(max(0, proportionLimit(p: 0.999, population: p, average: av, high: false, multiplier: multiplier)))
            cols[4].append(min(100, proportionLimit(p: 0.999, population: p, average: av, high: true, multiplier: multiplier)))
            cols[5].append(av * multiplier)
        }
        return LimitsTable(columns: ["Population", "lower_2s_limit", "upper_2s_limit", "lower_3s_limit", "upper_3s_limit", "baseline"],
                           values: cols, statistic: "proportion", method: "Wilson")
    }

    /// Ratio funnel limits (observed/expected; `count` type reports ratio − 1, `isr` × 100).
    public static func ratioLimits(observed: [Double], expected: [Double], type: RatioType) -> LimitsTable {
        let minE = expected.min() ?? 0, maxE = expected.max() ?? 0
        let axisMin = maxE > 2 * minE ? 0 : axisFloor(minE)
        let points = axisPoints(minimum: axisMin, maximum: axisCeiling(maxE), offset: 1)
        var cols: [[Double]] = Array(repeating: [], count: 9)
        let adjust: (Double) -> Double = type == .count ? { $0 - 1 } : { $0 * 100 }
        for o in points {
            cols[0].append(o)
            for (k, (p, high)) in [(0.025, true), (0.025, false), (0.001, true), (0.001, false)].enumerated() {
                let e = poissonFunnel(observed: o, p: p, high: high)
                cols[1 + 2 * k].append(e)
                cols[2 + 2 * k].append(adjust(o / e))
            }
        }
        return LimitsTable(columns: ["Observed_events", "lower_2s_exp_events", "lower_2s_limit", "upper_2s_exp_events", "upper_2s_limit",
                                     "lower_3s_exp_events", "lower_3s_limit", "upper_3s_exp_events", "upper_3s_limit"],
                           values: cols, statistic: "ratio (\(type.rawValue))", method: "Poisson")
    }

    /// Denominators PHE derives for rate funnels: multiplier × events / rate (DSR rows with no
    /// events have none; crude rows with no events use the population).
    public static func derivedDenominators(events: [Double], rates: [Double], populations: [Double]?, type: RateType, multiplier: Double) -> [Double] {
        (0..<events.count).map { i in
            if events[i] == 0 { return type == .dsr ? .nan : (populations?[i] ?? .nan) }
            return multiplier * events[i] / rates[i]
        }
    }

    /// Rate funnel limits (Events, population per year at each limit, the limit as a rate).
    public static func rateLimits(events: [Double], rates: [Double], populations: [Double]?, type: RateType,
                                  multiplier: Double, yearsOfData: Double) -> LimitsTable {
        let d = derivedDenominators(events: events, rates: rates, populations: populations, type: type, multiplier: multiplier)
        let present = d.filter { !$0.isNaN }
        let av = events.reduce(0, +) / present.reduce(0, +)
        let minD = present.min() ?? 0, maxD = present.max() ?? 0
        var axisMin = maxD > 2 * minD ? 0 : axisFloor(minD / yearsOfData) * yearsOfData
        var axisMax = axisCeiling(maxD / yearsOfData) * yearsOfData
        axisMin = (axisMin * av).rounded(.down)
        axisMax = (axisMax * av).rounded(.up)
        let points = axisPoints(minimum: axisMin, maximum: axisMax, offset: 0)
        var cols: [[Double]] = Array(repeating: [], count: 10)
        for ev in points {
            cols[0].append(ev)
            for (k, (p, high)) in [(0.025, true), (0.025, false), (0.001, true), (0.001, false)].enumerated() {
                let pop = poissonFunnel(observed: ev, p: p, high: high) / av
                cols[1 + 2 * k].append(pop / yearsOfData)
                cols[2 + 2 * k].append(ev / pop * multiplier)
            }
            cols[9].append(av * multiplier)
        }
        return LimitsTable(columns: ["Events", "lower_2s_population_1_year", "lower_2s_limit", "upper_2s_population_1_year", "upper_2s_limit",
                                     "lower_3s_population_1_year", "lower_3s_limit", "upper_3s_population_1_year", "upper_3s_limit", "baseline"],
                           values: cols, statistic: "rate (\(type.rawValue) per \(groupedThousands(multiplier)))", method: "Poisson")
    }

    /// Significance of each rate: Poisson limits of the events over the derived denominator
    /// against the weighted average rate.
    public static func rateSignificance(events: [Double], rates: [Double], populations: [Double]?, type: RateType, multiplier: Double) -> [Significance] {
        let d = derivedDenominators(events: events, rates: rates, populations: populations, type: type, multiplier: multiplier)
        let present = d.filter { !$0.isNaN }
        let av = events.reduce(0, +) / present.reduce(0, +)
        return (0..<events.count).map { i in
            if type == .dsr && events[i] < 10 { return .notApplicableDSR }
            return poissonSignificance(observed: events[i], expected: d[i], reference: av)
        }
    }

    /// 100000 → "100,000" (R's format(big.mark = ",")).
    static func groupedThousands(_ v: Double) -> String {
        let digits = Array(NumberFormatting.string(v))
        guard !digits.contains("."), !digits.contains("e") else { return String(digits) }
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    // MARK: A whole funnel

    /// Which input a funnel's row issue is about (`RowIssue.input`).
    public enum Input: Int, Sendable { case numerator = 0, denominator, rate }

    /// The options of a funnel plot.
    public struct Options: Sendable {
        /// Proportions, ratios (observed/expected) or rates.
        public var statistic: Statistic
        /// 100 for percentages (proportions), or the rate's "per" (rates).
        public var multiplier = 100.0
        /// Ratios: limits as ratio − 1 (`count`) or × 100 (`isr`).
        public var ratioType = RatioType.count
        /// Rates: directly standardised or crude.
        public var rateType = RateType.dsr
        /// Rates: the years the rates cover (for the limits' population axis).
        public var yearsOfData = 1.0

        /// Options for `statistic` with PHE's defaults.
        public init(statistic: Statistic) { self.statistic = statistic }
    }

    /// Every area's significance and the control limits to plot.
    public struct Analysis: Sendable {
        /// The label of each area (nil where the area could not be placed; see `notes`).
        public var significance: [Significance?]
        /// Why an area has no label (empty otherwise).
        public var notes: [String]
        /// PHE's 100-point table of 95% (2s) and 99.8% (3s) control limits.
        public var limits: LimitsTable
    }

    /// A funnel over all areas, as PHE's `calculate_funnel_limits` and
    /// `assign_funnel_significance`: proportions need numerators and denominators, ratios
    /// observed and expected counts (as numerators and denominators), rates events and rates
    /// (and populations where a crude rate has no events). Rows missing a value the statistic
    /// needs are kept with a note and left out of the average and the limits; invalid values
    /// throw with the row and input.
    public static func analyse(numerators x: [Double], denominators n: [Double]?, rates r: [Double]?,
                               options o: Options) throws(IndexedRowIssue) -> Analysis {
        func fail(_ row: Int, _ input: Input, _ reason: String) -> IndexedRowIssue {
            IndexedRowIssue(index: row, issue: RowIssue(input: input.rawValue, reason: reason))
        }
        switch o.statistic {
        case .proportion, .ratio:
            guard n != nil else { throw fail(-1, .denominator, "\(o.statistic.rawValue) funnels need denominators") }
        case .rate:
            guard r != nil else { throw fail(-1, .rate, "rate funnels need rates") }
        }
        for i in 0..<x.count {
            if x[i] < 0 { throw fail(i, .numerator, "numerator \(NumberFormatting.string(x[i])) is negative") }
            if let n {
                if n[i] <= 0 { throw fail(i, .denominator, "denominator \(NumberFormatting.string(n[i])) must be greater than zero") }
                if o.statistic == .proportion && x[i] > n[i] {
                    throw fail(i, .numerator, "numerator \(NumberFormatting.string(x[i])) is greater than denominator \(NumberFormatting.string(n[i]))")
                }
            }
            if let r, x[i] != 0, !(r[i] > 0) { throw fail(i, .rate, "rate must be greater than zero where there are events") }
            if o.statistic == .rate, x[i] == 0, o.rateType == .crude, n?[i].isNaN ?? true {
                throw fail(i, .numerator, "an area with no events needs its population (denominator) for crude rates")
            }
        }
        var notes = [String](repeating: "", count: x.count)
        for i in 0..<x.count {
            if x[i].isNaN { notes[i] = "numerator missing" }
            else if o.statistic != .rate, n![i].isNaN { notes[i] = "denominator missing" }
            else if o.statistic == .rate, x[i] != 0, r![i].isNaN { notes[i] = "rate missing" }
        }
        let used = (0..<x.count).filter { notes[$0].isEmpty }
        guard !used.isEmpty else { throw fail(-1, .numerator, "no row has the values a funnel needs") }
        let ux = used.map { x[$0] }, un = n.map { col in used.map { col[$0] } }, ur = r.map { col in used.map { col[$0] } }
        let labels: [Significance]
        let table: LimitsTable
        switch o.statistic {
        case .proportion:
            let average = ux.reduce(0, +) / un!.reduce(0, +)
            labels = (0..<ux.count).map { proportionSignificance(x: ux[$0], n: un![$0], average: average) }
            table = proportionLimits(numerators: ux, denominators: un!, multiplier: o.multiplier)
        case .ratio:
            labels = (0..<ux.count).map { poissonSignificance(observed: ux[$0], expected: un![$0], reference: 1) }
            table = ratioLimits(observed: ux, expected: un!, type: o.ratioType)
        case .rate:
            labels = rateSignificance(events: ux, rates: ur!, populations: un, type: o.rateType, multiplier: o.multiplier)
            table = rateLimits(events: ux, rates: ur!, populations: un, type: o.rateType, multiplier: o.multiplier, yearsOfData: o.yearsOfData)
        }
        var significance = [Significance?](repeating: nil, count: x.count)
        for (k, i) in used.enumerated() { significance[i] = labels[k] }
        return Analysis(significance: significance, notes: notes, limits: table)
    }
}
