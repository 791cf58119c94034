/// Period life expectancy by the Chiang II abridged life table with the Silcocks et al. (1999)
/// variance, as PHEindicatormethods `phe_life_expectancy`.
///
/// For bands with start ages x₀ = 0 < x₁ < … < x_ω: widths nᵢ = xᵢ₊₁ − xᵢ (last band open),
/// aᵢ = 0.1 for the band starting at 0 and 0.5 otherwise, Mᵢ = Dᵢ/Pᵢ,
/// qᵢ = nᵢMᵢ/(1 + nᵢMᵢ(1 − aᵢ)) (1 when Dᵢ > Pᵢ/nᵢ/aᵢ; the open band's width is 2/M so q = 1),
/// lᵢ₊₁ = lᵢ(1 − qᵢ) from l₀ = 100,000, Lᵢ = nᵢ(lᵢ₊₁ + aᵢdᵢ), L_ω = l_ω/M_ω, eᵢ = Tᵢ/lᵢ.
/// Variance: s²pᵢ = qᵢ²(1 − qᵢ)/Dᵢ, Wᵢ = s²pᵢ lᵢ²((1 − aᵢ)nᵢ + eᵢ₊₁)², W_ω = (l_ω/2)²·4/(D_ω M_ω²),
/// SE(eᵢ) = √(Σⱼ≥ᵢ Wⱼ)/lᵢ.
///
/// PHE's suppression rules: a group is missing when any band has negative deaths, a population
/// of zero or less, more deaths than population, a band is missing, or the total population is
/// 5,000 or less; a value whose 95% interval is wider than 20 years is blanked (limits kept).
/// Beyond PHE, any band set starting at 0 can be used (e.g. a final 85+ band).
public struct LifeExpectancy: Sendable {
    /// The confidence levels of the limits.
    public let confidence: ConfidenceLevels
    /// Start ages of the bands, ascending, the first 0.
    public let startAges: [Double]

    /// PHE's default bands: 0, 1–4, 5–9, …, 85–89, 90+.
    public static let defaultStartAges: [Double] = [0, 1] + stride(from: 5.0, through: 90, by: 5).map { $0 }

    /// The method of the life table and its limits.
    public static let method = IntervalMethod.chiangSilcocks

    /// A life-table statistic at `confidence` over bands starting at `startAges` (the first 0).
    public init(confidence: ConfidenceLevels = .ninetyFive, startAges: [Double] = LifeExpectancy.defaultStartAges) throws {
        guard startAges.first == 0 else { throw EquityError.invalidArgument("the first age band must start at 0") }
        guard startAges.count >= 2 else { throw EquityError.invalidArgument("a life table needs at least two age bands") }
        for i in 1..<startAges.count where startAges[i] <= startAges[i - 1] {
            throw EquityError.invalidArgument("age bands must be in ascending order (\(NumberFormatting.string(startAges[i - 1])) then \(NumberFormatting.string(startAges[i])))")
        }
        self.confidence = confidence
        self.startAges = startAges
    }

    /// Life expectancy at the start of each band, or one reason for the whole group.
    public enum Outcome: Sendable, Equatable {
        /// One result per band, in the order of `startAges`.
        case table([IntervalResult])
        /// The whole group is suppressed, for this reason.
        case suppressed(String)

        /// The result for band k (a missing result with the reason when suppressed).
        public func result(band k: Int, levels: Int) -> IntervalResult {
            switch self {
            case let .table(rows): return rows[k]
            case let .suppressed(reason): return .missing(levels: levels, method: LifeExpectancy.method, note: reason)
            }
        }
    }

    /// A group's rows matched to the bands: the row of each band (nil when absent) and the life
    /// table (suppressed, with the bands named, when any band is absent).
    public struct Banded: Sendable, Equatable {
        /// For each band of `startAges`, the index of its row (nil when the group lacks it).
        public var rows: [Int?]
        /// The life table.
        public var outcome: Outcome
    }

    /// The life table of one group given as rows with age-band labels ("0", "1-4", "90+": read by
    /// their first number, as PHE) — in any order. A label that starts no band, or a band given
    /// twice, throws with the row's index (`RowIssue.input` 0); absent bands suppress the group.
    public func compute(ageBands labels: [String], deaths: [Double], populations: [Double]) throws(IndexedRowIssue) -> Banded {
        guard deaths.count == labels.count, populations.count == labels.count else {
            throw IndexedRowIssue(index: -1, issue: RowIssue(input: 0, reason: "the inputs differ in length"))
        }
        var rows = [Int?](repeating: nil, count: startAges.count)
        for (r, label) in labels.enumerated() {
            guard let age = StandardPopulation.leadingNumber(label), let k = startAges.firstIndex(of: Double(age)) else {
                throw IndexedRowIssue(index: r, issue: RowIssue(input: 0,
                    reason: "age band \(MessageText.quoted(label)) does not start at one of the bands \(startAges.map { NumberFormatting.string($0) }.joined(separator: ","))"))
            }
            if rows[k] != nil {
                throw IndexedRowIssue(index: r, issue: RowIssue(input: 0, reason: "age band \(MessageText.quoted(label)) appears twice in this group"))
            }
            rows[k] = r
        }
        let missing = startAges.indices.filter { rows[$0] == nil }
        if !missing.isEmpty {
            return Banded(rows: rows, outcome: .suppressed("age band starting \(missing.map { NumberFormatting.string(startAges[$0]) }.joined(separator: ", ")) missing"))
        }
        return Banded(rows: rows, outcome: compute(deaths: rows.map { deaths[$0!] }, populations: rows.map { populations[$0!] }))
    }

    /// Computes the table for one group; `deaths[i]`, `populations[i]` belong to `startAges[i]`.
    public func compute(deaths: [Double], populations: [Double]) -> Outcome {
        let k = startAges.count
        guard deaths.count == k, populations.count == k else {
            return .suppressed("expected \(k) age bands, found \(deaths.count)")
        }
        if deaths.contains(where: { $0.isNaN }) || populations.contains(where: { $0.isNaN }) {
            return .suppressed("deaths or population missing in an age band")
        }
        if deaths.contains(where: { $0 < 0 }) { return .suppressed("negative deaths in an age band") }
        if populations.contains(where: { $0 <= 0 }) { return .suppressed("population zero or less in an age band") }
        if zip(deaths, populations).contains(where: { $0 > $1 }) {
            return .suppressed("more deaths than population in an age band")
        }
        if populations.reduce(0, +) <= 5000 { return .suppressed("total population 5,000 or less") }
        if deaths[deaths.count - 1] == 0 {
            // L_ω = l_ω/M_ω is infinite: the life table has no end.
            return .suppressed("no deaths in the final (open-ended) age band: life expectancy cannot be calculated")
        }

        var n = [Double](repeating: 0, count: k), a = n, m = n, q = n, l = n, d = n, bigL = n, e = n, w = n
        for i in 0..<k {
            m[i] = deaths[i] / populations[i]
            a[i] = startAges[i] == 0 ? 0.1 : 0.5
            n[i] = i + 1 < k ? startAges[i + 1] - startAges[i] : 2 / m[i]
            if deaths[i] <= populations[i] / n[i] / a[i] {
                q[i] = m[i] * n[i] / (1 + m[i] * n[i] * (1 - a[i]))
            } else {
                q[i] = 1
            }
        }
        l[0] = 100_000
        for i in 1..<k { l[i] = l[i - 1] * (1 - q[i - 1]) }
        for i in 0..<k { d[i] = l[i] - (i + 1 < k ? l[i + 1] : 0) }
        for i in 0..<k {
            bigL[i] = i + 1 < k ? n[i] * (l[i + 1] + a[i] * d[i]) : l[i] / m[i]
        }
        var t = 0.0
        var tArray = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) { t += bigL[i]; tArray[i] = t }
        for i in 0..<k { e[i] = l[i] == 0 ? 0 : tArray[i] / l[i] }
        for i in 0..<k {
            var sp = d[i] == 0 ? 0 : q[i] * q[i] * (1 - q[i]) / deaths[i]
            if i == k - 1 { sp = 4 / (deaths[i] * m[i] * m[i]) }
            if i + 1 < k {
                let f = (1 - a[i]) * n[i] + e[i + 1]
                w[i] = sp * l[i] * l[i] * f * f
            } else {
                w[i] = (l[i] / 2) * (l[i] / 2) * sp
            }
        }
        let z95 = Normal.criticalValue(confidence: 0.95)
        var results: [IntervalResult] = []
        var st = 0.0
        var se = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) { st += w[i]; se[i] = (st / (l[i] * l[i])).squareRoot() }
        for i in 0..<k {
            let lower = confidence.z.map { e[i] - $0 * se[i] }
            let upper = confidence.z.map { e[i] + $0 * se[i] }
            var value = e[i]
            var note = ""
            if !value.isFinite || !se[i].isFinite {
                results.append(.missing(levels: confidence.count, method: Self.method,
                                        note: "life expectancy cannot be calculated at this age (infinite or undefined)"))
                continue
            }
            if z95 * se[i] > 10 {
                value = .nan
                note = "value suppressed: 95% confidence interval wider than 20 years"
            }
            results.append(IntervalResult(value: value, lower: lower, upper: upper, method: Self.method, note: note))
        }
        return .table(results)
    }

    /// PHE's statistic text for a band.
    public static func statistic(startAge: Double) -> String {
        "life expectancy at \(NumberFormatting.string(startAge))"
    }
}
