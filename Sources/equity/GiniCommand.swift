import ArgumentParser
import Equity

extension InequalityIndices.ConcentrationCorrection: ExpressibleByArgument {}

struct GiniCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gini",
        abstract: "Gini coefficient (plain, corrected, weighted, grouped) with SEs and bootstrap limits, and related indices.",
        discussion: """
        One row per unit (e.g. LSOA income score), grouped by --group-by (e.g. local authority).
        Output per group: n, gini, gini_corrected, se_davidson, se_jackknife, bootstrap limits
        (with --bootstrap N, seeded), gini_weighted (with --weight), theil_t, theil_l,
        atkinson_<ε> (--epsilon), palma, s80_s20, and concentration (with --rank-by).
        --count makes each row a band (a value per unit and a count of units): the grouped
        (trapezoid Lorenz) Gini. Negative values are an error.

        Example:
          equity gini --input Fixtures/deprivation/luton_lsoa11_iod2019.csv --value income_score \\
            --bootstrap 10000 --seed 1
        """
    )

    @Option(name: .long, help: "Input CSV (or .csv.gz; '-' for standard input).") var input: String
    @Option(name: .long, help: "Output CSV file (default: standard output).") var output: String?
    @Option(help: "Column with the values.") var value: String
    @OptionGroup var inputLimits: LimitOptions
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated).") var groupBy: String?
    @Option(help: "Column with population weights (weighted Gini).") var weight: String?
    @Option(help: "Column with band counts (grouped data: each row is a band).") var count: String?
    @Option(help: "Bootstrap replicates for percentile limits (0 = none).") var bootstrap = 0
    @Option(help: "Random seed for the bootstrap.") var seed: UInt64 = 1
    @Option(parsing: .unconditional, help: "Confidence level(s) for the bootstrap limits.") var confidence = "0.95"
    @Option(help: "Atkinson inequality-aversion parameters (comma-separated).") var epsilon = "0.5,1,2"
    @Option(name: .customLong("rank-by"), help: "Column ranking units (ascending = poorest first) for the concentration index.") var rankBy: String?
    @Option(help: "Concentration-index correction: none, wagstaff or erreygers.") var correction: InequalityIndices.ConcentrationCorrection = .none
    @Option(parsing: .unconditional, help: "Bounds of a bounded outcome for the corrections, e.g. 0,1 or -1,1.") var bounds = "0,1"

    mutating func validate() throws {
        guard SimulationLimits.bootstrapReplicates.contains(bootstrap) else {
            throw ValidationError("--bootstrap must be from 0 (none) to 10,000,000")
        }
    }

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            var options = GiniTable.Options()
            options.bootstrap = bootstrap
            options.seed = seed
            options.confidence = try ConfidenceLevels(parsing: confidence)
            options.epsilons = try epsilon.split(separator: ",").map { part in
                guard case let .number(v) = NumberParsing.parse(String(part)), v >= 0 else {
                    throw EquityError.invalidArgument("--epsilon: \(MessageText.quoted(part)) is not a number ≥ 0")
                }
                return v
            }
            let b = bounds.split(separator: ",").compactMap { Double(String($0)) }
            guard b.count == 2, b[0] < b[1] else { throw EquityError.invalidArgument("--bounds needs two numbers a,b with a < b") }
            options.bounds = (b[0], b[1])
            options.correction = correction
            let reader = try CSVReader(path: input)
            let out = try GiniTable.compute(reader: reader, value: value, groupBy: columnList(groupBy), weight: weight, count: count,
                                            rankBy: rankBy, options: options)
            try outputFile.write(out)
            try outputFile.commit()
        }
    }
}
