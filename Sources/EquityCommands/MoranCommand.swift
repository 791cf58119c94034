import ArgumentParser
import Equity

struct MoranCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moran",
        abstract: "Global Moran's I with analytic, permutation and exact inference (esda Moran, spdep moran.test).",
        discussion: """
        Values from --input/--id/--value (CSV) or --value-property (polygons);
        neighbours from --polygons or --adjacency. Output (JSON by default, or
        a one-row CSV): n, I, expected_I, variance_normality,
        variance_randomisation, z_normality, z_randomisation, p_normality,
        p_randomisation (one-sided, observed direction), their _two_sided
        forms, permutations, p_sim, mean_sim, sd_sim, islands; with --exact
        p_exact and p_exact_two_sided (p_exact_below when only a bound is known).

        Example:
          equity moran \\
            --input Fixtures/deprivation/luton_lsoa11_iod2019.csv \\
            --id lsoa11cd --value income_score \\
            --adjacency Fixtures/adjacency/luton_lsoa11_bgc_queen_edges.csv \\
            --permutations 9999 --seed 1
        """
    )

    @OptionGroup var source: SpatialSource
    @Option(help: "json (default) or csv (one row); --correlogram: csv (default) or json.") var format: TableFormat?
    @Option(name: .long, help: "Output file (default: standard output).") var output: String?
    @Option(help: "Bivariate: the other variable (CSV column or property); I of it with the lag of the values.") var x: String?
    @Option(help: "EB rate Moran: events (CSV column or property).") var events: String?
    @Option(help: "EB rate Moran: population at risk (CSV column or property).") var population: String?
    @OptionGroup var map: MapOptions
    @Option(help: "Draw the Moran scatterplot to this .svg or .png file.") var scatterplot: String?
    @Flag(help: "Also the exact test under normality (eigenvalues of the weights, n ≤ 5,000).") var exact = false
    @Option(help: "Moran correlogram over contiguity orders 1…K (spdep sp.correlogram): a table, one row per order.") var correlogram: Int?

    mutating func validate() throws {
        if map.map != nil && source.polygons == nil { throw ValidationError("--map needs --polygons for the shapes") }
        if (events == nil) != (population == nil) { throw ValidationError("--events and --population go together") }
        if exact && x != nil { throw ValidationError("--exact applies to the univariate Moran's I") }
        if let correlogram, !(1...50).contains(correlogram) { throw ValidationError("--correlogram must be from 1 to 50 orders") }
        if correlogram != nil && (x != nil || exact) { throw ValidationError("--correlogram is the univariate Moran's I by order") }
    }

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let mapFile = try map.openFile()
            let scatterFile = try scatterplot.map { try OutputFile(path: $0) }
            let loaded = try source.load(events: events, population: population)
            if let correlogram {
                let lags = try MoranCorrelogram.compute(loaded.values, contiguity: loaded.weights.transformed(.B), orders: correlogram)
                try outputFile.write(SpatialTables.correlogram(lags, format: format ?? .csv))
                try mapFile?.commit()
                try outputFile.commit()
                return
            }
            let permutations = source.permutations(default: 0)
            let result: GlobalStatistic
            if let x {
                result = try Moran.bivariate(x: try loaded.other(x), y: loaded.values, weights: loaded.weights,
                                             permutations: permutations, seed: source.seed)
            } else {
                result = try Moran.global(loaded.values, weights: loaded.weights, permutations: permutations, seed: source.seed)
            }
            var fields = SpatialTables.globalFields(result, symbol: "I")
            if exact {
                // A p-value too small to compute to 1e-10 relative is reported as a bound:
                // p_exact is null and p_exact_below says what it is below.
                let p = MoranExact.pValues(observed: result.value, eigenvalues: try MoranExact.eigenvalues(loaded.weights))
                fields += [("p_exact", p.oneSided.upperBound == nil ? p.oneSided.value : .nan),
                           ("p_exact_two_sided", p.twoSided.upperBound == nil ? p.twoSided.value : .nan)]
                if let below = p.oneSided.upperBound { fields.append(("p_exact_below", below)) }
                if let below = p.twoSided.upperBound { fields.append(("p_exact_two_sided_below", below)) }
            }
            try outputFile.write(SpatialTables.global(fields, format: format ?? .json))
            let name = events != nil ? "EB rate of \(events!)" : (source.value ?? source.valueProperty ?? "values")
            let iText = "Moran's I = \(NumberFormatting.string((result.value * 10000).rounded() / 10000)), n = \(result.n)"
            if let mapFile, let layer = loaded.layer {
                var style = try map.style(defaultTitle: name, defaultLegendTitle: name, layer: layer, ids: loaded.ids)
                if style.subtitle.isEmpty { style.subtitle = iText }
                try map.write(try ThematicMap.choropleth(layer: layer, ids: loaded.ids, values: loaded.values, classification: map.classification,
                                                         palette: map.palette, style: style), to: mapFile)
            }
            if let scatterFile {
                guard x == nil else { throw EquityError.invalidArgument("--scatterplot draws the univariate Moran's I") }
                let w = loaded.weights.transformed(.R)
                let lisa = try LocalMoran.compute(loaded.values, weights: w, permutations: 0, seed: source.seed)
                try writeChart(MoranScatterplot.render(z: lisa.z, lag: lisa.lag, ids: loaded.ids, slope: try Moran.global(loaded.values, weights: w).value,
                                                       title: "Moran scatterplot of \(name)", subtitle: iText + " (row-standardised weights)",
                                                       variable: name), to: scatterFile, pngScale: map.pngScale)
            }
            try mapFile?.commit()
            try scatterFile?.commit()
            try outputFile.commit()
        }
    }
}

struct GearyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geary",
        abstract: "Geary's C with analytic and permutation inference (esda Geary, spdep geary.test); local Geary with --local.",
        discussion: """
        Same inputs as `equity moran`. Output keys: n, C, expected_C,
        variance_normality, variance_randomisation, z and p as for Moran,
        permutations, p_sim, mean_sim, sd_sim, islands.

        --local: the local Geary cᵢ per area (esda Geary_Local; GeoDa's is
        cᵢ·(n − 1)/n) with conditional randomisation (default 999
        permutations), --alpha (with --fdr or --bonferroni), and clusters
        (High-High, Low-Low, Other Positive, Negative, Not significant);
        --variables A,B,… for the
        multivariate local Geary (GeoDa). CSV: id, value, c, p_sim, cluster.
        --map draws the clusters.

        Example:
          equity geary --polygons Fixtures/boundaries/columbus.geojson \
            --id-property POLYID --value-property CRIME
        """
    )

    @OptionGroup var source: SpatialSource
    @Option(help: "json (default) or csv (one row); csv only with --local.") var format: TableFormat?
    @Option(name: .long, help: "Output file (default: standard output).") var output: String?
    @Flag(help: "Local Geary per area.") var local = false
    @Option(help: "Multivariate local Geary: the variables (CSV columns or properties, comma-separated).") var variables: ColumnList?
    @OptionGroup var significance: SignificanceOptions
    @OptionGroup var map: MapOptions

    mutating func validate() throws {
        if variables != nil && !local { throw ValidationError("--variables applies to --local") }
        if map.map != nil && !local { throw ValidationError("--map draws the local Geary clusters: give --local") }
        if !local && (significance.fdr || significance.bonferroni) { throw ValidationError("--fdr and --bonferroni apply to --local") }
    }

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let mapFile = try map.openFile()
            let loaded = try source.load()
            if local {
                let data = try variables.map { try $0.names.map { try loaded.other($0) } } ?? [loaded.values]
                let g = try LocalGeary.compute(data, weights: loaded.weights, permutations: source.permutations(default: 999), seed: source.seed,
                                               draws: source.draws)
                let labels = g.clusters(alpha: significance.alpha, correction: significance.correction)
                try outputFile.write(SpatialTables.localGeary(ids: loaded.ids, values: loaded.values, result: g, clusters: labels,
                                                              format: format ?? .csv))
                if let mapFile, let layer = loaded.layer {
                    let colours: [LocalGeary.Cluster: String] = [.highHigh: "#d7191c", .lowLow: "#2c7bb6", .otherPositive: "#fdae61",
                                                                 .negative: "#7b3294", .notSignificant: "#eeeeee", .notTested: "#eeeeee",
                                                                 .island: "#9e9e9e"]
                    var legend: [SVGMap.LegendEntry] = []
                    for c in LocalGeary.Cluster.allCases {
                        let count = labels.filter { $0 == c }.count
                        if count > 0 { legend.append(.init(label: "\(c.rawValue) (\(count))", colour: colours[c]!)) }
                    }
                    let name = variables?.names.joined(separator: ", ") ?? source.value ?? source.valueProperty ?? "values"
                    var style = try map.style(defaultTitle: "Local Geary clusters of \(name)", defaultLegendTitle: "Cluster (areas)",
                                              layer: layer, ids: loaded.ids)
                    if style.subtitle.isEmpty { style.subtitle = "\(significance.description), \(source.permutations(default: 999)) permutations" }
                    let titles = (0..<labels.count).map { "\(loaded.ids[$0]): \(labels[$0].rawValue) (c \(NumberFormatting.string((g.values[$0] * 1000).rounded() / 1000)))" }
                    try map.write(ThematicMap.render(layer, fills: labels.map { colours[$0]! }, titles: titles, legend: legend, style: style), to: mapFile)
                }
            } else {
                let r = try Geary.global(loaded.values, weights: loaded.weights, permutations: source.permutations(default: 0), seed: source.seed)
                try outputFile.write(SpatialTables.global(SpatialTables.globalFields(r, symbol: "C"), format: format ?? .json))
            }
            try mapFile?.commit()
            try outputFile.commit()
        }
    }
}

struct GetisOrdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "getis-ord",
        abstract: "Getis–Ord G (global) or local Gᵢ / G*ᵢ with z-scores and permutation p-values.",
        discussion: """
        Same inputs as `equity moran`; the weights default to binary (B). Global
        output keys: n, G, expected_G, variances, z and p as for Moran, p_sim.
        --local writes a table per area: id, value, G, z, p_one_sided,
        p_two_sided, p_sim (conditional randomisation, default 999), note,
        cluster (GeoDa's hot and cold spots: High-High where p_sim ≤ --alpha,
        after --fdr or --bonferroni, and z > 0; Low-Low where z < 0).
        --star includes each area in its own neighbourhood (G*ᵢ; with
        --transform R every entry of a row is 1/(k + 1), as spdep). --map
        draws the hot and cold spots.

        Example:
          equity getis-ord --polygons Fixtures/boundaries/columbus.geojson \\
            --id-property POLYID --value-property CRIME --local --star
        """
    )

    @OptionGroup var source: SpatialSource
    @Option(help: "Global: json (default) or csv; --local: csv (default) or json.") var format: TableFormat?
    @Option(name: .long, help: "Output file (default: standard output).") var output: String?
    @Flag(help: "Local statistics per area.") var local = false
    @Flag(help: "With --local: G*ᵢ (the area itself included).") var star = false
    @OptionGroup var significance: SignificanceOptions
    @OptionGroup var map: MapOptions

    mutating func validate() throws {
        if star && !local { throw ValidationError("--star applies to --local") }
        if !local && (significance.fdr || significance.bonferroni) { throw ValidationError("--fdr and --bonferroni apply to --local") }
        if map.map != nil && !local { throw ValidationError("--map draws the local hot and cold spots: give --local") }
        if map.map != nil && source.polygons == nil { throw ValidationError("--map needs --polygons for the shapes") }
    }

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let mapFile = try map.openFile()
            let loaded = try source.load(defaultTransform: .B)
            if local {
                let permutations = source.permutations(default: 999)
                let g = try GetisOrd.local(loaded.values, weights: loaded.weights, star: star,
                                           permutations: permutations, seed: source.seed, draws: source.draws)
                let labels = g.clusters(alpha: significance.alpha, correction: significance.correction)
                try outputFile.write(SpatialTables.localG(ids: loaded.ids, values: loaded.values, local: g, star: star, clusters: labels,
                                                          format: format ?? .csv))
                if let mapFile, let layer = loaded.layer {
                    let names: [LocalCluster: String] = [.highHigh: "High-High: hot spot", .lowLow: "Low-Low: cold spot"]
                    let legend = LocalCluster.legend(labels, names: names)
                    let name = source.value ?? source.valueProperty ?? "values"
                    let symbol = star ? "G*" : "G"
                    var style = try map.style(defaultTitle: "Hot and cold spots of \(name)", defaultLegendTitle: "Local \(symbol) cluster (areas)",
                                              layer: layer, ids: loaded.ids)
                    if style.subtitle.isEmpty { style.subtitle = "Local \(symbol), \(significance.description), \(permutations) permutations" }
                    let titles = (0..<labels.count).map { i in
                        "\(loaded.ids[i]): \(labels[i].rawValue)" + (g.z[i].isNaN ? "" : " (z \(NumberFormatting.string((g.z[i] * 100).rounded() / 100)))")
                    }
                    try map.write(ThematicMap.render(layer, fills: labels.map(\.mapColour), titles: titles, legend: legend, style: style), to: mapFile)
                }
            } else {
                let r = try GetisOrd.global(loaded.values, weights: loaded.weights, permutations: source.permutations(default: 0), seed: source.seed)
                try outputFile.write(SpatialTables.global(SpatialTables.globalFields(r, symbol: "G"), format: format ?? .json))
            }
            try mapFile?.commit()
            try outputFile.commit()
        }
    }
}
