import ArgumentParser
import Equity

extension InequalityIndices.ConcentrationCorrection: ExpressibleByArgument {}

struct GiniCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gini",
        abstract: "Gini coefficient (plain, corrected, weighted, grouped) with SEs and bootstrap limits, and related indices.",
        discussion: """
        One row per unit (e.g. LSOA income score), grouped by --group-by (e.g.
        local authority). Output per group: n, gini, gini_corrected,
        se_davidson, se_jackknife, bootstrap limits (with --bootstrap N,
        seeded), gini_weighted (with --weight), theil_t, theil_l,
        atkinson_<ε> (--epsilon), palma, s80_s20, and concentration (with
        --rank-by). --band-count makes each row a band (a value per unit and a
        count of units): the grouped (trapezoid Lorenz) Gini.

        Example:
          equity gini --input Fixtures/deprivation/luton_lsoa11_iod2019.csv \\
            --value income_score --bootstrap 10000 --seed 1
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var confidence: ConfidenceOption
    @Option(help: "Column with the values.") var value: String
    @Option(name: .customLong("group-by"), help: "Columns identifying a group (comma-separated).") var groupBy: ColumnList?
    @Option(help: "Column with population weights (weighted Gini).") var weight: String?
    @Option(name: .customLong("band-count"), help: "Column with band counts (grouped data: each row is a band).")
    var bandCount: String?
    @Option(help: "Bootstrap replicates for percentile limits (0 = none; at most 10,000,000).") var bootstrap = 0
    @Option(help: "Random seed for the bootstrap.") var seed: UInt64 = 1
    @Option(parsing: .unconditional, help: "Atkinson inequality-aversion parameters (comma-separated).") var epsilon = NumberList([0.5, 1, 2])
    @Option(name: .customLong("rank-by"), help: "Column ranking units (ascending = poorest first) for the concentration index.") var rankBy: String?
    @Option(help: "Concentration-index correction: none, wagstaff or erreygers.") var correction: InequalityIndices.ConcentrationCorrection = .none
    @Option(parsing: .unconditional, help: "Bounds of a bounded outcome for the corrections, e.g. 0,1.") var bounds = NumberList([0, 1])

    mutating func validate() throws {
        guard SimulationLimits.bootstrapReplicates.contains(bootstrap) else {
            throw ValidationError("--bootstrap must be from 0 (none) to 10,000,000")
        }
        if let bad = epsilon.values.first(where: { !($0 >= 0 && $0.isFinite) }) {
            throw ValidationError("--epsilon: \(NumberFormatting.string(bad)) is not a number ≥ 0")
        }
        guard bounds.values.count == 2, bounds.values[0] < bounds.values[1] else {
            throw ValidationError("--bounds needs two numbers a,b with a < b")
        }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            var options = GiniTable.Options()
            options.bootstrap = bootstrap
            options.seed = seed
            options.confidence = try confidence.levels()
            options.epsilons = epsilon.values
            options.bounds = (bounds.values[0], bounds.values[1])
            options.correction = correction
            let reader = try CSVReader(path: input.input)
            try out.write(try GiniTable.compute(reader: reader, value: value, groupBy: groupBy?.names ?? [], weight: weight, count: bandCount,
                                                rankBy: rankBy, options: options, format: output.format))
            try out.commit()
        }
    }
}
