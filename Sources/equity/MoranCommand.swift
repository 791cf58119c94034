import ArgumentParser
import Equity

struct MoranCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moran",
        abstract: "Global Moran's I (analytic and permutation inference), bivariate or EB-rate variants.",
        discussion: """
        Values from --input CSV (--id, --value) or polygon properties (--polygons, --id-property,
        --value-property); neighbours from --polygons (contiguity) or --adjacency. Output (JSON or
        CSV): n, I, expected_I, variance_normality, variance_randomisation, z_normality,
        z_randomisation, p_normality, p_randomisation (one-sided in the direction of z),
        p_normality_two_sided, p_randomisation_two_sided, permutations, p_sim, mean_sim, sd_sim,
        islands. --x COL: bivariate Moran of COL with the lag of the values. --events/--population:
        Moran of empirical-Bayes standardised rates (Assunção–Reis). --map PATH.svg draws the
        values.

        Example:
          equity moran --input Fixtures/deprivation/luton_lsoa11_iod2019.csv --id lsoa11cd --value income_score \\
            --adjacency Fixtures/adjacency/luton_lsoa11_bgc_queen_edges.csv --permutations 9999 --seed 1
        """
    )

    @OptionGroup var source: SpatialSource
    @Option var format: OutputFormat = .json
    @Option(name: .long, help: "Output file (default: standard output).") var output: String?
    @Option(help: "Bivariate: the other variable (CSV column or property); I of it with the lag of the values.") var x: String?
    @Option(help: "EB rate Moran: events (CSV column or property).") var events: String?
    @Option(help: "EB rate Moran: population at risk (CSV column or property).") var population: String?
    @Option(help: "Draw a choropleth of the values to this SVG file (needs --polygons).") var map: String?
    @Flag(help: "Also the exact test under normality (eigenvalues of the weights, n ≤ 5,000): p_exact, p_exact_two_sided.") var exact = false

    mutating func validate() throws {
        if map != nil && source.polygons == nil { throw ValidationError("--map needs --polygons for the shapes") }
        if (events == nil) != (population == nil) { throw ValidationError("--events and --population go together") }
        if exact && x != nil { throw ValidationError("--exact applies to the univariate Moran's I") }
    }

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let mapFile = try map.map { try OutputFile(path: $0) }
            var loaded: SpatialSource.Loaded
            if events != nil || population != nil {
                guard let events, let population else { throw EquityError.invalidArgument("--events and --population go together") }
                // Values are the EB rates; --value may be omitted.
                var s = source
                if s.value == nil && s.valueProperty == nil { s.value = events; s.valueProperty = nil }
                loaded = try s.load()
                loaded.values = try Moran.empiricalBayesRates(events: try loaded.other(events), populations: try loaded.other(population), ids: loaded.ids)
            } else {
                loaded = try source.load()
            }
            let result: GlobalStatistic
            if let x {
                result = try Moran.bivariate(x: try loaded.other(x), y: loaded.values, weights: loaded.weights,
                                             permutations: source.permutations(default: 0), seed: source.seed)
            } else {
                result = try Moran.global(loaded.values, weights: loaded.weights, permutations: source.permutations(default: 0), seed: source.seed)
            }
            var pairs = globalPairs(result, symbol: "I")
            if exact {
                guard x == nil else { throw EquityError.invalidArgument("--exact applies to the univariate Moran's I") }
                let gamma = try MoranExact.eigenvalues(loaded.weights)
                // A p-value too small to compute to 1e-10 relative is reported as a bound:
                // p_exact is null and p_exact_below says what it is below.
                let p = MoranExact.pValues(observed: result.value, eigenvalues: gamma)
                pairs += [("p_exact", p.oneSided.upperBound == nil ? p.oneSided.value : .nan),
                          ("p_exact_two_sided", p.twoSided.upperBound == nil ? p.twoSided.value : .nan)]
                if let below = p.oneSided.upperBound { pairs.append(("p_exact_below", below)) }
                if let below = p.twoSided.upperBound { pairs.append(("p_exact_two_sided_below", below)) }
            }
            try writeGlobal(pairs, format: format, to: outputFile)
            if let mapFile {
                guard let layer = loaded.layer else { throw EquityError.invalidArgument("--map needs --polygons for the shapes") }
                let (fills, legend) = SVGMap.quintiles(loaded.values)
                let titles = (0..<loaded.ids.count).map { "\(loaded.ids[$0]): \(NumberFormatting.string(loaded.values[$0]))" }
                let title = "Values by quintile — Moran's I = \(NumberFormatting.string((result.value * 10000).rounded() / 10000)), n = \(result.n)"
                let svg = SVGMap.render(layer, fills: fills, titles: titles, title: title, legend: legend)
                let w = ByteWriter()
                w.append(raw: svg)
                try mapFile.write(w)
            }
            try mapFile?.commit()
            try outputFile.commit()
        }
    }
}

struct GearyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geary",
        abstract: "Geary's C with analytic and permutation inference.",
        discussion: """
        Same inputs as `equity moran`. Output keys: n, C, expected_C, variance_normality,
        variance_randomisation, z_normality, z_randomisation, p_normality, p_randomisation,
        p_normality_two_sided, p_randomisation_two_sided, permutations, p_sim, mean_sim, sd_sim, islands.

        Example:
          equity geary --polygons Fixtures/boundaries/columbus.geojson --id-property POLYID --value-property CRIME
        """
    )

    @OptionGroup var source: SpatialSource
    @Option var format: OutputFormat = .json
    @Option(name: .long, help: "Output file (default: standard output).") var output: String?

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let loaded = try source.load()
            let r = try Geary.global(loaded.values, weights: loaded.weights, permutations: source.permutations(default: 0), seed: source.seed)
            try writeGlobal(globalPairs(r, symbol: "C"), format: format, to: outputFile)
            try outputFile.commit()
        }
    }
}

struct GetisOrdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "getis-ord",
        abstract: "Getis–Ord G (global) or local Gᵢ / G*ᵢ z-scores.",
        discussion: """
        Same inputs as `equity moran`; the weights default to binary (B). Global output keys: n, G,
        expected_G, variance_normality (= variance_randomisation), z and p as for Moran, p_sim.
        --local writes CSV per area: id, value, G, z, p_one_sided, p_two_sided (--star includes each
        area in its own neighbourhood: G*ᵢ).

        Example:
          equity getis-ord --polygons Fixtures/boundaries/columbus.geojson --id-property POLYID \\
            --value-property CRIME --local --star
        """
    )

    @OptionGroup var source: SpatialSource
    @Option var format: OutputFormat = .json
    @Option(name: .long, help: "Output file (default: standard output).") var output: String?
    @Flag(help: "Local statistics per area.") var local = false
    @Flag(help: "With --local: G*ᵢ (the area itself included).") var star = false

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let loaded = try source.load(defaultTransform: .B)
            if local {
                let local = try GetisOrd.local(loaded.values, weights: loaded.weights, star: star,
                                               permutations: source.permutations(default: 999), seed: source.seed)
                let out = ByteWriter()
                out.appendRow(["id", "value", star ? "G_star" : "G", "z", "p_one_sided", "p_two_sided", "p_sim", "note"])
                for i in 0..<local.g.count {
                    out.field(loaded.ids[i]); out.field(loaded.values[i]); out.field(local.g[i]); out.field(local.z[i])
                    let p = local.z[i].isNaN ? Double.nan : Normal.survival(abs(local.z[i]))
                    out.field(p); out.field(2 * p)
                    out.field(local.pSim[i])
                    out.field(local.notes[i])
                    out.endRow()
                }
                try outputFile.write(out)
            } else {
                let r = try GetisOrd.global(loaded.values, weights: loaded.weights, permutations: source.permutations(default: 0), seed: source.seed)
                try writeGlobal(globalPairs(r, symbol: "G"), format: format, to: outputFile)
            }
            try outputFile.commit()
        }
    }
}
