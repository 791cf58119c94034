import ArgumentParser
import Equity

extension JoinCounts.Sampling: ExpressibleByArgument {}

struct JoinCountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join-count",
        abstract: "Local join counts for binary maps, and the quantile LISA (esda Join_Counts_Local, GeoDa).",
        discussion: """
        Same inputs as `equity lisa`. The values must be 0/1 (e.g. 1 = ward
        worse than England), or give --quantile K,Q for the quantile LISA
        (1 where the value is in quantile Q of K, 1 the lowest, as GeoDa cuts
        them). Neighbours are binary. Per area: id, value, ljc (neighbours that
        are also 1, for areas that are 1), p_sim (conditional randomisation,
        default 999 permutations, where ljc > 0), significant (p_sim ≤ --alpha,
        after --fdr or --bonferroni across the areas tested).
        --map draws the significant clusters. --global gives the global join
        counts per category instead (spdep joincount.test: same-colour joins,
        expectation and variance under --sampling nonfree|free, z, p).

        Example:
          equity join-count --input Fixtures/deprivation/luton_lsoa11_iod2019.csv \\
            --id lsoa11cd --value income_score --quantile 5,5 \\
            --polygons Fixtures/boundaries/luton_lsoa11_E06000032.geojson --id-property LSOA11CD
        """
    )

    @OptionGroup var source: SpatialSource
    @OptionGroup var output: OutputOptions
    @OptionGroup var significance: SignificanceOptions
    @Option(help: "Quantile LISA: K,Q — the indicator of quantile Q of K classes.") var quantile: NumberList?
    @Flag(help: "Global join counts per category (spdep joincount.test) instead of local ones; any number of categories.") var global = false
    @Option(help: "With --global: nonfree (randomisation, default) or free sampling.") var sampling: JoinCounts.Sampling = .nonfree
    @OptionGroup var map: MapOptions

    mutating func validate() throws {
        if global && (significance.fdr || significance.bonferroni) { throw ValidationError("--fdr and --bonferroni apply to local join counts; drop --global") }
        if let quantile {
            let v = quantile.values
            guard v.count == 2, v[0] >= 2, v[0] == v[0].rounded(), v[1] == v[1].rounded(), v[1] >= 1, v[1] <= v[0] else {
                throw ValidationError("--quantile takes K,Q with K ≥ 2 and Q from 1 to K")
            }
        }
        if map.map != nil && source.polygons == nil { throw ValidationError("--map needs --polygons for the shapes") }
        if map.map != nil && global { throw ValidationError("--map draws local join counts; drop --global") }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let mapFile = try map.openFile()
            let loaded = try source.load(defaultTransform: .B)
            var values = loaded.values
            if let q = quantile?.values { values = try LocalJoinCount.quantileIndicator(values, k: Int(q[0]), q: Int(q[1])) }
            if global {
                try out.write(SpatialTables.joinCounts(try JoinCounts.compute(values, weights: loaded.weights, sampling: sampling), format: output.format))
                try out.commit()
                return
            }
            let permutations = source.permutations(default: 999)
            let result = try LocalJoinCount.compute(values, weights: loaded.weights, permutations: permutations, seed: source.seed, draws: source.draws)
            let significant = MultipleTesting.significant(result.pSim, alpha: significance.alpha, correction: significance.correction)
            try out.write(SpatialTables.joinCounts(ids: loaded.ids, values: values, result: result, alpha: significance.alpha,
                                                   correction: significance.correction, format: output.format))
            if let mapFile, let layer = loaded.layer {
                let name = source.value ?? source.valueProperty ?? "values"
                let what = quantile.map { "quantile \(Int($0.values[1])) of \(Int($0.values[0])) of \(name)" } ?? name
                var fills: [String] = [], counts = [0, 0, 0]
                for i in 0..<values.count {
                    let k = values[i] == 0 ? 2 : (significant[i] ? 0 : 1)
                    counts[k] += 1
                    fills.append(["#d7191c", "#fdae61", "#eeeeee"][k])
                }
                let legend = [SVGMap.LegendEntry(label: "1, cluster with \(significance.description) (\(counts[0]))", colour: "#d7191c"),
                              SVGMap.LegendEntry(label: "1, not significant (\(counts[1]))", colour: "#fdae61"),
                              SVGMap.LegendEntry(label: "0 (\(counts[2]))", colour: "#eeeeee")]
                var style = try map.style(defaultTitle: "Local join counts: \(what)", defaultLegendTitle: "Areas", layer: layer, ids: loaded.ids)
                if style.subtitle.isEmpty { style.subtitle = "\(permutations) permutations, binary contiguity" }
                let titles = (0..<values.count).map { "\(loaded.ids[$0]): \(Int(values[$0])), joins \(Int(result.counts[$0]))" }
                try map.write(ThematicMap.render(layer, fills: fills, titles: titles, legend: legend, style: style), to: mapFile)
            }
            try mapFile?.commit()
            try out.commit()
        }
    }
}
