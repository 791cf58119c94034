/// `equity lookup`: a best-fit lookup CSV built from two boundary files (see `BestFitLookup`).
public enum BestFitLookupTable {
    /// The lookup and what it found.
    public struct Output {
        /// One row per small area: from, to, to name, method, x, y, outside_share, straddles, note.
        public var table: ByteWriter
        /// Small areas in no larger area (kept in the table with a note).
        public var unassigned: [String]
        /// Small areas with vertices beyond the tolerance in another larger area.
        public var straddling: [String]
        /// The coordinate reference assumed or declared, for the report.
        public var crs: String
    }

    /// Builds the lookup. `points` (CSV of small-area code, x, y; e.g. population-weighted
    /// centroids) replaces the point on surface. `tolerance` nil: 0.0005° for lon/lat (≈ 50 m),
    /// 50 units (metres) for projected coordinates.
    public static func run(sources: String, sourceId: String, targets: String, targetId: String, targetName: String? = nil,
                           points: (path: String, code: String, x: String, y: String)? = nil, tolerance: Double? = nil,
                           method: BestFitLookup.Method = .pointOnSurface,
                           format: TableFormat = .csv) throws -> Output {
        let small = try BoundaryReader.read(path: sources)
        let large = try BoundaryReader.read(path: targets)
        let smallIds = try SpatialInputs.ids(small.layer, property: sourceId)
        let largeIds = try SpatialInputs.ids(large.layer, property: targetId)
        let largeNames = try targetName.map { try large.layer.property($0) }
        if let f = large.layer.firstPoint {
            throw EquityError.invalidValue(large.layer.location(ofFeature: f),
                                           reason: "feature \(f + 1) is a point: the larger areas must be polygons (points can be the small areas)")
        }
        if small.lonLat != large.lonLat {
            throw EquityError.invalidArgument("\(sources) is in \(small.crs) and \(targets) in \(large.crs): give both in the same coordinates")
        }
        var pointList: [(x: Double, y: Double)]? = nil
        if let points {
            let r = try CSVReader(path: points.path)
            let d = try r.readColumns(numeric: [try r.column(points.x), try r.column(points.y)], text: [try r.column(points.code)])
            var byCode: [String: (Double, Double)] = [:]
            for i in 0..<d.rowCount {
                let x = d.numeric[0][i], y = d.numeric[1][i]
                guard x.isFinite, y.isFinite else {
                    throw EquityError.invalidValue(SourceLocation(file: r.name, line: d.lines[i], column: 1), reason: "point coordinates must be numbers")
                }
                byCode[d.text[0][i]] = (x, y)
            }
            pointList = try smallIds.enumerated().map { f, id in
                guard let p = byCode[id] else {
                    throw EquityError.invalidValue(small.layer.location(ofFeature: f), reason: "area \(id) has no point in \(points.path)")
                }
                return p
            }
        }
        let tol = tolerance ?? (small.lonLat ? 0.0005 : 50)
        let fit = BestFitLookup(tolerance: tol, method: method).assign(sources: small.layer, targets: large.layer, points: pointList)
        let out = ByteWriter()
        out.format = format
        out.header([sourceId, targetId] + (targetName.map { [$0] } ?? []) + ["method", "x", "y", "outside_share", "straddles", "note"])
        var unassigned: [String] = [], straddling: [String] = []
        let methodText = points != nil ? "given point" : (method == .largestShare ? "largest share" : "point on surface")
        for (f, a) in fit.enumerated() {
            out.field(smallIds[f])
            out.field(a.target.map { largeIds[$0] } ?? "")
            if let largeNames { out.field(a.target.map { largeNames[$0] } ?? "") }
            out.field(methodText)
            out.field(a.point.x)
            out.field(a.point.y)
            out.field(a.outsideShare)
            out.field(a.others.map { largeIds[$0] }.joined(separator: " "))
            var note = ""
            if a.target == nil {
                unassigned.append(smallIds[f])
                note = "the point is in none of \(targets)'s areas"
            } else if !a.others.isEmpty {
                straddling.append(smallIds[f])
                note = "straddles: about \(Int((a.outsideShare * 100).rounded()))% of its area in other areas"
            }
            out.field(note)
            out.endRow()
        }
        out.finishTable()
        return Output(table: out, unassigned: unassigned, straddling: straddling, crs: small.crs)
    }
}
