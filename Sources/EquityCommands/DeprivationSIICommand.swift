import ArgumentParser
import Equity

/// The statistic per deprivation quantile.
enum QuantileStatistic: String, ExpressibleByArgument, CaseIterable {
    case proportion, rate, dsr
}

extension DeprivationQuantiles.Rule: ExpressibleByArgument {}

struct DeprivationSIICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deprivation-sii",
        abstract: "Small areas to deprivation deciles, decile values with limits and the SII/RII, in one step.",
        discussion: """
        Input: one row per small area (and group, e.g. year), or per area and
        age band for --statistic dsr: --code, --score (higher = more deprived)
        or --rank (1 = most deprived), --population and --count.

        1. Population-weighted quantiles (--quantiles, default 10; 1 = most
           deprived; --unweighted counts areas instead): within each --group-by
           group (group by local authority for local deciles), or nationally
           from --reference FILE (its --reference-code, deprivation and
           population columns default to the input's names), by area code.
        2. Counts and populations summed per quantile (and age band).
        3. Each quantile's value with PHE limits: proportion (Wilson), crude
           rate (Byar's; exact below 10) or DSR (Dobson, ESP 2013), per --per.
        4. SII (and --rii) of the quantile values as `equity sii`.

        --areas-output writes each area's quantile, --quantiles-output the
        quantile table, --output the SII table.

        Example (Luton's LSOAs in England's income deciles):
          equity deprivation-sii --input Fixtures/deprivation/luton_lsoa11_iod2019.csv \\
            --code lsoa11cd --score income_score --population pop_mid2015 \\
            --count income_deprived --statistic proportion --per 100 \\
            --reference Fixtures/deprivation/england_lsoa11_iod2019.csv.gz --rii
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var confidence: ConfidenceOption
    @Option(help: "Column with the area code.") var code: String
    @Option(help: "Column with the deprivation score (higher = more deprived).") var score: String?
    @Option(help: "Column with the deprivation rank (1 = most deprived).") var rank: String?
    @Option(help: "Column with the population.") var population: String
    @Option(help: "Column with the count (numerator).") var count: String
    @Option(help: "proportion, rate or dsr.") var statistic: QuantileStatistic = .rate
    @Option(help: "Multiplier of the values (default 100,000 for rate/dsr, 1 for proportion; 100 gives percentages).") var per: Double?
    @Option(name: .customLong("age-band"), help: "Column with the ESP 2013 age band (--statistic dsr).") var ageBand: String?
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated): one set of quantiles and one SII each.")
    var groupBy: ColumnList?
    @Option(help: "Number of quantiles (5 to 100 for the SII).") var quantiles = 10
    @Option(help: "cumulative (an area goes to the quantile its cumulative population ends in) or midpoint.")
    var rule: DeprivationQuantiles.Rule = .cumulative
    @Flag(help: "Weigh every area 1 instead of its population (as the published IoD deciles).") var unweighted = false
    @Option(help: "File whose areas define the quantiles (e.g. all LSOAs of England).") var reference: String?
    @Option(name: .customLong("reference-code"), help: "Code column of --reference (default: --code).") var referenceCode: String?
    @Option(name: .customLong("reference-deprivation"), help: "Deprivation column of --reference (default: --score/--rank).")
    var referenceDeprivation: String?
    @Option(name: .customLong("reference-population"), help: "Population column of --reference (default: --population).")
    var referencePopulation: String?
    @Option(name: .customLong("areas-output"), help: "Write each area's quantile here.") var areasOutput: String?
    @Option(name: .customLong("quantiles-output"), help: "Write the quantile values here.") var quantilesOutput: String?
    @Flag(help: "Also report the RII and its limits.") var rii = false
    @Flag(name: .customLong("log-scale"), help: "Fit the SII on the log/logit scale (PHE transform = TRUE).") var logScale = false
    @Option(help: "Monte Carlo repetitions of the SII (1,000 to 10,000,000).") var repetitions = 100_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .customLong("sii-multiplier"), parsing: .unconditional, help: "Multiplier of the SII (negative inverts the RII).")
    var siiMultiplier: Double = 1

    mutating func validate() throws {
        if score != nil && rank != nil { throw ValidationError("give --score or --rank, not both") }
        if score == nil && rank == nil && (reference == nil || referenceDeprivation == nil) {
            throw ValidationError("give --score or --rank (or --reference with --reference-deprivation)")
        }
        if statistic == .dsr && ageBand == nil { throw ValidationError("--statistic dsr needs --age-band") }
        if statistic != .dsr && ageBand != nil { throw ValidationError("--age-band applies to --statistic dsr") }
        if let per, !(per > 0 && per.isFinite) { throw ValidationError("--per must be a positive number") }
        guard (5...100).contains(quantiles) else { throw ValidationError("--quantiles must be from 5 to 100 for the SII") }
        guard SimulationLimits.repetitions.contains(repetitions) else { throw ValidationError("--repetitions must be from 1,000 to 10,000,000") }
        guard siiMultiplier != 0, siiMultiplier.isFinite else { throw ValidationError("--sii-multiplier must be a non-zero number") }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let areasOut = try areasOutput.map { try OutputFile(path: $0) }
            let quantOut = try quantilesOutput.map { try OutputFile(path: $0) }
            let direction: DeprivationQuantiles.Direction = rank != nil ? .lowerIsMoreDeprived : .higherIsMoreDeprived
            let q = try DeprivationQuantiles(count: quantiles, direction: direction, rule: rule)
            let stat: SmallAreaInequality.Statistic
            switch statistic {
            case .proportion: stat = .proportion
            case .rate: stat = .crudeRate
            case .dsr: stat = .directlyStandardised(standard: StandardPopulation.esp2013)
            }
            var pipeline = SmallAreaInequality(statistic: stat, multiplier: per)
            pipeline.confidence = try confidence.levels()
            pipeline.sii.rii = rii
            pipeline.sii.transform = logScale
            pipeline.sii.repetitions = repetitions
            pipeline.sii.seed = seed
            pipeline.sii.multiplier = siiMultiplier
            let deprivation = score ?? rank
            let ref = reference.map {
                SmallAreaInequalityTable.Reference(path: $0, code: referenceCode ?? code, deprivation: referenceDeprivation ?? deprivation!,
                                                   population: unweighted ? nil : (referencePopulation ?? population))
            }
            let columns = SmallAreaInequalityTable.Columns(code: code, deprivation: deprivation, population: population, count: count,
                                                           groupBy: groupBy?.names ?? [], ageBand: ageBand)
            let tables = try SmallAreaInequalityTable.run(input: input.input, columns: columns, quantiles: q, weighted: !unweighted,
                                                          reference: ref, pipeline: pipeline, format: output.format)
            if let areasOut { try areasOut.write(tables.areas) }
            if let quantOut { try quantOut.write(tables.quantiles) }
            try out.write(tables.sii)
            try areasOut?.commit()
            try quantOut?.commit()
            try out.commit()
        }
    }
}
