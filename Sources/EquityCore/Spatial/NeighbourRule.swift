/// How neighbours are found from polygons: contiguity, or distances between centroids.
public enum NeighbourRule: Sendable, Equatable {
    /// Queen or rook contiguity, vertices within `snap` counting as shared (exact by default).
    case contiguity(Contiguity, snap: Double? = nil)
    /// The k nearest centroids (asymmetric).
    case nearest(k: Int)
    /// Every centroid within this distance (km for longitude/latitude; symmetric).
    case distanceBand(Double)

    /// Words for summaries: "queen", "6-nearest-neighbour", "distance-band (2.5)".
    public var name: String {
        switch self {
        case let .contiguity(rule, _): return rule.rawValue
        case let .nearest(k): return "\(k)-nearest-neighbour"
        case let .distanceBand(d): return "distance-band (\(NumberFormatting.string(d)))"
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
            self.init(ids: ids, indexPairs: contiguity.indexPairs(layer, snap: snap))
        case let .nearest(k):
            self = try DistanceWeights.knn(PointSet(centroidsOf: layer, geographic: geographic), ids: ids, k: k)
        case let .distanceBand(d):
            self = try DistanceWeights.band(PointSet(centroidsOf: layer, geographic: geographic), ids: ids, distance: d)
        }
    }
}
