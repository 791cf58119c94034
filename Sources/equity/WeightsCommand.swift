import ArgumentParser
import Equity

extension Contiguity: ExpressibleByArgument {}

struct WeightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weights",
        abstract: "Contiguity neighbours from polygons: one row per undirected pair (id_a < id_b).",
        discussion: """
        Reads a GeoJSON FeatureCollection of Polygons/MultiPolygons (.geojson or .geojson.gz).
        Queen: polygons sharing at least one vertex; rook: sharing an edge. Vertices must be
        equal exactly unless --snap T treats vertices within distance T as one. Writes CSV
        id_a,id_b; a summary (areas, pairs, islands, components) goes to stderr.

        Example:
          equity weights --polygons Fixtures/boundaries/luton_lsoa11_E06000032.geojson \\
            --id-property LSOA11CD --contiguity queen --output luton_queen.csv
        """
    )

    @Option(help: "GeoJSON polygons (.geojson or .geojson.gz).") var polygons: String
    @Option(name: .customLong("id-property"), help: "Feature property with the area id.") var idProperty: String
    @Option(help: "queen or rook.") var contiguity: Contiguity = .queen
    @OptionGroup var inputLimits: LimitOptions
    @Option(help: "Snap tolerance: vertices closer than this count as shared (coordinate units).") var snap: Double?
    @Option(help: "k nearest neighbours on centroids instead of contiguity (pairs listed once each).") var knn: Int?
    @Option(name: .customLong("distance-band"), help: "Neighbours within this distance of each other's centroids (km for lon/lat).") var distanceBand: Double?
    @Option(help: "Distance for --knn/--distance-band: auto (great circle when the file declares lon/lat), great-circle or euclidean.") var metric: DistanceMetric = .auto
    @Option(name: .long, help: "Output CSV (default: standard output).") var output: String?

    func run() throws {
        try reportingErrors {
            let outputFile = try OutputFile(path: output)
            let layer = try GeoJSONReader.read(path: polygons)
            let ids = try SpatialInputs.ids(layer, property: idProperty)
            let w = try buildWeights(layer: layer, ids: ids, contiguity: contiguity, snap: snap, knn: knn, distanceBand: distanceBand, metric: metric)
            let out = ByteWriter()
            out.appendRow(["id_a", "id_b"])
            var pairs: [(String, String)] = []
            for (a, b) in w.undirectedPairs {
                let (x, y) = (ids[a], ids[b])
                pairs.append(x < y ? (x, y) : (y, x))
            }
            pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            for (a, b) in pairs { out.field(a); out.field(b); out.endRow() }
            try outputFile.write(out)
            try outputFile.commit()
            let islands = w.islands
            let rule = knn.map { "\($0)-nearest-neighbour" } ?? distanceBand.map { "distance-band (\(NumberFormatting.string($0)))" } ?? contiguity.rawValue
            writeStderr("\(polygons): \(w.count) areas, \(pairs.count) \(rule) pairs, \(islands.count) island\(islands.count == 1 ? "" : "s")\(islands.isEmpty ? "" : " (" + islands.prefix(10).map { ids[$0] }.joined(separator: ", ") + ")"), \(w.components().count) connected component\(w.components().count == 1 ? "" : "s")\n")
        }
    }
}

enum DistanceMetric: String, ExpressibleByArgument {
    case auto
    case greatCircle = "great-circle"
    case euclidean
}

/// Neighbours from polygons: contiguity, or k nearest / distance band on centroids.
func buildWeights(layer: PolygonLayer, ids: [String], contiguity: Contiguity, snap: Double?, knn: Int?, distanceBand: Double?,
                  metric: DistanceMetric) throws -> SpatialWeights {
    if knn != nil && distanceBand != nil { throw EquityError.invalidArgument("give --knn or --distance-band, not both") }
    if knn == nil && distanceBand == nil { return SpatialWeights(ids: ids, pairs: contiguity.pairs(layer, snap: snap)) }
    let geographic: Bool? = metric == .auto ? nil : metric == .greatCircle
    let points = PointSet(centroidsOf: layer, geographic: geographic)
    if let knn { return try DistanceWeights.knn(points, ids: ids, k: knn) }
    return try DistanceWeights.band(points, ids: ids, distance: distanceBand!)
}
