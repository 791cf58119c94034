#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distance-based neighbours on points (polygon centroids): k nearest neighbours and distance
/// bands, through a k-d tree.
///
/// Distances: for longitude/latitude coordinates, great-circle distance in kilometres (haversine
/// on a sphere of radius 6,371.0088 km), found through 3-D chord distances (monotone in the
/// great-circle distance); otherwise Euclidean distance in the coordinates' units. k-nearest
/// neighbours are asymmetric (row i lists its k nearest; ties broken by index); distance bands are
/// symmetric and binary.
public struct PointSet: Sendable {
    /// x (longitude) of each point.
    public let x: [Double]
    /// y (latitude).
    public let y: [Double]
    /// Whether distances are great-circle (lon/lat) rather than Euclidean.
    public let geographic: Bool
    /// The mean Earth radius (IUGG) for great-circle kilometres.
    public static let earthRadiusKm = 6371.0088

    /// Points, with `geographic` deciding lon/lat great-circle distances.
    public init(x: [Double], y: [Double], geographic: Bool) {
        self.x = x
        self.y = y
        self.geographic = geographic
    }

    /// Centroids of a polygon layer; great-circle distances when the file declares lon/lat
    /// (CRS84 / EPSG:4326) or `geographic` says so.
    public init(centroidsOf layer: PolygonLayer, geographic: Bool? = nil) {
        var xs: [Double] = [], ys: [Double] = []
        for f in 0..<layer.featureCount { let c = layer.centroid(f); xs.append(c.x); ys.append(c.y) }
        self.init(x: xs, y: ys, geographic: geographic ?? layer.declaresLonLat)
    }

    /// The number of points.
    public var count: Int { x.count }
    /// The unit of distances, in words.
    public var distanceUnit: String { geographic ? "km (great circle)" : "coordinate units (Euclidean)" }

    /// Coordinates in the search space: unit vectors for geographic points, (x, y, 0) otherwise.
    func embedded() -> [(Double, Double, Double)] {
        (0..<count).map { i in
            if !geographic { return (x[i], y[i], 0) }
            let lon = x[i] * Double.pi / 180, lat = y[i] * Double.pi / 180
            return (cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
        }
    }

    /// The distance between points i and j in the stated unit.
    public func distance(_ i: Int, _ j: Int) -> Double {
        if !geographic { return ((x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j])).squareRoot() }
        let p1 = y[i] * Double.pi / 180, p2 = y[j] * Double.pi / 180
        let dp = p2 - p1, dl = (x[j] - x[i]) * Double.pi / 180
        let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * PointSet.earthRadiusKm * asin(min(1, h.squareRoot()))
    }

    /// Search-space (squared) distance equivalent to a distance in the stated unit.
    func searchRadiusSquared(_ d: Double) -> Double {
        if !geographic { return d * d }
        let chord = 2 * sin(min(d / PointSet.earthRadiusKm, Double.pi) / 2)
        return chord * chord
    }
}

/// A k-d tree over 3-D points (static, built once).
struct KDTree {
    let points: [(Double, Double, Double)]
    var index: [Int]
    var split: [Int8]

    init(_ points: [(Double, Double, Double)]) {
        self.points = points
        index = Array(points.indices)
        split = [Int8](repeating: 0, count: points.count)
        build(0, points.count, depth: 0)
    }

    static func coordinate(_ p: (Double, Double, Double), _ axis: Int) -> Double { axis == 0 ? p.0 : (axis == 1 ? p.1 : p.2) }

    mutating func build(_ lo: Int, _ hi: Int, depth: Int) {
        guard hi - lo > 1 else { return }
        // Split on the widest axis at the median.
        var minV = [Double.infinity, .infinity, .infinity], maxV = [-Double.infinity, -.infinity, -.infinity]
        for k in lo..<hi {
            let p = points[index[k]]
            for a in 0..<3 { let v = KDTree.coordinate(p, a); minV[a] = min(minV[a], v); maxV[a] = max(maxV[a], v) }
        }
        let axis = (0..<3).max { maxV[$0] - minV[$0] < maxV[$1] - minV[$1] }!
        let mid = (lo + hi) / 2
        let pts = points
        index[lo..<hi].sort { KDTree.coordinate(pts[$0], axis) < KDTree.coordinate(pts[$1], axis) }
        split[mid] = Int8(axis)
        build(lo, mid, depth: depth + 1)
        build(mid + 1, hi, depth: depth + 1)
    }

    @inline(__always)
    func squaredDistance(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Double {
        let dx = a.0 - b.0, dy = a.1 - b.1, dz = a.2 - b.2
        return dx * dx + dy * dy + dz * dz
    }

    /// The k nearest points to point q (excluding q), as (squared distance, index), nearest first.
    func nearest(_ q: Int, k: Int) -> [(Double, Int)] {
        var best: [(Double, Int)] = []
        func visit(_ lo: Int, _ hi: Int) {
            guard hi > lo else { return }
            let mid = (lo + hi) / 2
            let i = index[mid]
            let d = squaredDistance(points[i], points[q])
            if i != q && (best.count < k || d < best[best.count - 1].0 || (d == best[best.count - 1].0 && i < best[best.count - 1].1)) {
                var at = best.count
                while at > 0 && (best[at - 1].0 > d || (best[at - 1].0 == d && best[at - 1].1 > i)) { at -= 1 }
                best.insert((d, i), at: at)
                if best.count > k { best.removeLast() }
            }
            guard hi - lo > 1 else { return }
            let axis = Int(split[mid])
            let diff = KDTree.coordinate(points[q], axis) - KDTree.coordinate(points[i], axis)
            let (first, second) = diff < 0 ? ((lo, mid), (mid + 1, hi)) : ((mid + 1, hi), (lo, mid))
            visit(first.0, first.1)
            if best.count < k || diff * diff <= best[best.count - 1].0 { visit(second.0, second.1) }
        }
        visit(0, points.count)
        return best
    }

    /// Every point within squared radius r2 of point q (excluding q).
    func within(_ q: Int, radiusSquared r2: Double) -> [Int] {
        var out: [Int] = []
        func visit(_ lo: Int, _ hi: Int) {
            guard hi > lo else { return }
            let mid = (lo + hi) / 2
            let i = index[mid]
            if i != q && squaredDistance(points[i], points[q]) <= r2 { out.append(i) }
            guard hi - lo > 1 else { return }
            let axis = Int(split[mid])
            let diff = KDTree.coordinate(points[q], axis) - KDTree.coordinate(points[i], axis)
            if diff <= 0 || diff * diff <= r2 { visit(lo, mid) }
            if diff >= 0 || diff * diff <= r2 { visit(mid + 1, hi) }
        }
        visit(0, points.count)
        return out.sorted()
    }
}

/// Weights from distances between points: k nearest neighbours and distance bands.
public enum DistanceWeights {
    /// k-nearest-neighbour weights (binary, asymmetric).
    public static func knn(_ points: PointSet, ids: [String], k: Int) throws -> SpatialWeights {
        guard k >= 1, k < points.count else { throw EquityError.invalidArgument("--knn must be between 1 and n − 1 (\(points.count - 1))") }
        let tree = KDTree(points.embedded())
        var offsets = [0], nb: [Int32] = []
        for i in 0..<points.count {
            let found = tree.nearest(i, k: k).map { Int32($0.1) }.sorted()
            nb += found
            offsets.append(nb.count)
        }
        return SpatialWeights(ids: ids, offsets: offsets, neighbours: nb, original: [Double](repeating: 1, count: nb.count))
    }

    /// Distance-band weights: neighbours within distance d (binary, symmetric).
    public static func band(_ points: PointSet, ids: [String], distance d: Double) throws -> SpatialWeights {
        guard d > 0 else { throw EquityError.invalidArgument("--distance-band must be greater than zero") }
        let tree = KDTree(points.embedded())
        let r2 = points.searchRadiusSquared(d)
        var pairs: [(Int32, Int32)] = []
        for i in 0..<points.count {
            for j in tree.within(i, radiusSquared: r2) where j > i && points.distance(i, j) <= d {
                pairs.append((Int32(i), Int32(j)))
            }
        }
        return SpatialWeights(ids: ids, indexPairs: pairs)
    }

    /// Inverse-distance weights (libpysal `DistanceBand(threshold, binary=False, alpha=α)`):
    /// neighbours within `threshold`, weighted dᵢⱼ^α (α = −1 inverse distance, −2 gravity).
    /// Coincident points (d = 0) are an error, as their weight would be infinite.
    public static func inverseDistance(_ points: PointSet, ids: [String], threshold d: Double, alpha: Double) throws -> SpatialWeights {
        guard d > 0, d.isFinite else { throw EquityError.invalidArgument("the distance threshold must be greater than zero") }
        guard alpha.isFinite, alpha < 0 else { throw EquityError.invalidArgument("alpha must be negative (−1 for inverse distance)") }
        let tree = KDTree(points.embedded())
        let r2 = points.searchRadiusSquared(d)
        var offsets = [0], nb: [Int32] = [], w: [Double] = []
        for i in 0..<points.count {
            for j in tree.within(i, radiusSquared: r2) {
                let dist = points.distance(i, j)
                guard dist <= d else { continue }
                guard dist > 0 else { throw EquityError.invalidArgument("areas \(ids[i]) and \(ids[j]) are at the same point: no inverse distance") }
                nb.append(Int32(j))
                w.append(pow(dist, alpha))
            }
            offsets.append(nb.count)
        }
        return SpatialWeights(ids: ids, offsets: offsets, neighbours: nb, original: w)
    }

    /// Kernel functions of libpysal `Kernel`, of z = d/bandwidth (0 beyond the bandwidth).
    public enum Kernel: String, Sendable, CaseIterable {
        /// 1 − z.
        case triangular
        /// ½.
        case uniform
        /// ¾(1 − z²) (Epanechnikov).
        case quadratic
        /// (15/16)(1 − z²)² (biweight).
        case quartic
        /// (2π)^−½·e^(−z²/2), truncated at the bandwidth.
        case gaussian

        /// K(z).
        public func value(_ z: Double) -> Double {
            switch self {
            case .triangular: return 1 - z
            case .uniform: return 0.5
            case .quadratic:
                let u: Double = 1 - z * z
                return 0.75 * u
            case .quartic:
                let u: Double = 1 - z * z
                return 0.9375 * u * u
            case .gaussian:
                let c: Double = 1 / (2 * Double.pi).squareRoot()
                return c * exp(-z * z / 2)
            }
        }
    }

    /// Kernel weights (libpysal `Kernel(k=k, fixed=…, function=…)`): bandwidth hᵢ the distance
    /// to the k-th nearest other point, times 1.0000001 — its largest over all points when
    /// `fixed`, each point's own when adaptive — or `bandwidth` when given (fixed). Fixed: every
    /// point within h; adaptive: the k nearest others (asymmetric). Weights K(dᵢⱼ/hᵢ), the
    /// point itself included with weight K(0) as libpysal does. Returns the weights and the
    /// bandwidths.
    public static func kernel(_ points: PointSet, ids: [String], function: Kernel, k: Int = 2, fixed: Bool = true,
                              bandwidth given: Double? = nil) throws -> (weights: SpatialWeights, bandwidth: [Double]) {
        guard k >= 1, k < points.count else { throw EquityError.invalidArgument("k must be from 1 to n − 1") }
        let tree = KDTree(points.embedded())
        let eps = 1.0000001
        var h: [Double]
        if let given {
            guard given > 0, given.isFinite else { throw EquityError.invalidArgument("the bandwidth must be greater than zero") }
            h = [Double](repeating: given, count: points.count)
        } else {
            // Distance to the k-th nearest other point.
            let kth = (0..<points.count).map { i in points.distance(i, tree.nearest(i, k: k).last!.1) }
            h = fixed ? [Double](repeating: kth.max()! * eps, count: points.count) : kth.map { $0 * eps }
        }
        var offsets = [0], nb: [Int32] = [], w: [Double] = []
        for i in 0..<points.count {
            var row: [(Int, Double)] = [(i, function.value(0))]
            if fixed || given != nil {
                for j in tree.within(i, radiusSquared: points.searchRadiusSquared(h[i])) {
                    let d = points.distance(i, j)
                    if d <= h[i] { row.append((j, function.value(d / h[i]))) }
                }
            } else {
                // Adaptive: the point and its k nearest others, as libpysal.
                for (_, j) in tree.nearest(i, k: k) { row.append((j, function.value(points.distance(i, j) / h[i]))) }
            }
            row.sort { $0.0 < $1.0 }
            for (j, v) in row { nb.append(Int32(j)); w.append(v) }
            offsets.append(nb.count)
        }
        return (SpatialWeights(ids: ids, offsets: offsets, neighbours: nb, original: w), h)
    }

    /// Block weights (libpysal `block_weights`): areas sharing a group (e.g. the same local
    /// authority) are all neighbours of one another; binary, symmetric.
    public static func block(groups: [String], ids: [String]) throws -> SpatialWeights {
        guard groups.count == ids.count else { throw EquityError.invalidArgument("one group per area") }
        var members: [String: [Int32]] = [:]
        for (i, g) in groups.enumerated() { members[g, default: []].append(Int32(i)) }
        var offsets = [0], nb: [Int32] = []
        for (i, g) in groups.enumerated() {
            for j in members[g]! where Int(j) != i { nb.append(j) }
            offsets.append(nb.count)
        }
        return SpatialWeights(ids: ids, offsets: offsets, neighbours: nb, original: [Double](repeating: 1, count: nb.count))
    }
}
