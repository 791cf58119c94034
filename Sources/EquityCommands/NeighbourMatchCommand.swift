import ArgumentParser
import Equity

struct NeighbourMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbour-match",
        abstract: "The local neighbour match test: geographic vs attribute k nearest neighbours (GeoDa).",
        discussion: """
        Polygons (--polygons, --id-property) give the geographic k nearest
        neighbours (centroids; --metric); --variables (CSV columns with --input
        and --id, or polygon properties) the attribute ones (standardised,
        Euclidean). Per area: id, cardinality (neighbours in common),
        probability (of exactly that many by chance; empty for none).

        Example:
          equity neighbour-match --polygons Fixtures/boundaries/columbus.geojson \\
            --id-property POLYID --variables CRIME,INC --k 6
        """
    )

    @Option(help: "Polygons: GeoJSON, Shapefile or GeoPackage.") var polygons: String
    @Option(name: .customLong("id-property"), help: "Feature property with the area id.") var idProperty: String
    @Option(help: "CSV with the variables (else polygon properties).") var input: String?
    @Option(help: "CSV column with the area id.") var id: String?
    @Option(help: "The variables (comma-separated).") var variables: ColumnList
    @Option(help: "Number of nearest neighbours.") var k = 6
    @Option(help: "auto, great-circle or euclidean.") var metric: DistanceMetric = .auto
    @OptionGroup var output: OutputOptions

    mutating func validate() throws {
        if input != nil && id == nil { throw ValidationError("--input needs --id") }
        guard k >= 1 else { throw ValidationError("--k must be at least 1") }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let read = try BoundaryReader.read(path: polygons)
            let layer = read.layer
            let ids = try SpatialInputs.ids(layer, property: idProperty)
            let data: [[Double]] = try variables.names.map { name in
                if let input, let id { return try SpatialInputs.values(csv: input, idColumn: id, valueColumn: name, ids: ids).values }
                return try SpatialInputs.values(layer, property: name, ids: ids)
            }
            let geographic: Bool? = metric == .auto ? nil : metric == .greatCircle
            let knn = try DistanceWeights.knn(PointSet(centroidsOf: layer, geographic: geographic), ids: ids, k: k)
            let r = try NeighbourMatch.compute(data, geographic: knn, k: k)
            let w = ByteWriter()
            w.format = output.format
            w.header(["id", "cardinality", "probability"])
            for i in 0..<ids.count { w.field(ids[i]); w.field(r.cardinality[i]); w.field(r.probability[i]); w.endRow() }
            w.finishTable()
            try out.write(w)
            try out.commit()
        }
    }
}
