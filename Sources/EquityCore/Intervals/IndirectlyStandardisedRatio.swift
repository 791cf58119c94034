/// Indirectly standardised ratios (SMR-type) and rates, as PHEindicatormethods
/// `calculate_ISRatio` / `calculate_ISRate` (v2.1):
///
///     E = Σ (x_refᵢ / n_refᵢ) · nᵢ,  O = Σ xᵢ (or a given total),
///     ratio = O/E × reference value,  rate = O/E × (Σx_ref / Σn_ref × multiplier)
///
/// Limits are Poisson limits of O (exact when O < 10, Byar's otherwise) divided by E and scaled
/// the same way. No suppression for small counts (as PHE).
public struct IndirectlyStandardised: Sendable {
    /// Which statistic to report.
    public enum Kind: String, Sendable, CaseIterable {
        case rate
        case ratio
    }

    /// Rate or ratio.
    public let kind: Kind
    /// The limits' levels.
    public let confidence: ConfidenceLevels
    /// Rate per this many (rates), or the reference value the ratio is scaled to (1 or 100).
    public let multiplier: Double

    /// An ISR statistic; the multiplier defaults to 100,000 (rates) or 1 (ratios).
    public init(kind: Kind, confidence: ConfidenceLevels = .ninetyFive, multiplier: Double? = nil) {
        self.kind = kind
        self.confidence = confidence
        self.multiplier = multiplier ?? (kind == .rate ? 100_000 : 1)
    }

    /// One band: local events and population, reference events and population.
    public struct Band: Sendable, Equatable {
        /// Local events.
        public var count: Double
        /// Local population.
        public var population: Double
        /// Reference events.
        public var referenceCount: Double
        /// Reference population.
        public var referencePopulation: Double

        /// A band.
        public init(count: Double, population: Double, referenceCount: Double, referencePopulation: Double) {
            self.count = count
            self.population = population
            self.referenceCount = referenceCount
            self.referencePopulation = referencePopulation
        }
    }

    /// One group's observed and expected counts and the statistic.
    public struct Result: Sendable, Equatable {
        /// Observed events O.
        public var observed: Double
        /// Expected events E.
        public var expected: Double
        /// The reference rate Σx_ref/Σn_ref × multiplier (rates only; NaN for ratios).
        public var referenceRate: Double
        /// The rate or ratio and its limits.
        public var interval: IntervalResult
    }

    /// PHE's statistic text.
    public var statistic: String {
        switch kind {
        case .rate: return "indirectly standardised rate per \(NumberFormatting.string(multiplier))"
        case .ratio: return "indirectly standardised ratio x \(NumberFormatting.string(multiplier))"
        }
    }

    /// The statistic for one group; `observed` overrides Σ count when given.
    public func compute(_ bands: [Band], observed: Double? = nil) -> Result {
        // As PHE (sums with na.rm = TRUE), a missing value leaves its term out; the note says so.
        var e = 0.0, refX = 0.0, refN = 0.0, localO = 0.0
        var incomplete = 0
        for b in bands {
            let term = b.referenceCount / b.referencePopulation * b.population
            if term.isNaN || b.count.isNaN { incomplete += 1 }
            if !term.isNaN { e += term }
            if !b.referenceCount.isNaN { refX += b.referenceCount }
            if !b.referencePopulation.isNaN { refN += b.referencePopulation }
            if !b.count.isNaN { localO += b.count }
        }
        let note = incomplete > 0 ? "missing values in \(incomplete) age band\(incomplete == 1 ? "" : "s") left out of the sums (as PHE)" : ""
        let o = observed ?? localO
        let refRate = kind == .rate ? refX / refN * multiplier : .nan
        let scale = kind == .rate ? refRate : multiplier
        if e <= 0 || !e.isFinite {
            return Result(observed: o, expected: e, referenceRate: refRate,
                          interval: .missing(levels: confidence.count, method: nil, note: "expected count is zero"))
        }
        if o.isNaN {
            return Result(observed: o, expected: e, referenceRate: refRate,
                          interval: .missing(levels: confidence.count, method: nil, note: "observed count missing"))
        }
        var lower: [Double] = [], upper: [Double] = []
        var method = IntervalMethod.byars
        for (k, c) in confidence.levels.enumerated() {
            let l = PoissonLimits.limits(o, confidence: c, z: confidence.z[k])
            lower.append(l.lower / e * scale)
            upper.append(l.upper / e * scale)
            method = l.method
        }
        return Result(observed: o, expected: e, referenceRate: refRate,
                      interval: IntervalResult(value: o / e * scale, lower: lower, upper: upper, method: method, note: note).finite())
    }
}
