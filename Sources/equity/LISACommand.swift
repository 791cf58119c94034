import ArgumentParser
import Equity

extension LocalMoran.Correction: ExpressibleByArgument {}

struct LISACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lisa",
        abstract: "Local Moran's I (LISA) with conditional randomisation and cluster labels.",
        discussion: """
        Same inputs as `equity moran`. CSV per area: id, value, z, lag, Ii, quadrant (HH/LH/LL/HL),
        p_sim, cluster (the quadrant where p_sim ≤ α after --fdr or --bonferroni, "Not significant"
        otherwise, "island" for areas without neighbours — never significant; "Not tested" with
        --permutations 0; the default is 999). Ii is on esda's
        scale; --scale spdep multiplies by n/(n − 1). --map PATH.svg draws the cluster map.

        Example:
          equity lisa --input Fixtures/deprivation/luton_lsoa11_iod2019.csv --id lsoa11cd --value income_score \\
            --polygons Fixtures/boundaries/luton_lsoa11_E06000032.geojson --id-property LSOA11CD \\
            --permutations 999 --seed 1 --alpha 0.05 --fdr --map luton_lisa.svg
        """
    )

    @OptionGroup var source: SpatialSource
    @Option(name: .long, help: "Output CSV (default: standard output).") var output: String?
    @Option(parsing: .unconditional, help: "Significance level for cluster labels, in (0, 1) (default 0.05).") var alpha = 0.05
    @Flag(help: "Benjamini–Hochberg false discovery rate across areas.") var fdr = false
    @Flag(help: "Bonferroni correction across areas.") var bonferroni = false
    @Option(help: "esda (default) or spdep scale for Ii.") var scale: LocalMoran.Scale = .esda
    @Option(help: "Draw the cluster map to this SVG file (needs --polygons).") var map: String?

    mutating func validate() throws {
        guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1 (e.g. 0.05)") }
        if fdr && bonferroni { throw ValidationError("give --fdr or --bonferroni, not both") }
        if map != nil && source.polygons == nil { throw ValidationError("--map needs --polygons for the shapes") }
    }

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let mapFile = try map.map { try OutputFile(path: $0) }
            let permutations = source.permutations(default: 999)
            let loaded = try source.load()
            let lisa = try LocalMoran.compute(loaded.values, weights: loaded.weights, permutations: permutations, seed: source.seed, scale: scale)
            let correction: LocalMoran.Correction = fdr ? .fdr : (bonferroni ? .bonferroni : .none)
            let labels = lisa.clusters(alpha: alpha, correction: correction)
            let out = ByteWriter()
            out.appendRow(["id", "value", "z", "lag", "Ii", "quadrant", "p_sim", "cluster"])
            for i in 0..<loaded.ids.count {
                out.field(loaded.ids[i]); out.field(loaded.values[i]); out.field(lisa.z[i]); out.field(lisa.lag[i])
                out.field(lisa.values[i]); out.field(lisa.isIsland[i] ? "" : LocalMoran.quadrantNames[lisa.quadrant[i]])
                out.field(lisa.pSim[i]); out.field(labels[i])
                out.endRow()
            }
            try outputFile.write(out)
            if let mapFile {
                guard let layer = loaded.layer else { throw EquityError.invalidArgument("--map needs --polygons for the shapes") }
                let fills = labels.map { SVGMap.clusterColors[$0] ?? "#eeeeee" }
                let titles = (0..<loaded.ids.count).map { i in
                    "\(loaded.ids[i]): \(labels[i]) (Ii \(NumberFormatting.string((lisa.values[i] * 1000).rounded() / 1000)), p \(lisa.pSim[i].isNaN ? "–" : NumberFormatting.string(lisa.pSim[i])))"
                }
                var legend: [SVGMap.LegendEntry] = []
                for name in ["HH", "LL", "LH", "HL", "Not significant", "island"] {
                    let count = labels.filter { $0 == name }.count
                    if count > 0 || ["HH", "LL", "LH", "HL", "Not significant"].contains(name) {
                        legend.append(.init(label: "\(name == "HH" ? "High–High" : name == "LL" ? "Low–Low" : name == "LH" ? "Low–High" : name == "HL" ? "High–Low" : name) (\(count))", color: SVGMap.clusterColors[name]!))
                    }
                }
                let corr = correction == .none ? "" : (correction == .fdr ? ", FDR" : ", Bonferroni")
                let title = "LISA clusters, p ≤ \(NumberFormatting.string(alpha))\(corr), \(permutations) permutations"
                let w = ByteWriter()
                w.append(raw: SVGMap.render(layer, fills: fills, titles: titles, title: title, legend: legend))
                try mapFile.write(w)
            }
            try mapFile?.commit()
            try outputFile.commit()
        }
    }
}
