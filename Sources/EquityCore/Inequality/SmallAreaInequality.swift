/// From small-area counts to deprivation-quantile values with PHE limits and the SII/RII — the
/// steps an analyst otherwise scripts by hand (quantiles → sums per quantile → values with limits
/// → `phe_sii`).
///
/// 1. Each area has a quantile (from `DeprivationQuantiles`, or given).
/// 2. Counts and populations (per age band for DSRs) are summed per quantile.
/// 3. Each quantile's value with limits: proportion (Wilson), crude rate (Byar's / exact Poisson)
///    or DSR (Dobson), as PHEindicatormethods `calculate_proportion`, `calculate_crude_rate`,
///    `calculate_dsr`.
/// 4. The SII/RII of the quantile values (`SlopeIndex`, PHE `phe_sii`), its standard errors from
///    the quantiles' 95% limits: proportions as proportions (value type 2, the SII scaled by
///    the multiplier), rates and DSRs as rates (value type 1).
///
/// ```swift
/// let q = try DeprivationQuantiles(count: 10).assign(deprivation: imdScore, weights: population)
/// var s = SmallAreaInequality(statistic: .crudeRate)
/// s.sii.rii = true
/// let r = try s.compute(counts: deaths, populations: population, quantile: q)
/// print(r.sii?.sii, r.quantiles.map(\.interval.value))
/// ```
public struct SmallAreaInequality: Sendable {
    /// The statistic computed per quantile.
    public enum Statistic: Sendable, Equatable {
        /// count / population, Wilson score limits.
        case proportion
        /// count / population × multiplier, Byar's (exact below 10 events) limits.
        case crudeRate
        /// Directly standardised rate over age bands with these standard populations (one per
        /// band, e.g. `StandardPopulation.esp2013`), Dobson limits.
        case directlyStandardised(standard: [Double])
    }

    /// One quantile's sums and value.
    public struct QuantileValue: Sendable, Equatable {
        /// The quantile (1 = most deprived).
        public var quantile: Int
        /// Number of areas in the quantile.
        public var areas: Int
        /// Σ counts.
        public var count: Double
        /// Σ populations.
        public var population: Double
        /// The value with limits at `confidence` (or the reason it is missing).
        public var interval: IntervalResult
    }

    /// The quantile values and their SII.
    public struct Result: Sendable, Equatable {
        /// Quantiles 1…n in order.
        public var quantiles: [QuantileValue]
        /// The SII/RII, nil when it cannot be computed (the reason is in `note`).
        public var sii: SlopeIndex.Result?
        /// Why the SII is missing; empty otherwise.
        public var note: String
    }

    /// The statistic.
    public var statistic: Statistic
    /// Multiplier of the quantile values (default 100,000 for rates, 1 for proportions).
    public var multiplier: Double
    /// Confidence levels of the quantile values.
    public var confidence: ConfidenceLevels = .ninetyFive
    /// Number of quantiles (the SII needs 5 to 100).
    public var quantileCount: Int = 10
    /// SII options (value type and multiplier are set from the statistic).
    public var sii = SlopeIndex.Options()

    /// A pipeline for `statistic`; multiplier 1 for proportions, 100,000 for rates.
    public init(statistic: Statistic, multiplier: Double? = nil) {
        self.statistic = statistic
        switch statistic {
        case .proportion: self.multiplier = multiplier ?? 1
        default: self.multiplier = multiplier ?? 100_000
        }
    }

    /// PHE's statistic text: "proportion of 1"/"percentage", "rate per 100000", "dsr per 100000".
    public var statisticText: String {
        switch statistic {
        case .proportion: return Proportion(multiplier: multiplier).statistic
        case .crudeRate: return CrudeRate(multiplier: multiplier).statistic
        case .directlyStandardised: return DirectlyStandardisedRate(multiplier: multiplier).statistic
        }
    }

    /// Number of age bands per area (1 unless directly standardised).
    public var bands: Int {
        if case let .directlyStandardised(standard) = statistic { return standard.count }
        return 1
    }

    /// Sums per quantile and their values. `counts` and `populations` hold `bands` entries per
    /// area (area-major: area a's band b at a·bands + b); `quantile[a]` is 1…quantileCount.
    public func quantileValues(counts: [Double], populations: [Double], quantile: [Int],
                               confidence levels: ConfidenceLevels? = nil) throws -> [QuantileValue] {
        let nb = bands, nq = quantileCount
        guard counts.count == quantile.count * nb, populations.count == counts.count else {
            throw EquityError.invalidArgument("counts and populations need \(nb) value(s) per area")
        }
        var sumCount = [Double](repeating: 0, count: nq * nb), sumPop = sumCount
        var areas = [Int](repeating: 0, count: nq)
        for (a, q) in quantile.enumerated() {
            guard (1...nq).contains(q) else { throw EquityError.invalidArgument("area \(a + 1) has quantile \(q), not 1 to \(nq)") }
            areas[q - 1] += 1
            for b in 0..<nb {
                let c = counts[a * nb + b], p = populations[a * nb + b]
                guard c.isFinite, c >= 0 else { throw EquityError.invalidArgument("area \(a + 1): count must be a finite number, zero or more") }
                guard p.isFinite, p >= 0 else { throw EquityError.invalidArgument("area \(a + 1): population must be a finite number, zero or more") }
                sumCount[(q - 1) * nb + b] += c
                sumPop[(q - 1) * nb + b] += p
            }
        }
        let conf = levels ?? confidence
        var out: [QuantileValue] = []
        for q in 0..<nq {
            var o = 0.0, n = 0.0
            for b in 0..<nb { o += sumCount[q * nb + b]; n += sumPop[q * nb + b] }
            let interval: IntervalResult
            if areas[q] == 0 {
                interval = .missing(levels: conf.count, method: nil, note: "no areas in quantile \(q + 1)")
            } else {
                switch statistic {
                case .proportion:
                    let p = Proportion(confidence: conf, multiplier: multiplier)
                    do { interval = try p.result(x: o, n: n) } catch { interval = .missing(levels: conf.count, method: p.method, note: error.reason) }
                case .crudeRate:
                    let r = CrudeRate(confidence: conf, multiplier: multiplier)
                    do { interval = try r.result(o: o, n: n) } catch { interval = .missing(levels: conf.count, method: r.method(count: o), note: error.reason) }
                case let .directlyStandardised(standard):
                    let d = DirectlyStandardisedRate(confidence: conf, multiplier: multiplier)
                    let bandsOfQ = (0..<nb).map { b in
                        DirectlyStandardisedRate.Band(events: sumCount[q * nb + b], population: sumPop[q * nb + b], standard: standard[b])
                    }
                    interval = d.compute(bandsOfQ).interval
                }
            }
            out.append(QuantileValue(quantile: q + 1, areas: areas[q], count: o, population: n, interval: interval))
        }
        return out
    }

    /// The SII input built from quantile values computed at 95%: population, value and the
    /// standard error PHE derives from the 95% limits. Nil with a reason when a quantile is missing.
    public func slopeIndexGroup(_ values95: [QuantileValue]) -> (SlopeIndex.Group?, String) {
        let valueType: SlopeIndex.ValueType = statistic == .proportion ? .proportion : .rate
        let scale = statistic == .proportion ? multiplier : 1
        var pop: [Double] = [], value: [Double] = [], se: [Double] = []
        for v in values95 {
            let i = v.interval
            guard i.value.isFinite, let lo = i.lower.first, let hi = i.upper.first, lo.isFinite, hi.isFinite else {
                return (nil, "quantile \(v.quantile): \(i.note.isEmpty ? "value missing" : i.note): SII not calculated")
            }
            if valueType == .rate && sii.transform && !(i.value > 0) {
                return (nil, "quantile \(v.quantile): a rate of zero has no log: SII not calculated")
            }
            pop.append(v.population)
            value.append(i.value / scale)
            se.append(SlopeIndex.standardError(lower: lo / scale, upper: hi / scale, valueType: valueType))
        }
        return (SlopeIndex.Group(population: pop, value: value, se: se), "")
    }

    /// The options given to `SlopeIndex`: the statistic's value type; proportions' SII in the
    /// quantile values' units (× multiplier).
    public var slopeIndexOptions: SlopeIndex.Options {
        var o = sii
        o.valueType = statistic == .proportion ? .proportion : .rate
        if statistic == .proportion { o.multiplier = sii.multiplier * multiplier }
        return o
    }

    /// Quantile values and the SII/RII of one set of areas.
    public func compute(counts: [Double], populations: [Double], quantile: [Int], threads: Int = Parallelism.threads) throws -> Result {
        guard (5...100).contains(quantileCount) else { throw EquityError.invalidArgument("the SII needs 5 to 100 quantiles (got \(quantileCount))") }
        let values = try quantileValues(counts: counts, populations: populations, quantile: quantile)
        let values95 = confidence == .ninetyFive ? values
            : try quantileValues(counts: counts, populations: populations, quantile: quantile, confidence: .ninetyFive)
        let (group, note) = slopeIndexGroup(values95)
        guard let group else { return Result(quantiles: values, sii: nil, note: note) }
        let r = try SlopeIndex(options: slopeIndexOptions).compute(group, threads: threads)
        return Result(quantiles: values, sii: r, note: r.note)
    }
}
