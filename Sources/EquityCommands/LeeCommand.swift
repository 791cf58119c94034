import ArgumentParser
import Equity

struct LeeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lee",
        abstract: "Lee's L: bivariate spatial association of two variables (esda Spatial_Pearson), global or --local.",
        discussion: """
        Same inputs as `equity moran`; --value (or --value-property) is y, --x
        the other variable. Global (JSON, or --format csv): n, L (L_xy), L_xx,
        L_yy, permutations, p_sim (pairs permuted over the map; default 0).
        --local: per area id, x, y, L_i, p_sim (conditional randomisation of
        (x, y) pairs, default 999 permutations, shared draws).

        Example:
          equity lee --input Fixtures/deprivation/luton_lsoa11_iod2019.csv \\
            --id lsoa11cd --value imd_rank --x income_score \\
            --polygons Fixtures/boundaries/luton_lsoa11_E06000032.geojson --id-property LSOA11CD
        """
    )

    @OptionGroup var source: SpatialSource
    @Option(help: "The other variable (CSV column or property).") var x: String
    @Flag(help: "Local Lee's L per area.") var local = false
    @Option(help: "Global: json (default) or csv; --local: csv (default) or json.") var format: TableFormat?
    @Option(name: .long, help: "Output file (default: standard output).") var output: String?

    func run() throws {
        try reportingErrors {
            let out = try OutputFile(path: output)
            let loaded = try source.load()
            let xs = try loaded.other(x)
            let permutations = source.permutations(default: local ? 999 : 0)
            if local {
                let l = try LeesL.compute(x: xs, y: loaded.values, weights: loaded.weights, permutations: permutations, local: true,
                                          seed: source.seed, draws: source.draws)
                let w = ByteWriter()
                w.format = format ?? .csv
                w.header(["id", "x", "y", "L_i", "p_sim"])
                for i in 0..<loaded.ids.count {
                    w.field(loaded.ids[i]); w.field(xs[i]); w.field(loaded.values[i]); w.field(l.local[i]); w.field(l.localPSim[i])
                    w.endRow()
                }
                w.finishTable()
                try out.write(w)
            } else {
                let r = try LeesL.compute(x: xs, y: loaded.values, weights: loaded.weights, permutations: permutations, seed: source.seed)
                try out.write(SpatialTables.global([("n", Double(loaded.ids.count)), ("L", r.value), ("L_xx", r.lxx), ("L_yy", r.lyy),
                                                    ("permutations", Double(permutations)), ("p_sim", r.pSim)], format: format ?? .json))
            }
            try out.commit()
        }
    }
}
