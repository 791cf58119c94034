import ArgumentParser
import Equity

struct CIQuantileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantile",
        abstract: "Assign deprivation quantiles within groups (PHE phe_quantile).",
        discussion: """
        Appends quantile, nquantiles, groupvars and qinverted to every input
        row. By default the highest value gets quantile 1 (PHE invert = TRUE);
        --no-invert reverses that, and --invert-column takes it per row from a
        TRUE/FALSE column (constant within a group).

        Example:
          equity ci quantile --input Fixtures/ward_indicators.csv \\
            --value smokers --quantiles 5
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Column with the values to rank.") var value: String
    @Option(name: .customLong("group-by"), help: "Columns within which quantiles are assigned (comma-separated).") var groupBy: ColumnList?
    @Option(name: [.customLong("quantiles"), .customLong("nquantiles")], help: "Number of quantiles.") var quantiles = 10
    @Flag(inversion: .prefixedNo, help: "Highest value in quantile 1 (default) or lowest.") var invert = true
    @Option(name: .customLong("invert-column"), help: "Column with TRUE/FALSE per row instead of --invert.") var invertColumn: String?

    mutating func validate() throws {
        guard quantiles >= 2 && quantiles <= 100 else { throw ValidationError("--quantiles must be from 2 to 100") }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            var options = QuantileTable.Options(value: value)
            options.groupBy = groupBy?.names ?? []
            options.quantiles = quantiles
            options.invert = invert
            options.invertColumn = invertColumn
            try QuantileTable.run(input: input.input, options: options, output: out, format: output.format)
            try out.commit()
        }
    }
}
