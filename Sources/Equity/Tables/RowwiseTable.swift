/// `equity ci proportion` and `equity ci rate`: a statistic per input row (streamed, input rows
/// copied through), or per group of rows with their counts summed (PHE's grouped form).
public enum RowwiseTable {
    /// Proportions with Wilson limits of `numerator` out of `denominator` per row (or group).
    public static func proportions(input: String, numerator: String, denominator: String, groupBy: [String] = [],
                                   statistic: Proportion, output: OutputFile, format: TableFormat = .csv) throws {
        try proportions(reader: CSVReader(path: input), numerator: numerator, denominator: denominator, groupBy: groupBy,
                        statistic: statistic, output: output, format: format)
    }

    /// As above, from a CSV already open (a file, standard input or bytes in memory).
    public static func proportions(reader: CSVReader, numerator: String, denominator: String, groupBy: [String] = [],
                                   statistic: Proportion, output: OutputFile, format: TableFormat = .csv) throws {
        try run(reader: reader, inputs: [numerator, denominator], groupBy: groupBy, kernel: ProportionKernel(statistic), output: output, format: format)
    }

    /// Crude rates with exact/Byar's limits of `count` events in `population` per row (or group).
    public static func rates(input: String, count: String, population: String, groupBy: [String] = [],
                             statistic: CrudeRate, output: OutputFile, format: TableFormat = .csv) throws {
        try rates(reader: CSVReader(path: input), count: count, population: population, groupBy: groupBy,
                  statistic: statistic, output: output, format: format)
    }

    /// As above, from a CSV already open.
    public static func rates(reader: CSVReader, count: String, population: String, groupBy: [String] = [],
                             statistic: CrudeRate, output: OutputFile, format: TableFormat = .csv) throws {
        try run(reader: reader, inputs: [count, population], groupBy: groupBy, kernel: CrudeRateKernel(statistic), output: output, format: format)
    }

    static func run<S: RowwiseStatistic>(reader: CSVReader, inputs: [String], groupBy: [String], kernel: S,
                                         output: OutputFile, format: TableFormat) throws {
        let inputColumns = try inputs.map { try reader.column($0) }
        if groupBy.isEmpty {
            var pipeline = RowwisePipeline(reader: reader, statistic: kernel, inputColumns: inputColumns)
            pipeline.format = format
            try pipeline.run(into: output)
        } else {
            let groupColumns = try groupBy.map { try reader.column($0) }
            let table = try GroupedSums(reader: reader, groupColumns: groupColumns, valueColumns: inputColumns,
                                        validate: { kernel.validate($0) })
            try output.write(try table.apply(kernel, format: format))
        }
    }
}
