import ArgumentParser
import Equity

struct CIDSRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dsr",
        abstract: "Directly standardised rates with Dobson limits (PHE phe_dsr / calculate_dsr).",
        discussion: """
        One row per age band (and group). The standard population is the
        European Standard Population 2013 unless --standard-population names a
        column: with --age-band the bands are matched by their labels (0-4, 5-9,
        …, 90+), otherwise each group lists the 19 ESP bands in order. With
        --event-frequency, rows hold numbers of people with that many events in
        the band (PHE 2.1 non-independent events) and --age-band is required.

        Example:
          equity ci dsr --input Fixtures/dsr_by_age.csv --group-by area \\
            --count deaths --population population --age-band ageband
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var confidence: ConfidenceOption
    @Option(name: [.customLong("count"), .customLong("numerator")], help: "Column with events (or people, with --event-frequency).")
    var count: String
    @Option(name: [.customLong("population"), .customLong("denominator")], help: "Column with the band population.")
    var population: String
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated).") var groupBy: ColumnList?
    @Option(name: .customLong("age-band"), help: "Column with age-band labels (0-4 … 90+).") var ageBand: String?
    @Option(name: .customLong("standard-population"), help: "Column with the standard population per band (default: ESP 2013).")
    var standardPopulation: String?
    @Option(name: .customLong("event-frequency"), help: "Column with the number of events per person (non-independent events).")
    var eventFrequency: String?
    @Option(parsing: .unconditional, help: "Rate per this many.") var multiplier: Double = 100_000

    mutating func validate() throws {
        try checkPositive(multiplier)
        if eventFrequency != nil && ageBand == nil { throw ValidationError("--event-frequency needs --age-band to gather each band's rows") }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            var columns = DirectlyStandardisedRateTable.Columns(count: count, population: population)
            columns.groupBy = groupBy?.names ?? []
            columns.ageBand = ageBand
            columns.standardPopulation = standardPopulation
            columns.eventFrequency = eventFrequency
            try DirectlyStandardisedRateTable.run(input: input.input, columns: columns,
                                                  statistic: DirectlyStandardisedRate(confidence: try confidence.levels(), multiplier: multiplier),
                                                  output: out, format: output.format)
            try out.commit()
        }
    }
}
