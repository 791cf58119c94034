import ArgumentParser
import Equity

extension LocalMoran.Correction: ExpressibleByArgument {}
extension LocalMoranMoments.Kind: ExpressibleByArgument {}

struct LISACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lisa",
        abstract: "Local Moran's I (LISA) with conditional randomisation and cluster labels.",
        discussion: """
        Same inputs as `equity moran`. A table per area: id, value, z, lag, Ii,
        quadrant (HH/LH/LL/HL), p_sim, cluster (the quadrant where p_sim ≤ α
        after --fdr or --bonferroni, "Not significant" otherwise, "island" for
        areas without neighbours — never significant; "Not tested" with
        --permutations 0; the default is 999). Ii is on esda's scale;
        --scale spdep multiplies by n/(n − 1). --map PATH.svg draws the
        cluster map.

        --x COL gives the bivariate LISA (COL at i against the lag of the
        values; esda Moran_Local_BV, GeoDa); --events COL --population COL the
        LISA of Assunção–Reis empirical-Bayes standardised rates (esda
        Moran_Local_Rate, GeoDa's EB-rate LISA); --moments conditional|total
        adds the analytic moments (spdep localmoran: E_Ii, Var_Ii, Z_Ii, p_Ii).
        Permutations are shared between areas with the same number of equally
        weighted neighbours (--draws shared, exact; per-site as esda).

        Example:
          equity lisa \\
            --input Fixtures/deprivation/luton_lsoa11_iod2019.csv \\
            --id lsoa11cd --value income_score \\
            --polygons Fixtures/boundaries/luton_lsoa11_E06000032.geojson \\
            --id-property LSOA11CD --permutations 999 --seed 1 --fdr \\
            --map luton_lisa.svg
        """
    )

    @OptionGroup var source: SpatialSource
    @OptionGroup var output: OutputOptions
    @OptionGroup var significance: SignificanceOptions
    @Option(help: "esda (default) or spdep scale for Ii.") var scale: LocalMoran.Scale = .esda
    @Option(help: "Bivariate LISA: the variable at i (CSV column or property) against the lag of the values.") var x: String?
    @Option(help: "EB-rate LISA: events (CSV column or property).") var events: String?
    @Option(help: "EB-rate LISA: population at risk (CSV column or property).") var population: String?
    @Option(help: "Add analytic moments: conditional (spdep default) or total.") var moments: LocalMoranMoments.Kind?
    @OptionGroup var map: MapOptions
    @Option(name: .customLong("significance-map"), help: "Draw the significance map (pseudo p-values) to this .svg or .png file.")
    var significanceMap: String?
    @Option(help: "Draw the Moran scatterplot to this .svg or .png file.") var scatterplot: String?

    mutating func validate() throws {
        if (events == nil) != (population == nil) { throw ValidationError("--events and --population go together") }
        if x != nil && events != nil { throw ValidationError("give --x or --events/--population, not both") }
        if moments != nil && x != nil { throw ValidationError("--moments applies to the univariate LISA") }
        if (map.map != nil || significanceMap != nil) && source.polygons == nil { throw ValidationError("--map needs --polygons for the shapes") }
    }

    func run() throws {
        try reportingErrors {
            let outputFile = try output.open()
            let mapFile = try map.openFile()
            let significanceFile = try significanceMap.map { try OutputFile(path: $0) }
            let scatterFile = try scatterplot.map { try OutputFile(path: $0) }
            let permutations = source.permutations(default: 999)
            let loaded = try source.load(events: events, population: population)
            let lisa: LocalMoran
            if let x {
                lisa = try BivariateLocalMoran.compute(x: try loaded.other(x), y: loaded.values, weights: loaded.weights, permutations: permutations,
                                                       seed: source.seed, draws: source.draws)
            } else {
                lisa = try LocalMoran.compute(loaded.values, weights: loaded.weights, permutations: permutations, seed: source.seed, scale: scale,
                                              draws: source.draws)
            }
            let n = Double(loaded.values.count)
            let analytic = try moments.map { try LocalMoranMoments.compute(loaded.values, weights: loaded.weights, kind: $0,
                                                                           scale: scale == .esda ? (n - 1) / n : 1) }
            let correction = significance.correction
            let alpha = significance.alpha
            let labels = lisa.clusters(alpha: alpha, correction: correction)
            try outputFile.write(SpatialTables.lisa(ids: loaded.ids, values: loaded.values, lisa: lisa, clusters: labels, moments: analytic,
                                                    format: output.format))
            let name = x.map { "\($0) with the lag of \(source.value ?? source.valueProperty ?? "values")" }
                ?? (events.map { "EB rate of \($0)" } ?? (source.value ?? source.valueProperty ?? "values"))
            if let layer = loaded.layer, mapFile != nil || significanceFile != nil {
                let style = try map.style(defaultTitle: "", defaultLegendTitle: "", layer: layer, ids: loaded.ids)
                if let mapFile {
                    var s = style
                    if map.title == nil { s.title = "" }
                    if s.subtitle.isEmpty { s.subtitle = "Local Moran's I of \(name)" }
                    try map.write(SVGMap.lisaClusters(layer: layer, ids: loaded.ids, lisa: lisa, labels: labels, alpha: alpha,
                                                      correction: correction, permutations: permutations, style: s).text, to: mapFile)
                }
                if let significanceFile {
                    var s = style
                    s.title = ""
                    if s.subtitle.isEmpty { s.subtitle = "Local Moran's I of \(name)" }
                    try map.write(SVGMap.lisaSignificance(layer: layer, ids: loaded.ids, lisa: lisa, permutations: permutations, style: s).text,
                                  to: significanceFile)
                }
            }
            if let scatterFile {
                let slope = try Moran.global(loaded.values, weights: loaded.weights).value
                try writeChart(MoranScatterplot.render(z: lisa.z, lag: lisa.lag, ids: loaded.ids, slope: slope, clusters: labels,
                                                       title: "Moran scatterplot of \(name)", subtitle: "Points coloured by LISA cluster, p ≤ \(NumberFormatting.string(alpha))",
                                                       variable: name), to: scatterFile, pngScale: map.pngScale)
            }
            try mapFile?.commit()
            try significanceFile?.commit()
            try scatterFile?.commit()
            try outputFile.commit()
        }
    }
}
