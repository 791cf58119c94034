/// `equity gini`: the Gini family and related indices for each group of a CSV file.
public enum GiniTable {
    /// What to compute beyond the plain indices.
    public struct Options: Sendable {
        /// Bootstrap replicates for percentile limits of the Gini (0 = none).
        public var bootstrap = 0
        /// The bootstrap's seed.
        public var seed: UInt64 = 1
        /// The bootstrap limits' levels.
        public var confidence: ConfidenceLevels = .ninetyFive
        /// Atkinson inequality-aversion parameters.
        public var epsilons: [Double] = [0.5, 1, 2]
        /// The concentration index's correction for bounded outcomes.
        public var correction: InequalityIndices.ConcentrationCorrection = .none
        /// The outcome's bounds for the correction.
        public var bounds: (Double, Double) = (0, 1)
        /// The defaults: no bootstrap, ε = 0.5, 1, 2.
        public init() {}
    }

    /// One row per group: n, gini, gini_corrected, se_davidson, se_jackknife, bootstrap limits,
    /// gini_weighted, theil_t, theil_l, atkinson_<ε>, palma, s80_s20, concentration, note (the
    /// columns that apply to the options given); with `count`, each row is a band (grouped Gini).
    public static func compute(reader: CSVReader, value: String, groupBy: [String], weight: String?, count: String?,
                               rankBy: String?, options: Options, format: TableFormat = .csv) throws -> ByteWriter {
        var numeric = [try reader.column(value)]
        if let weight { numeric.append(try reader.column(weight)) }
        let countIndex = numeric.count
        if let count { numeric.append(try reader.column(count)) }
        let rankIndex = numeric.count
        if let rankBy { numeric.append(try reader.column(rankBy)) }
        let groups = try GroupedColumns(reader: reader, groupColumns: try groupBy.map { try reader.column($0) }, numeric: numeric)
        let x = groups.numeric(0)
        for r in 0..<x.count {
            if x[r] < 0 { throw groups.fail(row: r, numeric: 0, "value \(NumberFormatting.string(x[r])) is negative; the Gini needs values ≥ 0") }
            if weight != nil, !(groups.numeric(1)[r] >= 0) { throw groups.fail(row: r, numeric: 1, "weight must be zero or more") }
            if count != nil, !(groups.numeric(countIndex)[r] >= 0) { throw groups.fail(row: r, numeric: countIndex, "count must be zero or more") }
        }
        let tags = options.confidence.levels.map { c -> String in
            var t = ConfidenceLevels.percentText(c)
            if !t.contains(".") { t += ".0" }
            return String(t.map { $0 == "." ? "_" : $0 })
        }
        var header = groups.groupNames + ["n", "gini"]
        if count == nil {
            header += ["gini_corrected", "se_davidson", "se_jackknife"]
            if options.bootstrap > 0 { for t in tags { header += ["gini_lower\(t)cl", "gini_upper\(t)cl"] } }
            if weight != nil { header.append("gini_weighted") }
            header += ["theil_t", "theil_l"] + options.epsilons.map { "atkinson_\(NumberFormatting.string($0))" } + ["palma", "s80_s20"]
            if rankBy != nil { header.append("concentration") }
        }
        header.append("note")
        let out = ByteWriter()
        out.format = format
        out.header(header)
        for g in 0..<groups.keys.count {
            let all = groups.members[g]
            let rows = all.filter { !x[$0].isNaN }
            let missing = all.count - rows.count
            var notes: [String] = []
            if missing > 0 { notes.append("\(missing) missing value\(missing == 1 ? "" : "s") not used") }
            groups.appendKey(g, to: out)
            let v = rows.map { x[$0] }
            if let _ = count {
                let c = rows.map { groups.numeric(countIndex)[$0] }
                out.field(c.reduce(0, +))
                out.field(v.isEmpty ? .nan : Gini.grouped(values: v, counts: c))
                out.field(notes.joined(separator: "; "))
                out.endRow()
                continue
            }
            out.field(v.count)
            let total = v.reduce(0, +)
            if v.count < 2 || total == 0 {
                notes.append(v.count < 2 ? "fewer than 2 values" : "all values are zero")
                let blanks = header.count - groups.groupNames.count - 2
                for _ in 0..<blanks { out.field(Double.nan) }
                out.field(notes.joined(separator: "; "))
                out.endRow()
                continue
            }
            // Every index here but the concentration index is scale-free: scale by an exact power
            // of two so subnormal or huge values keep full precision.
            let scale = Gini.powerOfTwoScale(toUnit: v.max()!)
            let scaled = v.map { $0 * scale.0 * scale.1 }
            let s = Gini.Sorted(scaled)
            out.field(Gini.coefficient(s))
            out.field(Gini.corrected(s))
            out.field(Gini.davidsonStandardError(s))
            out.field(Gini.jackknifeStandardError(s))
            if options.bootstrap > 0 {
                let (lo, hi) = try Gini.bootstrap(s, replicates: options.bootstrap, confidence: options.confidence, seed: options.seed &+ UInt64(g))
                for k in 0..<lo.count { out.field(lo[k]); out.field(hi[k]) }
            }
            if weight != nil { out.field(Gini.weighted(values: scaled, weights: rows.map { groups.numeric(1)[$0] })) }
            out.field(InequalityIndices.theilT(scaled))
            let tl = InequalityIndices.theilL(scaled)
            if tl.isNaN { notes.append("theil_l and atkinson (ε ≥ 1) need values > 0") }
            out.field(tl)
            for e in options.epsilons { out.field(InequalityIndices.atkinson(scaled, epsilon: e)) }
            let palma = InequalityIndices.palma(scaled), s80s20 = InequalityIndices.s80s20(scaled)
            if palma.isNaN { notes.append("palma undefined: the poorest 40% have no share") }
            if s80s20.isNaN { notes.append("s80_s20 undefined: the poorest 20% have no share") }
            out.field(palma)
            out.field(s80s20)
            if rankBy != nil {
                out.field(InequalityIndices.concentration(v, rankBy: rows.map { groups.numeric(rankIndex)[$0] },
                                                          correction: options.correction, bounds: options.bounds))
            }
            out.field(notes.joined(separator: "; "))
            out.endRow()
        }
        out.finishTable()
        return out
    }
}
