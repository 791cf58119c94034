/// `equity ci life-expectancy`: abridged life tables per group from rows by age band.
public enum LifeExpectancyTable {
    /// The input's columns.
    public struct Columns: Sendable {
        /// Deaths per band.
        public var deaths: String
        /// Population (person-years) per band.
        public var population: String
        /// Each band's start age or label ("0", "1-4", "90+").
        public var startAge: String
        /// Columns identifying a group.
        public var groupBy: [String] = []

        /// Columns for deaths, population and age bands.
        public init(deaths: String, population: String, startAge: String) {
            self.deaths = deaths
            self.population = population
            self.startAge = startAge
        }
    }

    /// One row per group and band (or per age in `ages`): group columns, the band's label,
    /// deaths, population, value, limits, confidence, statistic, method, note.
    public static func run(input: String, columns c: Columns, statistic le: LifeExpectancy, ages: Set<Double>? = nil,
                           output: OutputFile, format: TableFormat = .csv) throws {
        let reader = try CSVReader(path: input)
        let groups = try GroupedColumns(reader: reader, groupColumns: try c.groupBy.map { try reader.column($0) },
                                        numeric: [try reader.column(c.deaths), try reader.column(c.population)],
                                        text: [try reader.column(c.startAge)])
        let d = groups.numeric(0), p = groups.numeric(1), labels = groups.text(0)
        let out = ByteWriter()
        out.format = format
        out.header(groups.groupNames + [c.startAge, c.deaths, c.population, "value"] + le.confidence.columnNames
                   + ["confidence", "statistic", "method", "note"])
        for g in 0..<groups.keys.count {
            let rows = groups.members[g]
            let banded: LifeExpectancy.Banded
            do {
                banded = try le.compute(ageBands: rows.map { labels[$0] }, deaths: rows.map { d[$0] }, populations: rows.map { p[$0] })
            } catch {
                throw groups.fail(row: rows[max(0, error.index)], text: 0, error.issue.reason)
            }
            for k in le.startAges.indices {
                if let ages, !ages.contains(le.startAges[k]) { continue }
                groups.appendKey(g, to: out)
                if let local = banded.rows[k] {
                    let r = rows[local]
                    out.field(labels[r]); out.field(d[r]); out.field(p[r])
                } else {
                    out.field(NumberFormatting.string(le.startAges[k])); out.field(Double.nan); out.field(Double.nan)
                }
                out.appendInterval(banded.outcome.result(band: k, levels: le.confidence.count), confidence: le.confidence,
                                   statistic: LifeExpectancy.statistic(startAge: le.startAges[k]))
                out.endRow()
            }
        }
        out.finishTable()
        try output.write(out)
    }
}
