import ArgumentParser
import Equity

extension SlopeIndex.ValueType: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "0", "normal", "default": self = .normal
        case "1", "rate": self = .rate
        case "2", "proportion": self = .proportion
        default: return nil
        }
    }
}

struct SIICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sii",
        abstract: "Slope and relative index of inequality with Monte Carlo limits (PHE phe_sii).",
        discussion: """
        One row per quantile (and group): the quantile (1 = most deprived,
        ordered numerically), its population, its value (or --numerator for
        proportions) and either --se or --lower-cl/--upper-cl (95% limits; on
        the log/logit scale for rates/proportions). Limits come from
        --repetitions Monte Carlo draws (default 100,000) with --seed; the same
        seed gives the same limits on any number of threads. --log-scale fits
        on the log (rates) or logit (proportions) scale as PHE's transform =
        TRUE. --covariates adds columns to the model (solved by LAPACK).

        Output: group columns, sii, sii_lowerNN_Ncl, sii_upperNN_Ncl (per
        level), rii and its limits with --rii, intercept, sii_madNN_N and
        rii_madNN_N with --reliability, note.

        Example:
          equity sii --input Fixtures/sii_deciles.csv --group-by area \\
            --quantile-column decile --population population \\
            --value life_expectancy --lower-cl lowercl --upper-cl uppercl \\
            --rii --seed 42
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var confidence: ConfidenceOption
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated).") var groupBy: ColumnList?
    @Option(name: .customLong("quantile-column"), help: "Column with the quantile (1 = most deprived).")
    var quantileColumn: String
    @Option(help: "Column with the quantile's population.") var population: String
    @Option(help: "Column with the indicator value.") var value: String?
    @Option(help: "Column with the count (proportions: value = count / population).") var numerator: String?
    @Option(name: .customLong("value-type"), help: "normal (0), rate (1) or proportion (2).") var valueType: SlopeIndex.ValueType = .normal
    @Option(help: "Column with the value's standard error.") var se: String?
    @Option(name: .customLong("lower-cl"), help: "Column with the 95% lower limit.") var lowerCL: String?
    @Option(name: .customLong("upper-cl"), help: "Column with the 95% upper limit.") var upperCL: String?
    @Option(parsing: .unconditional, help: "Multiplier for the SII (negative inverts the RII).") var multiplier: Double = 1
    @Option(help: "Monte Carlo repetitions (1,000 to 10,000,000).") var repetitions = 100_000
    @Flag(help: "Also report the RII and its limits.") var rii = false
    @Flag(name: .customLong("log-scale"),
          help: "Fit on the log (rates) or logit (proportions) scale and back-transform (PHE transform = TRUE).")
    var logScale = false
    @Flag(help: "Repeat the simulation 10 times and report the mean absolute difference of the limits.") var reliability = false
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Flag(name: .customLong("draw-per-quantile"), help: "Draw every quantile in every replicate (PHE's literal scheme) even where the fit is linear.")
    var drawPerQuantile = false
    @Option(help: "Covariate columns for the model (comma-separated).") var covariates: ColumnList?

    mutating func validate() throws {
        guard multiplier != 0, multiplier.isFinite else { throw ValidationError("--multiplier must be a non-zero number (negative inverts the RII)") }
        let range = reliability ? SimulationLimits.repetitionsWithReliability : SimulationLimits.repetitions
        guard range.contains(repetitions) else {
            throw ValidationError("--repetitions must be from 1,000 to \(reliability ? "1,000,000 with --reliability" : "10,000,000")")
        }
        if value == nil && numerator == nil { throw ValidationError("give --value (or --numerator for proportions)") }
        if value == nil && valueType != .proportion { throw ValidationError("--numerator applies to --value-type proportion only") }
        if se == nil && (lowerCL == nil || upperCL == nil) { throw ValidationError("give --se, or both --lower-cl and --upper-cl") }
        if logScale && valueType == .normal { throw ValidationError("--log-scale applies to --value-type rate or proportion") }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            var options = SlopeIndex.Options()
            options.valueType = valueType
            options.transform = logScale
            options.multiplier = multiplier
            options.repetitions = repetitions
            options.confidence = try confidence.levels()
            options.rii = rii
            options.reliability = reliability
            options.seed = seed
            options.drawPerQuantile = drawPerQuantile
            let table = try SIITableReader.read(path: input.input, groupBy: groupBy?.names ?? [], quantile: quantileColumn, population: population,
                                                value: value, numerator: numerator, se: se, lowerCL: lowerCL, upperCL: upperCL,
                                                covariates: covariates?.names ?? [], valueType: valueType)
            try out.write(try SIIRunner.run(table, options: options, format: output.format))
            try out.commit()
        }
    }
}
