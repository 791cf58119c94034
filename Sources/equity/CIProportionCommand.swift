import ArgumentParser
import Equity

struct CIProportionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proportion",
        abstract: "Proportions with Wilson score limits (PHE phe_proportion).",
        discussion: """
        Example:
          equity ci proportion --input Fixtures/ward_indicators.csv --numerator smokers --denominator adults \\
            --multiplier 100 --confidence 0.95,0.998 --output smoking.csv
        """
    )

    @OptionGroup var common: CommonOptions
    @Option(help: "Column with the numerator (events, x).") var numerator: String
    @Option(help: "Column with the denominator (population, n).") var denominator: String
    @Option(parsing: .unconditional, help: "1 for a proportion of 1, 100 for a percentage.") var multiplier: Double = 1
    @Option(name: .customLong("group-by"), help: "Columns to group by (comma-separated); inputs are summed per group.")
    var groupBy: String?

    mutating func validate() throws {
        guard multiplier > 0, multiplier.isFinite else { throw ValidationError("--multiplier must be a positive number") }
    }

    func run() throws {
        try reportingErrors {
            let statistic = Proportion(confidence: try common.levels(), multiplier: multiplier)
            try RowwiseRunner.run(common: common, statistic: statistic,
                                  inputs: [numerator, denominator], groupBy: columnList(groupBy))
        }
    }
}

struct CIRateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate",
        abstract: "Crude rates with exact Poisson (< 10 events) or Byar's limits (PHE phe_rate).",
        discussion: """
        Example:
          equity ci rate --input Fixtures/ward_indicators.csv --numerator deaths --denominator population \\
            --multiplier 100000 --confidence 0.95,0.998
        """
    )

    @OptionGroup var common: CommonOptions
    @Option(help: "Column with the number of events.") var numerator: String
    @Option(help: "Column with the population (person-years).") var denominator: String
    @Option(parsing: .unconditional, help: "Rate per this many (default 100000).") var multiplier: Double = 100_000
    @Option(name: .customLong("group-by"), help: "Columns to group by (comma-separated); inputs are summed per group.")
    var groupBy: String?

    mutating func validate() throws {
        guard multiplier > 0, multiplier.isFinite else { throw ValidationError("--multiplier must be a positive number") }
    }

    func run() throws {
        try reportingErrors {
            let statistic = CrudeRate(confidence: try common.levels(), multiplier: multiplier)
            try RowwiseRunner.run(common: common, statistic: statistic,
                                  inputs: [numerator, denominator], groupBy: columnList(groupBy))
        }
    }
}

/// Runs a row-wise statistic either streaming over rows or over group sums.
enum RowwiseRunner {
    static func run<S: RowwiseStatistic>(common: CommonOptions, statistic: S, inputs: [String], groupBy: [String]) throws {
        let output = try OutputFile(path: common.output)
        let reader = try CSVReader(path: common.input)
        let inputColumns = try inputs.map { try reader.column($0) }
        do {
            if groupBy.isEmpty {
                let pipeline = RowwisePipeline(reader: reader, statistic: statistic, inputColumns: inputColumns)
                try pipeline.run(into: output)
            } else {
                let groupColumns = try groupBy.map { try reader.column($0) }
                let table = try GroupedSums(reader: reader, groupColumns: groupColumns, valueColumns: inputColumns,
                                            validate: { statistic.validate($0) })
                let writer = try table.apply(statistic)
                try output.write(writer)
            }
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }
}
