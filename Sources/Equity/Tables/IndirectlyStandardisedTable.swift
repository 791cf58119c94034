/// `equity ci isr`: indirectly standardised rates or ratios per group from rows by age band,
/// with observed totals from the rows or from a separate file.
public enum IndirectlyStandardisedTable {
    /// The input's columns.
    public struct Columns: Sendable {
        /// Local events per band (not needed with `observedTotals`).
        public var count: String?
        /// Local population per band.
        public var population: String
        /// Reference events per band.
        public var referenceCount: String
        /// Reference population per band.
        public var referencePopulation: String
        /// Columns identifying a group.
        public var groupBy: [String] = []
        /// A CSV of each group's observed total (the group columns and `observedColumn`), when
        /// counts by age are unknown.
        public var observedTotals: String?
        /// The column of `observedTotals` with the totals.
        public var observedColumn = "observed"

        /// Columns for the local population and the reference counts and populations.
        public init(count: String?, population: String, referenceCount: String, referencePopulation: String) {
            self.count = count
            self.population = population
            self.referenceCount = referenceCount
            self.referencePopulation = referencePopulation
        }
    }

    /// One row per group: group columns, observed, expected, (ref_rate), value, limits,
    /// confidence, statistic, method, note.
    public static func run(input: String, columns c: Columns, statistic isr: IndirectlyStandardised,
                           output: OutputFile, format: TableFormat = .csv) throws {
        guard c.count != nil || c.observedTotals != nil else {
            throw EquityError.invalidArgument("give counts per band or a file of observed totals")
        }
        let reader = try CSVReader(path: input)
        var numeric = [try reader.column(c.population), try reader.column(c.referenceCount), try reader.column(c.referencePopulation)]
        if let count = c.count { numeric.append(try reader.column(count)) }
        let groups = try GroupedColumns(reader: reader, groupColumns: try c.groupBy.map { try reader.column($0) }, numeric: numeric)
        let n = groups.numeric(0), rx = groups.numeric(1), rn = groups.numeric(2)
        let x = c.count != nil ? groups.numeric(3) : nil
        for r in 0..<n.count {
            if n[r] < 0 { throw groups.fail(row: r, numeric: 0, "population \(NumberFormatting.string(n[r])) is negative") }
            if rx[r] < 0 { throw groups.fail(row: r, numeric: 1, "reference count \(NumberFormatting.string(rx[r])) is negative") }
            if rn[r] <= 0 { throw groups.fail(row: r, numeric: 2, "reference population \(NumberFormatting.string(rn[r])) must be greater than zero") }
            if let x, x[r] < 0 { throw groups.fail(row: r, numeric: 3, "count \(NumberFormatting.string(x[r])) is negative") }
        }
        var totals: [[String]: Double] = [:]
        if let path = c.observedTotals {
            let obs = try CSVReader(path: path)
            let keyColumns = try c.groupBy.map { try obs.column($0) }
            let oc = try obs.column(c.observedColumn)
            try obs.forEachRow { s in
                let v = try obs.number(s, oc)
                if v < 0 {
                    throw EquityError.invalidValue(SourceLocation(file: obs.name, line: s.line, column: oc + 1),
                                                   reason: "observed total \(NumberFormatting.string(v)) is negative")
                }
                totals[keyColumns.map { s.text($0) }] = v
            }
        }
        let out = ByteWriter()
        out.format = format
        out.header(groups.groupNames + ["observed", "expected"] + (isr.kind == .rate ? ["ref_rate"] : [])
                   + ["value"] + isr.confidence.columnNames + ["confidence", "statistic", "method", "note"])
        for g in 0..<groups.keys.count {
            let bands = groups.members[g].map { r in
                IndirectlyStandardised.Band(count: x?[r] ?? 0, population: n[r], referenceCount: rx[r], referencePopulation: rn[r])
            }
            var observed: Double? = nil
            var missingTotal = false
            if c.observedTotals != nil {
                observed = totals[groups.keys[g]] ?? .nan
                missingTotal = totals[groups.keys[g]] == nil
            }
            var result = isr.compute(bands, observed: observed)
            if missingTotal { result.interval.note = "no observed total for this group in \(c.observedTotals!)" }
            groups.appendKey(g, to: out)
            out.field(result.observed)
            out.field(result.expected)
            if isr.kind == .rate { out.field(result.referenceRate) }
            out.appendInterval(result.interval, confidence: isr.confidence, statistic: isr.statistic)
            out.endRow()
        }
        out.finishTable()
        try output.write(out)
    }
}
