import ArgumentParser
import Equity

struct WeightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weights",
        abstract: "Neighbours from polygons: one row per undirected pair (id_a < id_b).",
        discussion: """
        Reads polygons: GeoJSON (.geojson, .geojson.gz), Shapefile (.shp) or
        GeoPackage (.gpkg, through GDAL). Queen: polygons sharing at least one
        vertex; rook: sharing a stretch of boundary, also where one polygon has
        extra vertices along the other's edge (as spdep's poly2nb). Vertices
        must be equal exactly unless --snap T treats vertices within distance T
        as one. --knn K or --distance-band D use centroids
        instead; --order K gives neighbours K steps apart (--cumulative: 1…K).
        Writes id_a,id_b (undirected pairs); with --links one id,neighbour,weight
        row per directed link (kNN keeps its direction, distance and kernel
        weights their values); or GeoDa/PySAL/spdep weights files when --output
        ends in .gal (neighbour lists) or .gwt (one `i j w` line per link).
        Every statistic reads .gal, .gwt and links CSVs back with --weights. A summary (areas, pairs,
        islands, connected components) and the coordinates read go to stderr.

        Example:
          equity weights \\
            --polygons Fixtures/boundaries/luton_lsoa11_E06000032.geojson \\
            --id-property LSOA11CD --contiguity queen --output luton_queen.csv
        """
    )

    @Option(help: "Polygons: GeoJSON (.geojson, .gz), Shapefile (.shp) or GeoPackage (.gpkg; the latter two through GDAL).") var polygons: String
    @Option(name: .customLong("id-property"), help: "Feature property with the area id.") var idProperty: String
    @Flag(help: "One row per directed link: id,neighbour,weight (the weights as built, before any transform: kNN and adaptive kernels keep their direction, distance and kernel weights their values) instead of undirected id_a,id_b pairs. Read back with --weights FILE.csv.")
    var links = false
    @OptionGroup var neighbours: NeighbourOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var limits: LimitOptions

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let read = try BoundaryReader.read(path: polygons)
            let layer = read.layer
            var w = try SpatialWeights(layer: layer, ids: try SpatialInputs.ids(layer, property: idProperty), rule: neighbours.rule,
                                       metric: neighbours.metric)
            if let order = neighbours.order { w = try w.higherOrder(order, cumulative: neighbours.cumulative) }
            let path = output.output?.lowercased() ?? ""
            if path.hasSuffix(".gal") { try out.write(WeightsFile.gal(w, idVariable: idProperty)) }
            else if path.hasSuffix(".gwt") { try out.write(WeightsFile.gwt(w, idVariable: idProperty)) }
            else if links { try out.write(SpatialTables.links(w, format: output.format)) }
            else { try out.write(SpatialTables.pairs(w, format: output.format)) }
            try out.commit()
            writeStderr(SpatialTables.summary(w, source: polygons, rule: neighbours.rule.name) + "\n")
            if !links && !path.hasSuffix(".gwt") {
                if !w.isSymmetric {
                    writeStderr("note: these weights are asymmetric; id_a,id_b pairs make them symmetric (--links or a .gwt file keeps the direction)\n")
                } else if w.original.contains(where: { $0 != 1 }) {
                    writeStderr("note: these weights are not binary; id_a,id_b pairs drop the weights (--links or a .gwt file keeps them)\n")
                }
            }
            writeStderr("coordinates: \(read.crs); nothing reprojected\n")
        }
    }
}
