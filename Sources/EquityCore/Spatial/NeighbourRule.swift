/// How neighbours are found from polygons: contiguity, or distances between centroids.
public enum NeighbourRule: Sendable, Equatable {
    /// Queen or rook contiguity, vertices within `snap` counting as shared (exact by default).
    case contiguity(Contiguity, snap: Double? = nil)
    /// The k nearest centroids (asymmetric).
    case nearest(k: Int)
    /// Every centroid within this distance (km for longitude/latitude; symmetric).
    case distanceBand(Double)
    /// Centroids within the threshold, weighted by distance^alpha (libpysal `DistanceBand`, binary=False).
    case inverseDistance(threshold: Double, alpha: Double)
    /// Kernel weights (libpysal `Kernel`): function, k nearest for the bandwidth, fixed or adaptive, or a given bandwidth.
    case kernel(DistanceWeights.Kernel, k: Int, fixed: Bool, bandwidth: Double?)

    /// Words for summaries: "queen", "6-nearest-neighbour", "distance-band (2.5)".
    public var name: String {
        switch self {
        case let .contiguity(rule, _): return rule.rawValue
        case let .nearest(k): return "\(k)-nearest-neighbour"
        case let .distanceBand(d): return "distance-band (\(NumberFormatting.string(d)))"
        case let .inverseDistance(d, a): return "inverse-distance (\(NumberFormatting.string(d)), alpha \(NumberFormatting.string(a)))"
        case let .kernel(f, k, fixed, b): return "\(fixed || b != nil ? "fixed" : "adaptive") \(f.rawValue) kernel (\(b.map { "bandwidth \(NumberFormatting.string($0))" } ?? "k = \(k)"))"
        }
    }
}

/// Which distance centroid neighbours use.
public enum DistanceMetric: String, Sendable, CaseIterable {
    /// Great-circle when the layer declares longitude/latitude, Euclidean otherwise.
    case auto
    /// Great-circle kilometres on longitude/latitude.
    case greatCircle = "great-circle"
    /// Euclidean distance in the coordinates' units.
    case euclidean
}

extension SpatialWeights {
    /// Binary weights between the features of `layer` (named by `ids`) under `rule`.
    public init(layer: PolygonLayer, ids: [String], rule: NeighbourRule, metric: DistanceMetric = .auto) throws {
        guard ids.count == layer.featureCount else {
            throw EquityError.invalidArgument("\(ids.count) ids for \(layer.featureCount) features")
        }
        let geographic: Bool? = metric == .auto ? nil : metric == .greatCircle
        switch rule {
        case let .contiguity(contiguity, snap):
            if let f = layer.firstPoint {
                throw EquityError.invalidValue(layer.location(ofFeature: f),
                    reason: "feature \(f + 1) (\(MessageText.quoted(ids[f]))) is a point: contiguity needs polygons; for points use k nearest neighbours, a distance band or kernel weights")
            }
            self.init(ids: ids, indexPairs: contiguity.indexPairs(layer, snap: snap))
        case let .nearest(k):
            self = try DistanceWeights.knn(PointSet(centroidsOf: layer, geographic: geographic), ids: ids, k: k)
        case let .distanceBand(d):
            self = try DistanceWeights.band(PointSet(centroidsOf: layer, geographic: geographic), ids: ids, distance: d)
        case let .inverseDistance(d, alpha):
            self = try DistanceWeights.inverseDistance(PointSet(centroidsOf: layer, geographic: geographic), ids: ids, threshold: d, alpha: alpha)
        case let .kernel(f, k, fixed, b):
            self = try DistanceWeights.kernel(PointSet(centroidsOf: layer, geographic: geographic), ids: ids, function: f, k: k, fixed: fixed,
                                              bandwidth: b).weights
        }
    }
}
