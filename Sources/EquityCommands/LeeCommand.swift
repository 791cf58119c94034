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
        (x, y) pairs, default 999 permutations, shared draws), quadrant of
        the smoothed standardised values (HH, LL, HL, LH: x then y) and
        cluster (the quadrant where p_sim ≤ --alpha after --fdr or
        --bonferroni, as the bivariate LISA's labels); --map draws them.

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
    @OptionGroup var significance: SignificanceOptions
    @OptionGroup var map: MapOptions

    mutating func validate() throws {
        if !local && (significance.fdr || significance.bonferroni) { throw ValidationError("--fdr and --bonferroni apply to --local") }
        if map.map != nil && !local { throw ValidationError("--map draws the local clusters: give --local") }
        if map.map != nil && source.polygons == nil { throw ValidationError("--map needs --polygons for the shapes") }
    }

    func run() throws {
        try reportingErrors {
            let out = try OutputFile(path: output)
            let mapFile = try map.openFile()
            let loaded = try source.load()
            let xs = try loaded.other(x)
            let permutations = source.permutations(default: local ? 999 : 0)
            if local {
                let l = try LeesL.compute(x: xs, y: loaded.values, weights: loaded.weights, permutations: permutations, local: true,
                                          seed: source.seed, draws: source.draws)
                let w = ByteWriter()
                w.format = format ?? .csv
                let labels = l.clusters(alpha: significance.alpha, correction: significance.correction)
                w.header(["id", "x", "y", "L_i", "p_sim", "quadrant", "cluster"])
                for i in 0..<loaded.ids.count {
                    w.field(loaded.ids[i]); w.field(xs[i]); w.field(loaded.values[i]); w.field(l.local[i]); w.field(l.localPSim[i])
                    let (a, b) = (l.smoothedX[i], l.smoothedY[i])
                    w.field(l.isIsland[i] || a == 0 || b == 0 ? "" : (a > 0 ? "H" : "L") + (b > 0 ? "H" : "L"))
                    w.field(labels[i].rawValue)
                    w.endRow()
                }
                w.finishTable()
                try out.write(w)
                if let mapFile, let layer = loaded.layer {
                    let legend = LocalCluster.legend(labels)
                    let name = source.value ?? source.valueProperty ?? "values"
                    var style = try map.style(defaultTitle: "Lee's L of \(x) and \(name)", defaultLegendTitle: "Cluster: \(x), \(name) (areas)",
                                              layer: layer, ids: loaded.ids)
                    if style.subtitle.isEmpty { style.subtitle = "Local Lee's L, \(significance.description), \(permutations) permutations" }
                    let titles = (0..<labels.count).map { "\(loaded.ids[$0]): \(labels[$0].rawValue) (L \(NumberFormatting.string((l.local[$0] * 1000).rounded() / 1000)))" }
                    try map.write(ThematicMap.render(layer, fills: labels.map(\.mapColour), titles: titles, legend: legend, style: style), to: mapFile)
                }
            } else {
                let r = try LeesL.compute(x: xs, y: loaded.values, weights: loaded.weights, permutations: permutations, seed: source.seed)
                try out.write(SpatialTables.global([("n", Double(loaded.ids.count)), ("L", r.value), ("L_xx", r.lxx), ("L_yy", r.lyy),
                                                    ("permutations", Double(permutations)), ("p_sim", r.pSim)], format: format ?? .json))
            }
            try mapFile?.commit()
            try out.commit()
        }
    }
}
