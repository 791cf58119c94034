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
        probability (of exactly that many by chance; empty for none),
        significant (probability ≤ --alpha, after --fdr or --bonferroni over
        the areas with a match). --map draws the cardinality of the
        significant areas, as GeoDa's neighbour match map.

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
    @OptionGroup var significance: SignificanceOptions
    @OptionGroup var map: MapOptions

    mutating func validate() throws {
        if input != nil && id == nil { throw ValidationError("--input needs --id") }
        guard k >= 1 else { throw ValidationError("--k must be at least 1") }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let mapFile = try map.openFile()
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
            let significant = MultipleTesting.significant(r.probability, alpha: significance.alpha, correction: significance.correction)
            w.header(["id", "cardinality", "probability", "significant"])
            for i in 0..<ids.count {
                w.field(ids[i]); w.field(r.cardinality[i]); w.field(r.probability[i])
                w.field(r.probability[i].isNaN ? "" : (significant[i] ? "yes" : "no"))
                w.endRow()
            }
            w.finishTable()
            try out.write(w)
            if let mapFile {
                // Significant areas by their number of neighbours in common (GeoDa's colours
                // darken with it); the rest grey.
                let shades = ["#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15"]
                let top = max(1, r.cardinality.max() ?? 1)
                func shade(_ c: Int) -> String { shades[min(shades.count - 1, (c - 1) * shades.count / top)] }
                var counts: [Int: Int] = [:]
                var fills: [String] = []
                for i in 0..<ids.count {
                    let c = significant[i] ? r.cardinality[i] : 0
                    counts[c, default: 0] += 1
                    fills.append(c > 0 ? shade(c) : "#eeeeee")
                }
                var legend: [SVGMap.LegendEntry] = []
                for c in counts.keys.sorted() where c > 0 {
                    legend.append(.init(label: "\(c) of \(k) in common (\(counts[c]!))", colour: shade(c)))
                }
                legend.append(.init(label: "Not significant (\(counts[0] ?? 0))", colour: "#eeeeee"))
                let names = variables.names.joined(separator: ", ")
                var style = try map.style(defaultTitle: "Neighbour match: \(names)", defaultLegendTitle: "Neighbours in common (areas)",
                                          layer: layer, ids: ids)
                if style.subtitle.isEmpty { style.subtitle = "\(k) nearest neighbours in space and in attributes, \(significance.description)" }
                let titles = (0..<ids.count).map { "\(ids[$0]): \(r.cardinality[$0]) of \(k) in common" }
                try map.write(ThematicMap.render(layer, fills: fills, titles: titles, legend: legend, style: style), to: mapFile)
            }
            try mapFile?.commit()
            try out.commit()
        }
    }
}
