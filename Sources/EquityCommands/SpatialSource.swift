import ArgumentParser
import Equity

extension SpatialWeights.Transform: ExpressibleByArgument {}
extension ConditionalRandomisation.Draws: ExpressibleByArgument {}
extension DistanceWeights.Kernel: ExpressibleByArgument {}
extension LocalMoran.Scale: ExpressibleByArgument {}
extension Contiguity: ExpressibleByArgument {}
extension DistanceMetric: ExpressibleByArgument {}

/// How neighbours are found from polygons (shared by `weights` and the statistics).
struct NeighbourOptions: ParsableArguments {
    @Option(help: "queen or rook (with --polygons).") var contiguity: Contiguity = .queen
    @Option(parsing: .unconditional, help: "Snap tolerance: vertices closer than this count as shared (coordinate units).") var snap: Double?
    @Option(help: "k nearest neighbours on centroids instead of contiguity.") var knn: Int?
    @Option(name: .customLong("distance-band"), parsing: .unconditional,
            help: "Neighbours within this centroid distance (km for lon/lat) instead of contiguity.") var distanceBand: Double?
    @Option(help: "Distance for --knn/--distance-band: auto (great circle for lon/lat), great-circle or euclidean.")
    var metric: DistanceMetric = .auto
    @Option(name: .customLong("distance-alpha"), parsing: .unconditional,
            help: "With --distance-band: weights distance^alpha (e.g. -1 inverse distance; libpysal DistanceBand binary=False, alpha).")
    var distanceAlpha: Double?
    @Option(help: "Kernel weights on centroids: triangular, uniform, quadratic, quartic or gaussian (libpysal Kernel; the diagonal included).")
    var kernel: DistanceWeights.Kernel?
    @Option(name: .customLong("kernel-k"), help: "Kernel bandwidth from the k-th nearest neighbour (default 2).") var kernelK = 2
    @Flag(help: "Kernel bandwidth per area (its own k-th nearest neighbour) instead of the largest.") var adaptive = false
    @Option(parsing: .unconditional, help: "Fixed kernel bandwidth in distance units.") var bandwidth: Double?
    @Option(help: "Higher-order contiguity: neighbours exactly this many steps apart (spdep nblag).") var order: Int?
    @Flag(help: "With --order: every order from 1 up to it (spdep nblag_cumul).") var cumulative = false

    mutating func validate() throws {
        if let snap, !(snap >= 0 && snap.isFinite) { throw ValidationError("--snap must be zero or a positive number") }
        if let distanceBand, !(distanceBand > 0 && distanceBand.isFinite) { throw ValidationError("--distance-band must be a positive number") }
        if let knn, knn < 1 { throw ValidationError("--knn must be at least 1") }
        if knn != nil && distanceBand != nil { throw ValidationError("give --knn or --distance-band, not both") }
        if let order, !(1...50).contains(order) { throw ValidationError("--order must be from 1 to 50") }
        if distanceAlpha != nil && distanceBand == nil { throw ValidationError("--distance-alpha applies to --distance-band") }
        if let distanceAlpha, !(distanceAlpha < 0 && distanceAlpha.isFinite) { throw ValidationError("--distance-alpha must be negative (-1 for inverse distance)") }
        if kernel != nil && (knn != nil || distanceBand != nil) { throw ValidationError("give --kernel, --knn or --distance-band, one of them") }
        if (adaptive || bandwidth != nil) && kernel == nil { throw ValidationError("--adaptive and --bandwidth apply to --kernel") }
        if adaptive && bandwidth != nil { throw ValidationError("give --adaptive or --bandwidth, not both") }
        if let bandwidth, !(bandwidth > 0 && bandwidth.isFinite) { throw ValidationError("--bandwidth must be a positive number") }
        if kernelK < 1 { throw ValidationError("--kernel-k must be at least 1") }
        if cumulative && order == nil { throw ValidationError("--cumulative applies to --order") }
    }

    var rule: NeighbourRule {
        if let knn { return .nearest(k: knn) }
        if let kernel { return .kernel(kernel, k: kernelK, fixed: !adaptive, bandwidth: bandwidth) }
        if let distanceBand, let distanceAlpha { return .inverseDistance(threshold: distanceBand, alpha: distanceAlpha) }
        if let distanceBand { return .distanceBand(distanceBand) }
        return .contiguity(contiguity, snap: snap)
    }
}

/// Where the spatial statistics take values and neighbours from (moran, lisa, geary, getis-ord).
struct SpatialSource: ParsableArguments {
    @Option(name: .long, help: "CSV with one row per area (values by --id/--value).") var input: String?
    @Option(help: "CSV column with the area id.") var id: String?
    @Option(help: "CSV column (or, with --polygons and no --input, property) with the values.") var value: String?
    @Option(help: "Polygons: GeoJSON (.geojson, .gz), Shapefile (.shp) or GeoPackage (.gpkg): neighbours and/or values.") var polygons: String?
    @Option(name: .customLong("id-property"), help: "Feature property with the area id.") var idProperty: String?
    @Option(name: .customLong("value-property"), help: "Feature property with the values.") var valueProperty: String?
    @Option(help: "Adjacency CSV: one row per neighbouring pair of ids (first two columns).") var adjacency: String?
    @Option(help: "Weights file giving the neighbours: GeoDa/PySAL/spdep .gal or .gwt, or a links CSV (id,neighbour,weight; `equity weights --links`).") var weights: String?
    @Option(name: .customLong("block-by"), help: "Block weights: areas with the same value of this CSV column or property (e.g. a local authority code) are neighbours.")
    var blockBy: String?
    @Flag(name: .customLong("allow-islands"), help: "With --adjacency: areas in no pair are intended islands (otherwise an error).")
    var allowIslands = false
    @OptionGroup var neighbours: NeighbourOptions
    @Option(help: "Weights transform: R (row-standardised), B (binary), D, V or O (original).") var transform: SpatialWeights.Transform?
    @Option(help: "Random permutations for pseudo p-values, 0 = none (default: 0 for moran, geary and global getis-ord; 999 for lisa and local getis-ord).")
    var permutations: Int?
    @Option(help: "Random seed (the same results on any number of threads).") var seed: UInt64 = 1
    @Option(help: "Local permutations: shared (draws shared by areas with the same number of equally weighted neighbours; exact, fast) or per-site.")
    var draws: ConditionalRandomisation.Draws = .shared
    @Option(name: .customLong("max-inflated-size"), help: "Most bytes a .gz input may inflate to (e.g. 8G, 500M; default 4G).")
    var maxInflatedSize: String?

    mutating func validate() throws {
        try LimitOptions.apply(maxInflatedSize)
        if let permutations, !SimulationLimits.permutations.contains(permutations) {
            throw ValidationError("--permutations must be from 0 to 10,000,000")
        }
        if allowIslands && adjacency == nil { throw ValidationError("--allow-islands applies to --adjacency") }
        if polygons != nil && idProperty == nil { throw ValidationError("--polygons needs --id-property") }
        if input != nil && (id == nil || value == nil) { throw ValidationError("--input needs --id and --value") }
        if input == nil && polygons == nil { throw ValidationError("give values with --input/--id/--value or --polygons/--id-property/--value-property") }
        if input == nil && valueProperty == nil && value == nil { throw ValidationError("give --value-property (or --input with --id and --value)") }
        if adjacency == nil && polygons == nil && weights == nil && blockBy == nil {
            throw ValidationError("give neighbours with --polygons (contiguity or distances), --adjacency or --weights")
        }
        if let weights, !WeightsFile.handles(weights) { throw ValidationError("--weights reads .gal, .gwt or links .csv files") }
        if weights != nil && adjacency != nil { throw ValidationError("give --adjacency or --weights, not both") }
    }

    /// The permutations to run: as given, or the statistic's default.
    func permutations(default value: Int) -> Int { permutations ?? value }

    /// The inputs, with the values replaced by Assunção–Reis empirical-Bayes standardised rates of
    /// `events` over `population` when both are given (moran/lisa --events --population).
    func load(events: String?, population: String?) throws -> SpatialInputs.Loaded {
        guard let events, let population else { return try load() }
        var loaded = try load(value: value ?? valueProperty ?? events)
        loaded.values = try Moran.empiricalBayesRates(events: try loaded.other(events), populations: try loaded.other(population), ids: loaded.ids)
        return loaded
    }

    func load(defaultTransform: SpatialWeights.Transform = .R, value override: String? = nil) throws -> SpatialInputs.Loaded {
        var request = SpatialInputs.Request()
        request.input = input
        request.id = id
        request.value = override ?? value
        request.polygons = polygons
        request.idProperty = idProperty
        request.valueProperty = override == nil ? valueProperty : nil
        request.adjacency = adjacency
        request.allowIslands = allowIslands
        request.rule = neighbours.rule
        request.metric = neighbours.metric
        request.transform = transform
        request.weightsFile = weights
        request.blockBy = blockBy
        request.order = neighbours.order
        request.cumulative = neighbours.cumulative
        return try SpatialInputs.load(request, defaultTransform: defaultTransform)
    }
}
