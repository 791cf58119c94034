import ArgumentParser
import Equity

extension IndirectlyStandardised.Kind: ExpressibleByArgument {}

struct CIISRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isr",
        abstract: "Indirectly standardised rates or ratios (PHE calculate_ISRate / calculate_ISRatio).",
        discussion: """
        One row per age band (and group) with the local count and population
        and the reference count and population. --observed-totals FILE gives
        each group's observed total instead (a CSV with the group columns and
        an 'observed' column), as when counts by age are unknown.

        Example:
          equity ci isr --input Fixtures/dsr_by_age.csv --group-by area \\
            --count deaths --population population \\
            --reference-count ref_deaths --reference-population ref_population \\
            --statistic ratio --multiplier 100
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var confidence: ConfidenceOption
    @Option(name: [.customLong("count"), .customLong("numerator")], help: "Column with local events per band.")
    var count: String?
    @Option(name: [.customLong("population"), .customLong("denominator")], help: "Column with local population per band.")
    var population: String
    @Option(name: [.customLong("reference-count"), .customLong("reference-numerator")], help: "Column with reference events per band.")
    var referenceCount: String
    @Option(name: [.customLong("reference-population"), .customLong("reference-denominator")], help: "Column with reference population per band.")
    var referencePopulation: String
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated).") var groupBy: ColumnList?
    @Option(help: "rate or ratio.") var statistic: IndirectlyStandardised.Kind = .rate
    @Option(parsing: .unconditional, help: "Rate per this many (rate, default 100000) or the ratio's reference value (ratio, default 1).")
    var multiplier: Double?
    @Option(name: .customLong("observed-totals"), help: "CSV of observed totals per group (group columns + observed).")
    var observedTotals: String?
    @Option(name: .customLong("observed-column"), help: "Column of --observed-totals with the totals.") var observedColumn = "observed"

    mutating func validate() throws {
        if let multiplier { try checkPositive(multiplier) }
        if count == nil && observedTotals == nil { throw ValidationError("give --count (events per band) or --observed-totals") }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            var columns = IndirectlyStandardisedTable.Columns(count: count, population: population, referenceCount: referenceCount,
                                                              referencePopulation: referencePopulation)
            columns.groupBy = groupBy?.names ?? []
            columns.observedTotals = observedTotals
            columns.observedColumn = observedColumn
            try IndirectlyStandardisedTable.run(input: input.input, columns: columns,
                                                statistic: IndirectlyStandardised(kind: statistic, confidence: try confidence.levels(), multiplier: multiplier),
                                                output: out, format: output.format)
            try out.commit()
        }
    }
}
