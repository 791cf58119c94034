import ArgumentParser
import Equity

extension BestFitLookup.Method: ExpressibleByArgument {}

struct LookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Build a best-fit lookup from small areas to the larger areas that contain them.",
        discussion: """
        Each small area (--from, --from-id) goes wholly to the larger area
        (--to, --to-id, optional --to-name) containing its point on surface
        (a point always inside it), the one holding the largest share of it
        (--method largest-share), or the point given in --points (CSV of
        --points-code, --points-x, --points-y: e.g. population-weighted
        centroids, as ONS builds its best-fit lookups). Areas whose vertices
        lie more than --tolerance (default 0.0005° for longitude/latitude, 50
        for projected metres) outside their larger area are reported as
        straddling, with the other areas they reach. Both files must use the
        same coordinates: nothing is reprojected.

        Output per small area: codes, method, the point, outside_share,
        straddles, note; a summary on standard error. An area whose point is
        in no larger area is kept with an empty code and a note.

        Example:
          equity lookup --from Fixtures/boundaries/luton_lsoa11_E06000032.geojson \\
            --from-id LSOA11CD --to Fixtures/boundaries/luton_ward_E06000032.geojson \\
            --to-id WD25CD --to-name WD25NM
        """
    )

    @OptionGroup var output: OutputOptions
    @Option(help: "Small-area boundaries (GeoJSON, Shapefile or GeoPackage).") var from: String
    @Option(name: .customLong("from-id"), help: "Property with the small-area code.") var fromId: String
    @Option(help: "Larger-area boundaries.") var to: String
    @Option(name: .customLong("to-id"), help: "Property with the larger area's code.") var toId: String
    @Option(name: .customLong("to-name"), help: "Property with the larger area's name.") var toName: String?
    @Option(help: "CSV of representative points per small area (e.g. population-weighted centroids).") var points: String?
    @Option(name: .customLong("points-code"), help: "--points column with the small-area code.") var pointsCode = "code"
    @Option(name: .customLong("points-x"), help: "--points column with x (longitude or easting).") var pointsX = "x"
    @Option(name: .customLong("points-y"), help: "--points column with y (latitude or northing).") var pointsY = "y"
    @Option(parsing: .unconditional, help: "Boundary tolerance in coordinate units.") var tolerance: Double?
    @Option(help: "point-on-surface (default) or largest-share (the larger area holding most of the small area).")
    var method: BestFitLookup.Method = .pointOnSurface

    mutating func validate() throws {
        if let tolerance, !(tolerance >= 0 && tolerance.isFinite) { throw ValidationError("--tolerance must be zero or a positive number") }
    }

    func run() throws {
        try reportingErrors {
            let out = try output.open()
            let result = try BestFitLookupTable.run(sources: from, sourceId: fromId, targets: to, targetId: toId, targetName: toName,
                                                    points: points.map { ($0, pointsCode, pointsX, pointsY) }, tolerance: tolerance, method: method,
                                                    format: output.format)
            try out.write(result.table)
            try out.commit()
            var summary = "coordinates: \(result.crs); nothing reprojected\n"
            summary += "\(result.straddling.count) small area(s) straddle a boundary"
            summary += result.straddling.isEmpty ? "\n" : ": \(result.straddling.prefix(20).joined(separator: " "))\(result.straddling.count > 20 ? " …" : "")\n"
            if !result.unassigned.isEmpty {
                summary += "\(result.unassigned.count) small area(s) in no larger area: \(result.unassigned.prefix(20).joined(separator: " "))\n"
            }
            writeStderr(summary)
        }
    }
}
