/// A point of a polygon's ring (longitude/latitude or projected coordinates).
public struct Point: Sendable, Equatable {
    /// x (longitude or easting).
    public var x: Double
    /// y (latitude or northing).
    public var y: Double
    /// The point (x, y).
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// One polygon: its exterior ring and any holes, each a closed list of points (the first point
/// repeated at the end, as GeoJSON writes them; an unclosed ring is closed for you).
public struct Polygon: Sendable, Equatable {
    /// The outer ring.
    public var exterior: [Point]
    /// Holes (inner rings).
    public var holes: [[Point]]
    /// A polygon from its rings.
    public init(exterior: [Point], holes: [[Point]] = []) {
        self.exterior = exterior
        self.holes = holes
    }
}

/// Areas as polygons — one feature per area, each one or more polygons (a MultiPolygon) — with
/// properties as text: what the spatial weights and maps work on. Read from GeoJSON (or a
/// Shapefile/GeoPackage) by the `Equity` module, or built in memory:
///
/// ```swift
/// let square = { (x: Double, y: Double) in
///     Polygon(exterior: [Point(x, y), Point(x + 1, y), Point(x + 1, y + 1), Point(x, y + 1), Point(x, y)]) }
/// let layer = PolygonLayer(features: [[square(0, 0)], [square(1, 0)], [square(0, 1)]])
/// let w = try SpatialWeights(layer: layer, ids: ["a", "b", "c"], rule: .contiguity(.queen))
/// ```
///
/// Layout (contiguous, no per-vertex objects): `x`, `y` hold all vertices; ring r spans
/// `ringStart[r]..<ringStart[r+1]`; feature f owns rings `featureRingStart[f]..<featureRingStart[f+1]`
/// (outer rings, holes and the parts of MultiPolygons alike; `ringIsHole` tells which).
///
/// A layer may also hold points (GP practices, schools, docking stations: GeoJSON Point and
/// MultiPoint): each point is a ring of one vertex, so its centroid is the point itself (the
/// mean of a MultiPoint's points) and distance-based neighbours work as for polygons, while
/// contiguity, which needs shared boundaries, refuses them.
public struct PolygonLayer: Sendable {
    /// Every vertex's x (longitude), all rings of all features in order.
    public var x: [Double] = []
    /// Every vertex's y (latitude).
    public var y: [Double] = []
    /// Ring r's vertices are `ringStart[r]..<ringStart[r + 1]`.
    public var ringStart: [Int] = [0]
    /// Whether ring r is a hole.
    public var ringIsHole: [Bool] = []
    /// Feature f's rings are `featureRingStart[f]..<featureRingStart[f + 1]`.
    public var featureRingStart: [Int] = [0]
    /// Property name → per-feature text (numbers as written in the file; null as empty).
    public var properties: [String: [String]] = [:]
    /// Property names in the order first seen.
    public var propertyOrder: [String] = []
    /// The file the layer came from (for messages; empty in memory).
    public var fileName = ""
    /// Whether the file declares longitude/latitude coordinates (a "crs" naming CRS84 or EPSG 4326).
    public var declaresLonLat = false
    /// The line of the file on which each feature starts (for messages; empty for layers built
    /// in memory).
    public var featureLine: [Int] = []

    /// The number of features (areas).
    public var featureCount: Int { featureRingStart.count - 1 }

    /// An empty layer.
    public init() {}

    /// A layer from memory: one feature per element of `features` (one polygon, or several for
    /// a MultiPolygon), with optional per-feature `properties` (each array as long as
    /// `features`) and whether the coordinates are longitude/latitude.
    public init(features: [[Polygon]], properties: [String: [String]] = [:], lonLat: Bool = false) {
        for polygons in features { append(feature: polygons) }
        for (name, values) in properties.sorted(by: { $0.key < $1.key }) {
            precondition(values.count == features.count, "property '\(name)' has \(values.count) values for \(features.count) features")
            self.properties[name] = values
            propertyOrder.append(name)
        }
        declaresLonLat = lonLat
    }

    /// Adds one feature (its properties are empty until set).
    public mutating func append(feature polygons: [Polygon]) {
        func ring(_ points: [Point], hole: Bool) {
            guard !points.isEmpty else { return }
            for p in points { x.append(p.x); y.append(p.y) }
            if points.first != points.last { x.append(points[0].x); y.append(points[0].y) }
            ringStart.append(x.count)
            ringIsHole.append(hole)
        }
        for p in polygons {
            ring(p.exterior, hole: false)
            for h in p.holes { ring(h, hole: true) }
        }
        featureRingStart.append(ringStart.count - 1)
        for name in propertyOrder where properties[name]!.count < featureCount { properties[name]!.append("") }
    }

    /// Adds one point feature (one point, or several for a MultiPoint; its properties are empty
    /// until set).
    public mutating func append(points: [Point]) {
        for p in points {
            x.append(p.x); y.append(p.y)
            ringStart.append(x.count)
            ringIsHole.append(false)
        }
        featureRingStart.append(ringStart.count - 1)
        for name in propertyOrder where properties[name]!.count < featureCount { properties[name]!.append("") }
    }

    /// Whether feature f is a point (or MultiPoint): every ring a single vertex.
    public func isPoint(_ f: Int) -> Bool {
        let rings = featureRingStart[f]..<featureRingStart[f + 1]
        return !rings.isEmpty && rings.allSatisfy { ringStart[$0 + 1] - ringStart[$0] == 1 }
    }

    /// The first point feature, if the layer has any.
    public var firstPoint: Int? {
        (0..<featureCount).first { isPoint($0) }
    }

    /// Where feature f is, for messages: its line in the file (line 1 for in-memory layers).
    public func location(ofFeature f: Int) -> SourceLocation {
        SourceLocation(file: fileName, line: f < featureLine.count ? featureLine[f] : 1, column: 1)
    }

    /// A property column, or an error naming the properties the file has.
    public func property(_ name: String) throws -> [String] {
        if let p = properties[name] { return p }
        throw EquityError.unknownColumn(name: name, file: fileName, available: propertyOrder)
    }

    /// Vertex range of feature f.
    public func vertexRange(_ f: Int) -> Range<Int> {
        ringStart[featureRingStart[f]]..<ringStart[featureRingStart[f + 1]]
    }

    /// Area-weighted centroid of feature f (planar, on the file's coordinates; holes subtract).
    ///
    /// Computed about a local origin (the feature's first vertex): on raw longitudes/latitudes the
    /// shoelace products xᵢyᵢ₊₁ are ~3,000 while a small area's doubled area is ~1e-7, so summing
    /// them directly loses up to 6e-7° — enough to flip near-ties between nearest neighbours.
    public func centroid(_ f: Int) -> (x: Double, y: Double) {
        let range = vertexRange(f)
        guard let first = range.first else { return (.nan, .nan) }
        let ox = x[first], oy = y[first]
        var a = 0.0, cx = 0.0, cy = 0.0
        for r in featureRingStart[f]..<featureRingStart[f + 1] {
            let s = ringStart[r], e = ringStart[r + 1]
            guard e - s >= 3 else { continue }
            for i in s..<(e - 1) {
                let x0 = x[i] - ox, y0 = y[i] - oy, x1 = x[i + 1] - ox, y1 = y[i + 1] - oy
                let cross = x0 * y1 - x1 * y0
                a += cross
                cx += (x0 + x1) * cross
                cy += (y0 + y1) * cross
            }
        }
        if a == 0 {
            let n = Double(range.count)
            return (ox + range.reduce(0) { $0 + (x[$1] - ox) } / n, oy + range.reduce(0) { $0 + (y[$1] - oy) } / n)
        }
        return (ox + cx / (3 * a), oy + cy / (3 * a))
    }
}
