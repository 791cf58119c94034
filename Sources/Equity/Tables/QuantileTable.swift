/// `equity ci quantile`: deprivation quantiles assigned within groups (PHE `phe_quantile`),
/// appended to every input row.
public enum QuantileTable {
    /// The input's columns and the assignment's options.
    public struct Options: Sendable {
        /// The values to rank.
        public var value: String
        /// Columns within which quantiles are assigned.
        public var groupBy: [String] = []
        /// The number of quantiles.
        public var quantiles = 10
        /// Highest value in quantile 1 (PHE's default).
        public var invert = true
        /// A TRUE/FALSE column giving `invert` per group instead.
        public var invertColumn: String?

        /// Options for a value column with PHE's defaults (deciles, inverted).
        public init(value: String) { self.value = value }
    }

    /// Every input row, then quantile, nquantiles, groupvars, qinverted, note.
    public static func run(input: String, options o: Options, output: OutputFile, format: TableFormat = .csv) throws {
        let reader = try CSVReader(path: input)
        let all = Array(reader.header.indices)
        var text = all
        if let column = o.invertColumn { text.append(try reader.column(column)) }
        let groups = try GroupedColumns(reader: reader, groupColumns: try o.groupBy.map { try reader.column($0) },
                                        numeric: [try reader.column(o.value)], text: text)
        let v = groups.numeric(0)
        var quantile = [Double](repeating: .nan, count: v.count)
        var inverted = [Bool](repeating: o.invert, count: v.count)
        for g in 0..<groups.keys.count {
            let rows = groups.members[g]
            var invert = o.invert
            if o.invertColumn != nil {
                let flags = groups.text(all.count)
                let values = Set(rows.map { flags[$0].uppercased() })
                guard values.count == 1, let only = values.first, only == "TRUE" || only == "FALSE" else {
                    throw groups.fail(row: rows[0], text: all.count, "must be TRUE or FALSE and the same within each group")
                }
                invert = only == "TRUE"
            }
            let q = try Quantiles(count: o.quantiles, invert: invert).assign(rows.map { v[$0] })
            for (k, r) in rows.enumerated() { quantile[r] = q[k]; inverted[r] = invert }
        }
        let out = ByteWriter()
        out.format = format
        out.header(reader.header + ["quantile", "nquantiles", "groupvars", "qinverted", "note"])
        let groupvars = o.groupBy.joined(separator: ", ")
        for r in 0..<v.count {
            for c in all.indices { out.field(groups.text(c)[r]) }
            out.field(quantile[r])
            out.field(o.quantiles)
            out.field(groupvars)
            out.field(inverted[r] ? "lowest quantile represents highest values" : "lowest quantile represents lowest values")
            out.field(v[r].isNaN ? "value missing" : (quantile[r].isNaN ? "fewer areas in the group than quantiles" : ""))
            out.endRow()
        }
        out.finishTable()
        try output.write(out)
    }
}
