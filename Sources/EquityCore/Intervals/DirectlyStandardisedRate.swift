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
    /// The confidence levels of the limits.
    public let confidence: ConfidenceLevels
    /// Rate per this many (default 100,000).
    public let multiplier: Double

    /// A DSR statistic at `confidence`, per `multiplier`.
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
        /// The band's population (person-years).
        public var population: Double
        /// The standard population of the band (e.g. ESP 2013).
        public var standard: Double

        /// A band; `varianceEvents` defaults to `events` (independent events).
        public init(events: Double, population: Double, standard: Double, varianceEvents: Double? = nil) {
            self.events = events
            self.population = population
            self.standard = standard
            self.varianceEvents = varianceEvents ?? events
        }
    }

    /// The result with the group's total count and population.
    public struct Result: Sendable, Equatable {
        /// O = Σ events.
        public var totalCount: Double
        /// Σ population.
        public var totalPopulation: Double
        /// The DSR and its limits (or the reason it is missing).
        public var interval: IntervalResult
    }

    /// PHE's statistic text, e.g. "dsr per 100000".
    public var statistic: String { "dsr per \(NumberFormatting.string(multiplier))" }

    /// The method: Dobson, adjusted for non-independent events where they are.
    public func method(independent: Bool) -> IntervalMethod {
        independent ? .dobson : .dobsonNonIndependent
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

    /// Which input of `compute(events:populations:ageBands:standard:frequencies:)` a row issue is
    /// about (`RowIssue.input`).
    public enum Input: Int, Sendable {
        case events = 0, population, standard, frequency, ageBand
    }

    /// The DSR of one group given as rows (arrays of equal length, one element per row):
    ///
    /// - with `ageBands`, rows are gathered into bands by label — several rows per band carry
    ///   unique individuals by event frequency (`frequencies`, PHE 2.1 non-independent events:
    ///   events Σ f·x, variance weight Σ f²·x); without `standard` each label is matched to its
    ///   ESP 2013 band (0-4 … 90+), and absent ESP bands are noted;
    /// - without `ageBands` the rows are the bands in order; without `standard` there must be
    ///   the 19 ESP 2013 bands.
    ///
    /// Negative counts, populations or standards, frequencies below 1 or not whole, unknown or
    /// repeated labels and inconsistent band populations throw, naming the row (`index`) and the
    /// input (`RowIssue.input`, see `Input`).
    public func compute(events x: [Double], populations n: [Double], ageBands labels: [String]? = nil, standard w: [Double]? = nil,
                        frequencies f: [Double]? = nil) throws(IndexedRowIssue) -> Result {
        func fail(_ row: Int, _ input: Input, _ reason: String) -> IndexedRowIssue {
            IndexedRowIssue(index: row, issue: RowIssue(input: input.rawValue, reason: reason))
        }
        let count = x.count
        guard n.count == count, labels.map({ $0.count == count }) ?? true, w.map({ $0.count == count }) ?? true,
              f.map({ $0.count == count }) ?? true else {
            throw IndexedRowIssue(index: -1, issue: RowIssue(input: 0, reason: "the inputs differ in length"))
        }
        if f != nil && labels == nil {
            throw IndexedRowIssue(index: -1, issue: RowIssue(input: Input.frequency.rawValue, reason: "event frequencies need age-band labels to gather each band's rows"))
        }
        for r in 0..<count {
            if x[r] < 0 { throw fail(r, .events, "count \(NumberFormatting.string(x[r])) is negative") }
            if n[r] < 0 { throw fail(r, .population, "population \(NumberFormatting.string(n[r])) is negative") }
            if let w, w[r] < 0 { throw fail(r, .standard, "standard population \(NumberFormatting.string(w[r])) is negative") }
            if let f, f[r] < 1 || f[r] != f[r].rounded() { throw fail(r, .frequency, "event frequency must be a whole number of at least 1") }
        }
        guard let labels else {
            if w == nil && count != 19 {
                throw IndexedRowIssue(index: 0, issue: RowIssue(input: Input.events.rawValue,
                    reason: "\(count) rows; the ESP 2013 needs its 19 age bands (0-4 … 90+) in order, or give age-band labels or a standard population"))
            }
            let bands = (0..<count).map { k in Band(events: x[k], population: n[k], standard: w?[k] ?? StandardPopulation.esp2013[k]) }
            return compute(bands, independent: true)
        }
        // Gather rows by band label (several rows per band with event frequencies).
        var order: [String] = [], byLabel: [String: Band] = [:]
        for r in 0..<count {
            let frequency = f?[r] ?? 1
            let standard: Double
            if let w { standard = w[r] } else {
                guard let b = StandardPopulation.esp2013Band(label: labels[r]) else {
                    throw fail(r, .ageBand, "age band \(MessageText.quoted(labels[r])) is not an ESP 2013 band (0-4, 5-9, …, 85-89, 90+)")
                }
                standard = StandardPopulation.esp2013[b]
            }
            let events = x[r].isNaN ? Double.nan : frequency * x[r]
            let v = x[r].isNaN ? Double.nan : frequency * frequency * x[r]
            if var b = byLabel[labels[r]] {
                if b.population != n[r] && !(b.population.isNaN && n[r].isNaN) {
                    throw fail(r, .population, "population differs from the earlier row of age band \(MessageText.quoted(labels[r]))")
                }
                if f == nil { throw fail(r, .ageBand, "age band \(MessageText.quoted(labels[r])) appears twice in this group") }
                b.events += events
                b.varianceEvents += v
                byLabel[labels[r]] = b
            } else {
                order.append(labels[r])
                byLabel[labels[r]] = Band(events: events, population: n[r], standard: standard, varianceEvents: v)
            }
        }
        var result = compute(order.map { byLabel[$0]! }, independent: f == nil)
        if w == nil && order.count != 19 {
            result.interval.note = joinNotes(result.interval.note, "\(19 - order.count) of the 19 ESP 2013 age bands absent from this group")
        }
        return result
    }
}
