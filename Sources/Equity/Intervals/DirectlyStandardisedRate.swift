/// The directly standardised rate (DSR) with Dobson et al. (1991) confidence limits, as
/// PHEindicatormethods `phe_dsr` / `calculate_dsr` (v2.1):
///
///     O = Σ eᵢ,  DSR = Σ(eᵢ wᵢ/nᵢ) / Σwᵢ × multiplier,  var = Σ vᵢ (wᵢ/nᵢ)² / (Σwᵢ)²
///     limits = DSR + √(var/O) · (Byars(O) − O) · multiplier
///
/// where eᵢ are the events in band i and vᵢ = eᵢ for independent events. For non-independent
/// events (PHE 2.1: rows of unique individuals xᶠᵢ with event frequency f) eᵢ = Σ f·xᶠᵢ and
/// vᵢ = Σ f²·xᶠᵢ. Total O < 10 gives a missing result ("dsr NA for total count < 10"); a band with
/// zero population gives a missing result with its reason (PHE stops with an error instead).
public struct DirectlyStandardisedRate: Sendable {
    public let confidence: ConfidenceLevels
    public let multiplier: Double

    public init(confidence: ConfidenceLevels = .ninetyFive, multiplier: Double = 100_000) {
        self.confidence = confidence
        self.multiplier = multiplier
    }

    /// One age band of one group.
    public struct Band: Sendable, Equatable {
        /// Events eᵢ.
        public var events: Double
        /// The variance weight vᵢ: eᵢ for independent events, Σ f²·xᶠᵢ otherwise.
        public var varianceEvents: Double
        public var population: Double
        public var standard: Double

        public init(events: Double, population: Double, standard: Double, varianceEvents: Double? = nil) {
            self.events = events
            self.population = population
            self.standard = standard
            self.varianceEvents = varianceEvents ?? events
        }
    }

    /// The result with the group's total count and population.
    public struct Result: Sendable, Equatable {
        public var totalCount: Double
        public var totalPopulation: Double
        public var interval: IntervalResult
    }

    public var statistic: String { "dsr per \(NumberFormatting.string(multiplier))" }

    /// PHE's method text.
    public func method(independent: Bool) -> String {
        independent ? "Dobson" : "Dobson, with confidence adjusted for non-independent events"
    }

    /// The DSR of one group's bands.
    public func compute(_ originalBands: [Band], independent: Bool = true) -> Result {
        let method = method(independent: independent)
        var o = 0.0, pop = 0.0, sumW = 0.0, weighted = 0.0, variance = 0.0
        // As PHE, a missing count counts as zero events; it is reported in the note.
        let bands = originalBands.map { b -> Band in
            var b = b
            if b.events.isNaN { b.events = 0 }
            if b.varianceEvents.isNaN { b.varianceEvents = 0 }
            return b
        }
        let missingCounts = zip(originalBands, bands).filter { $0.0.events.isNaN }.count
        let countNote = missingCounts > 0 ? "count missing in \(missingCounts) age band\(missingCounts == 1 ? "" : "s") (treated as 0, as PHE)" : ""
        for b in bands {
            o += b.events
            pop += b.population
            sumW += b.standard
        }
        if let missing = bands.firstIndex(where: { $0.population.isNaN || $0.standard.isNaN }) {
            return Result(totalCount: o, totalPopulation: pop,
                          interval: .missing(levels: confidence.count, method: method,
                                             note: "population or standard population missing in age band \(missing + 1)"))
        }
        if let zero = bands.firstIndex(where: { $0.population == 0 }) {
            return Result(totalCount: o, totalPopulation: pop,
                          interval: .missing(levels: confidence.count, method: method,
                                             note: "population is zero in age band \(zero + 1)"))
        }
        if o < 10 {
            return Result(totalCount: o, totalPopulation: pop,
                          interval: .missing(levels: confidence.count, method: method,
                                             note: joinNotes("dsr NA for total count < 10", countNote)))
        }
        for b in bands {
            let r = b.standard / b.population
            weighted += b.events * r
            variance += b.varianceEvents * r * r
        }
        let dsr = weighted / sumW * multiplier
        let vardsr = variance / (sumW * sumW)
        let spread = (vardsr / o).squareRoot() * multiplier
        var lower: [Double] = [], upper: [Double] = []
        for z in confidence.z {
            lower.append(dsr + spread * (PoissonLimits.byarsLower(o, z: z) - o))
            upper.append(dsr + spread * (PoissonLimits.byarsUpper(o, z: z) - o))
        }
        return Result(totalCount: o, totalPopulation: pop,
                      interval: IntervalResult(value: dsr, lower: lower, upper: upper, method: method, note: countNote).finite())
    }
}
