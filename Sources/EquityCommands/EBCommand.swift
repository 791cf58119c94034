import ArgumentParser
import Equity

extension EmpiricalBayes.Family: ExpressibleByArgument {}
extension EmpiricalBayes.LocalVariance: ExpressibleByArgument {}

struct EBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eb",
        abstract: "Empirical-Bayes smoothed rates for small areas (spdep EBest/EBlocal, esda smoothers).",
        discussion: """
        Events (--value or --value-property) and base populations (--base) per
        area, neighbours as for moran (--polygons, --adjacency, --knn …).

        Output per area: id, events, base, raw_rate; eb_global (Marshall's
        global EB, spdep EBest: --family poisson|binomial; --no-clamp keeps a
        negative prior variance as esda Empirical_Bayes); eb_local (local EB
        over the area and its neighbours, spdep EBlocal; --variance geoda as
        GeoDa and esda Spatial_Empirical_Bayes); local_rate (esda Spatial_Rate);
        excess_risk (observed / expected at the overall rate, esda Excess_Risk).
        --map draws --map-rate (eb_local by default) as a choropleth.
        Rates are multiplied by --per (default 1).

        Example:
          equity eb --input Fixtures/deprivation/luton_lsoa11_income_deprived.csv \\
            --id lsoa11cd --value income_deprived --base pop_mid2015 --per 100 \\
            --polygons Fixtures/boundaries/luton_lsoa11_E06000032.geojson --id-property LSOA11CD
        """
    )

    @OptionGroup var source: SpatialSource
    @OptionGroup var output: OutputOptions
    @Option(help: "CSV column (or polygon property) with the base population at risk.") var base: String
    @Option(help: "poisson or binomial (the global estimator's model).") var family: EmpiricalBayes.Family = .poisson
    @Option(help: "spdep or geoda (the local estimator's variance).") var variance: EmpiricalBayes.LocalVariance = .spdep
    @Flag(name: .customLong("no-clamp"), help: "Keep a negative global prior variance (esda Empirical_Bayes).") var noClamp = false
    @Option(parsing: .unconditional, help: "Multiplier of the rates (e.g. 100000).") var per: Double = 1
    @OptionGroup var map: MapOptions
    @Option(name: .customLong("map-rate"), help: "The rate to map: eb_local (default), eb_global or raw_rate.") var mapRate = "eb_local"

    mutating func validate() throws {
        guard per > 0, per.isFinite else { throw ValidationError("--per must be a positive number") }
        guard ["eb_local", "eb_global", "raw_rate"].contains(mapRate) else { throw ValidationError("--map-rate must be eb_local, eb_global or raw_rate") }
        if map.map != nil && source.polygons == nil { throw ValidationError("--map needs --polygons for the shapes") }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let mapFile = try map.openFile()
            let loaded = try source.load(defaultTransform: .B)
            var o = SmoothedRatesTable.Options()
            o.family = family
            o.localVariance = variance
            o.clampGlobal = !noClamp
            o.multiplier = per
            let base = try loaded.other(self.base)
            try out.write(try SmoothedRatesTable.run(ids: loaded.ids, events: loaded.values, base: base, weights: loaded.weights,
                                                     options: o, format: output.format))
            if let mapFile, let layer = loaded.layer {
                let rates: [Double]
                switch mapRate {
                case "eb_global": rates = try EmpiricalBayes.global(events: loaded.values, base: base, family: family, clampVariance: !noClamp).estimate
                case "raw_rate": rates = zip(loaded.values, base).map { $0 / $1 }
                default: rates = try EmpiricalBayes.local(events: loaded.values, base: base, weights: loaded.weights, variance: variance).estimate
                }
                let what = mapRate == "raw_rate" ? "Raw rate" : (mapRate == "eb_global" ? "Empirical-Bayes rate (global)" : "Empirical-Bayes rate (local)")
                let perText = per == 1 ? "" : " per \(NumberFormatting.string(per))"
                let style = try map.style(defaultTitle: "\(what) of \(source.value ?? source.valueProperty ?? "events")",
                                          defaultLegendTitle: "Rate\(perText)", layer: layer, ids: loaded.ids)
                try map.write(try ThematicMap.choropleth(layer: layer, ids: loaded.ids, values: rates.map { $0 * per }, classification: map.classification,
                                                         palette: map.palette, style: style), to: mapFile)
            }
            try mapFile?.commit()
            try out.commit()
        }
    }
}
