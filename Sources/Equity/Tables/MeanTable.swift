/// `equity ci mean`: means with Student's t limits per group.
public enum MeanTable {
    /// One row per group: group columns, value_sum, value_count, stdev, value, limits,
    /// confidence, statistic, method, note.
    public static func run(input: String, value: String, groupBy: [String] = [], statistic mean: MeanInterval,
                           output: OutputFile, format: TableFormat = .csv) throws {
        let reader = try CSVReader(path: input)
        let groups = try GroupedColumns(reader: reader, groupColumns: try groupBy.map { try reader.column($0) },
                                        numeric: [try reader.column(value)])
        let v = groups.numeric(0)
        let out = ByteWriter()
        out.format = format
        out.header(groups.groupNames + ["value_sum", "value_count", "stdev", "value"] + mean.confidence.columnNames
                   + ["confidence", "statistic", "method", "note"])
        for g in 0..<groups.keys.count {
            let r = mean.compute(groups.members[g].map { v[$0] })
            groups.appendKey(g, to: out)
            out.field(r.sum)
            out.field(r.count)
            out.field(r.standardDeviation)
            out.appendInterval(r.interval, confidence: mean.confidence, statistic: "mean")
            out.endRow()
        }
        out.finishTable()
        try output.write(out)
    }
}
