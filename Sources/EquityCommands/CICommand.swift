import ArgumentParser
import Equity

struct CICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ci",
        abstract: "Confidence intervals for public-health indicators (PHEindicatormethods methods).",
        discussion: """
        Output columns: the input's columns (or, when grouped, the group columns
        and summed inputs), then value, lowercl, uppercl for one level —
        lower95_0cl, upper95_0cl, lower99_8cl, upper99_8cl for 0.95 and 0.998 —
        then confidence, statistic, method, note.
        """,
        subcommands: [
            CIProportionCommand.self, CIRateCommand.self, CIDSRCommand.self, CIISRCommand.self,
            CIMeanCommand.self, CILifeExpectancyCommand.self, CIQuantileCommand.self,
        ]
    )
}

/// A multiplier that must be positive (intervals: a negative one would swap the limits).
func checkPositive(_ multiplier: Double, _ name: String = "--multiplier") throws {
    guard multiplier > 0, multiplier.isFinite else { throw ValidationError("\(name) must be a positive number") }
}

struct CIProportionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proportion",
        abstract: "Proportions with Wilson score limits (PHE phe_proportion).",
        discussion: """
        Example:
          equity ci proportion --input Fixtures/ward_indicators.csv \\
            --numerator smokers --denominator adults --multiplier 100 \\
            --confidence 0.95,0.998 --output smoking.csv
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var confidence: ConfidenceOption
    @Option(help: "Column with the numerator (events, x).") var numerator: String
    @Option(help: "Column with the denominator (population, n).") var denominator: String
    @Option(parsing: .unconditional, help: "1 for a proportion of 1, 100 for a percentage.") var multiplier: Double = 1
    @Option(name: .customLong("group-by"), help: "Columns to group by (comma-separated); counts are summed per group.")
    var groupBy: ColumnList?

    mutating func validate() throws { try checkPositive(multiplier) }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            try RowwiseTable.proportions(input: input.input, numerator: numerator, denominator: denominator, groupBy: groupBy?.names ?? [],
                                         statistic: Proportion(confidence: try confidence.levels(), multiplier: multiplier),
                                         output: out, format: output.format)
            try out.commit()
        }
    }
}

struct CIRateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate",
        abstract: "Crude rates with exact Poisson (< 10 events) or Byar's limits (PHE phe_rate).",
        discussion: """
        Example:
          equity ci rate --input Fixtures/ward_indicators.csv \\
            --count deaths --population population --confidence 0.95,0.998
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var confidence: ConfidenceOption
    @Option(name: [.customLong("count"), .customLong("numerator")], help: "Column with the number of events.") var count: String
    @Option(name: [.customLong("population"), .customLong("denominator")], help: "Column with the population (person-years).")
    var population: String
    @Option(parsing: .unconditional, help: "Rate per this many.") var multiplier: Double = 100_000
    @Option(name: .customLong("group-by"), help: "Columns to group by (comma-separated); counts are summed per group.")
    var groupBy: ColumnList?

    mutating func validate() throws { try checkPositive(multiplier) }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            try RowwiseTable.rates(input: input.input, count: count, population: population, groupBy: groupBy?.names ?? [],
                                   statistic: CrudeRate(confidence: try confidence.levels(), multiplier: multiplier),
                                   output: out, format: output.format)
            try out.commit()
        }
    }
}
