import ArgumentParser
import Equity

extension SpatialWeights.Transform: ExpressibleByArgument {}
extension LocalMoran.Scale: ExpressibleByArgument {}

/// Where the spatial commands take values and neighbours from (shared by moran, lisa, geary,
/// getis-ord).
struct SpatialSource: ParsableArguments {
    @Option(name: .long, help: "CSV with one row per area (values by --id/--value).") var input: String?
    @Option(help: "CSV column with the area id.") var id: String?
    @Option(help: "CSV column (or, with --polygons and no --input, property) with the values.") var value: String?
    @Option(help: "GeoJSON polygons (.geojson or .gz): neighbours by contiguity and/or values.") var polygons: String?
    @Option(name: .customLong("id-property"), help: "Feature property with the area id.") var idProperty: String?
    @Option(name: .customLong("value-property"), help: "Feature property with the values.") var valueProperty: String?
    @Option(help: "Adjacency CSV: one row per neighbouring pair of ids (first two columns).") var adjacency: String?
    @Flag(name: .customLong("allow-islands"), help: "With --adjacency: areas in no pair are intended islands (otherwise an error).")
    var allowIslands = false
    @Option(help: "queen or rook (with --polygons).") var contiguity: Contiguity = .queen
    @Option(help: "Snap tolerance for contiguity.") var snap: Double?
    @Option(help: "k nearest neighbours on polygon centroids instead of contiguity.") var knn: Int?
    @Option(name: .customLong("distance-band"), help: "Neighbours within this centroid distance (km for lon/lat) instead of contiguity.") var distanceBand: Double?
    @Option(help: "Distance for --knn/--distance-band: auto, great-circle or euclidean.") var metric: DistanceMetric = .auto
    @Option(help: "Weights transform: R (row-standardised), B, D, V or O.") var transform: SpatialWeights.Transform?
    @Option(help: "Random permutations for pseudo p-values, 0 = none (default: 0 for moran, geary and global getis-ord; 999 for lisa and local getis-ord).")
    var permutations: Int?
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @OptionGroup var inputLimits: LimitOptions

    mutating func validate() throws {
        if let permutations, !SimulationLimits.permutations.contains(permutations) {
            throw ValidationError("--permutations must be from 0 to 10,000,000")
        }
        if let snap, !(snap >= 0 && snap.isFinite) { throw ValidationError("--snap must be zero or a positive number") }
        if let distanceBand, !(distanceBand > 0 && distanceBand.isFinite) { throw ValidationError("--distance-band must be a positive number") }
        if let knn, knn < 1 { throw ValidationError("--knn must be at least 1") }
        if knn != nil && distanceBand != nil { throw ValidationError("give --knn or --distance-band, not both") }
        if allowIslands && adjacency == nil { throw ValidationError("--allow-islands applies to --adjacency") }
    }

    /// The permutations to run: as given, or the statistic's default.
    func permutations(default value: Int) -> Int { permutations ?? value }

    struct Loaded {
        var ids: [String]
        var values: [Double]
        var weights: SpatialWeights
        var layer: PolygonLayer?
        /// Reads another numeric variable by name (CSV column or polygon property).
        var other: (String) throws -> [Double]
    }

    func load(defaultTransform: SpatialWeights.Transform = .R) throws -> Loaded {
        var layer: PolygonLayer? = nil
        var ids: [String]? = nil
        if let polygons {
            guard let idProperty else { throw EquityError.invalidArgument("--polygons needs --id-property") }
            let l = try GeoJSONReader.read(path: polygons)
            layer = l
            ids = try SpatialInputs.ids(l, property: idProperty)
        }
        var values: [Double]
        var other: (String) throws -> [Double]
        if let input {
            guard let id, let value else { throw EquityError.invalidArgument("--input needs --id and --value") }
            let read = try SpatialInputs.values(csv: input, idColumn: id, valueColumn: value, ids: ids)
            ids = read.ids
            values = read.values
            let order = read.ids
            other = { column in try SpatialInputs.values(csv: input, idColumn: id, valueColumn: column, ids: order).values }
        } else if let layer, let ids {
            guard let property = valueProperty ?? value else { throw EquityError.invalidArgument("give --value-property (or --input with --id and --value)") }
            values = try SpatialInputs.values(layer, property: property, ids: ids)
            other = { property in try SpatialInputs.values(layer, property: property, ids: ids) }
        } else {
            throw EquityError.invalidArgument("give values with --input/--id/--value or --polygons/--id-property/--value-property")
        }
        let w: SpatialWeights
        if let adjacency {
            w = try SpatialInputs.adjacency(csv: adjacency, ids: ids!, allowIslands: allowIslands)
        } else if let layer {
            w = try buildWeights(layer: layer, ids: ids!, contiguity: contiguity, snap: snap, knn: knn, distanceBand: distanceBand, metric: metric)
        } else {
            throw EquityError.invalidArgument("give neighbours with --polygons (contiguity) or --adjacency")
        }
        return Loaded(ids: ids!, values: values, weights: w.transformed(transform ?? defaultTransform), layer: layer, other: other)
    }
}

enum OutputFormat: String, ExpressibleByArgument { case json, csv }

/// Writes a global statistic as JSON (keys as documented) or a one-row CSV.
func writeGlobal(_ pairs: [(String, Double)], format: OutputFormat, to file: OutputFile) throws {
    let out = ByteWriter()
    switch format {
    case .json:
        out.append(raw: "{\n")
        for (k, (key, v)) in pairs.enumerated() {
            out.append(raw: "  \"\(key)\": ")
            if v.isNaN || v.isInfinite { out.append(raw: "null") } else { out.append(v) }
            out.append(raw: k + 1 < pairs.count ? ",\n" : "\n")
        }
        out.append(raw: "}\n")
    case .csv:
        out.appendRow(pairs.map { $0.0 })
        for (_, v) in pairs { out.field(v) }
        out.endRow()
    }
    try file.write(out)
}

func globalPairs(_ r: GlobalStatistic, symbol: String) -> [(String, Double)] {
    [("n", Double(r.n)), (symbol, r.value), ("expected_\(symbol)", r.expected),
     ("variance_normality", r.varianceNormality), ("variance_randomisation", r.varianceRandomisation),
     ("z_normality", r.zNormality), ("z_randomisation", r.zRandomisation),
     ("p_normality", r.pNormality), ("p_randomisation", r.pRandomisation),
     ("p_normality_two_sided", r.pNormalityTwoSided), ("p_randomisation_two_sided", r.pRandomisationTwoSided),
     ("permutations", Double(r.permutations)), ("p_sim", r.pSim), ("mean_sim", r.meanSim), ("sd_sim", r.sdSim),
     ("islands", Double(r.islands))]
}
