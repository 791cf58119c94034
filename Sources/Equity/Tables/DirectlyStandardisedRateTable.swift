/// `equity ci dsr`: directly standardised rates per group from rows by age band.
public enum DirectlyStandardisedRateTable {
    /// The input's columns.
    public struct Columns: Sendable {
        /// Events per band (or, with `eventFrequency`, people with that many events).
        public var count: String
        /// The band's population.
        public var population: String
        /// Columns identifying a group.
        public var groupBy: [String] = []
        /// Age-band labels (0-4 … 90+): bands matched by label (required with `eventFrequency`).
        public var ageBand: String?
        /// The standard population per band (default: ESP 2013).
        public var standardPopulation: String?
        /// Events per person (PHE 2.1 non-independent events).
        public var eventFrequency: String?

        /// Columns for counts and populations.
        public init(count: String, population: String) {
            self.count = count
            self.population = population
        }
    }

    /// One row per group: group columns, total_count, total_pop, value, limits, confidence,
    /// statistic, method, note.
    public static func run(input: String, columns c: Columns, statistic dsr: DirectlyStandardisedRate,
                           output: OutputFile, format: TableFormat = .csv) throws {
        let reader = try CSVReader(path: input)
        var numeric = [try reader.column(c.count), try reader.column(c.population)]
        if let s = c.standardPopulation { numeric.append(try reader.column(s)) }
        let frequencyIndex = numeric.count
        if let f = c.eventFrequency { numeric.append(try reader.column(f)) }
        let text = try c.ageBand.map { [try reader.column($0)] } ?? []
        let groups = try GroupedColumns(reader: reader, groupColumns: try c.groupBy.map { try reader.column($0) }, numeric: numeric, text: text)
        let x = groups.numeric(0), n = groups.numeric(1)
        let w = c.standardPopulation != nil ? groups.numeric(2) : nil
        let f = c.eventFrequency != nil ? groups.numeric(frequencyIndex) : nil
        let labels = c.ageBand != nil ? groups.text(0) : nil
        let out = ByteWriter()
        out.format = format
        out.header(groups.groupNames + ["total_count", "total_pop", "value"] + dsr.confidence.columnNames
                   + ["confidence", "statistic", "method", "note"])
        for g in 0..<groups.keys.count {
            let rows = groups.members[g]
            let result: DirectlyStandardisedRate.Result
            do {
                result = try dsr.compute(events: rows.map { x[$0] }, populations: rows.map { n[$0] }, ageBands: labels.map { l in rows.map { l[$0] } },
                                         standard: w.map { s in rows.map { s[$0] } }, frequencies: f.map { s in rows.map { s[$0] } })
            } catch {
                let row = rows[max(0, error.index)]
                switch DirectlyStandardisedRate.Input(rawValue: error.issue.input) ?? .events {
                case .ageBand: throw groups.fail(row: row, text: 0, error.issue.reason)
                case .events: throw groups.fail(row: row, numeric: 0, error.issue.reason)
                case .population: throw groups.fail(row: row, numeric: 1, error.issue.reason)
                case .standard: throw groups.fail(row: row, numeric: 2, error.issue.reason)
                case .frequency: throw groups.fail(row: row, numeric: frequencyIndex, error.issue.reason)
                }
            }
            groups.appendKey(g, to: out)
            out.field(result.totalCount)
            out.field(result.totalPopulation)
            out.appendInterval(result.interval, confidence: dsr.confidence, statistic: dsr.statistic)
            out.endRow()
        }
        out.finishTable()
        try output.write(out)
    }
}
