import ArgumentParser
import Equity

struct CIMeanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mean",
        abstract: "Means with Student's t limits (PHE phe_mean).",
        discussion: """
        One row per group: value_sum, value_count, stdev, value, limits. As PHE,
        a group with a missing value has no mean (the note says so);
        --drop-missing leaves missing values out.

        Example:
          equity ci mean --input Fixtures/ward_indicators.csv --value deaths \\
            --confidence 0.95,0.998
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var confidence: ConfidenceOption
    @Option(help: "Column with the values.") var value: String
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated).") var groupBy: ColumnList?
    @Flag(name: .customLong("drop-missing"),
          help: "Leave missing values out of a group's mean (default: as PHE, a group with a missing value has no mean).")
    var dropMissing = false

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            try MeanTable.run(input: input.input, value: value, groupBy: groupBy?.names ?? [],
                              statistic: MeanInterval(confidence: try confidence.levels(), dropMissing: dropMissing),
                              output: out, format: output.format)
            try out.commit()
        }
    }
}
