/// Higher-order contiguity (spdep `nblag`, `nblag_cumul`; libpysal `higher_order`): area j is an
/// order-k neighbour of i when the shortest path between them in the contiguity graph has k
/// steps; cumulative weights join orders 1…k. Binary weights, symmetric when the input is.
extension SpatialWeights {
    /// Neighbours at exactly `order` steps (or 1…`order` steps with `cumulative`), binary.
    public func higherOrder(_ order: Int, cumulative: Bool = false) throws -> SpatialWeights {
        guard order >= 1 else { throw EquityError.invalidArgument("the contiguity order must be at least 1") }
        let n = count
        var offsets = [0], neighbours: [Int32] = []
        var depth = [Int](repeating: -1, count: n)
        var frontier: [Int] = [], next: [Int] = [], touched: [Int] = []
        for i in 0..<n {
            depth[i] = 0
            touched = [i]
            frontier = [i]
            var found: [Int32] = []
            for d in 1...order {
                next.removeAll(keepingCapacity: true)
                for u in frontier {
                    for k in self.offsets[u]..<self.offsets[u + 1] {
                        let v = Int(self.neighbours[k])
                        if depth[v] < 0 {
                            depth[v] = d
                            touched.append(v)
                            next.append(v)
                            if cumulative || d == order { found.append(Int32(v)) }
                        }
                    }
                }
                swap(&frontier, &next)
                if frontier.isEmpty { break }
            }
            for v in touched { depth[v] = -1 }
            found.sort()
            neighbours += found
            offsets.append(neighbours.count)
        }
        return SpatialWeights(ids: ids, offsets: offsets, neighbours: neighbours, original: [Double](repeating: 1, count: neighbours.count))
    }
}

/// A spatial correlogram: Moran's I of one variable at contiguity orders 1…K (spdep
/// `sp.correlogram(method = "I", style = "W")`), each with its moments under randomisation.
public enum MoranCorrelogram {
    /// One order's result.
    public struct Lag: Sendable {
        /// The contiguity order.
        public var order: Int
        /// Moran's I with row-standardised order-k weights and its inference.
        public var moran: GlobalStatistic
        /// Areas with no neighbour at this order (kept in n, lag 0).
        public var islands: Int
    }

    /// Moran's I at orders 1…`orders` of `contiguity` (cumulative orders with `cumulative`).
    public static func compute(_ y: [Double], contiguity: SpatialWeights, orders: Int, cumulative: Bool = false) throws -> [Lag] {
        guard orders >= 1 && orders <= 50 else { throw EquityError.invalidArgument("the number of orders must be from 1 to 50") }
        return try (1...orders).map { k in
            let w = try contiguity.higherOrder(k, cumulative: cumulative)
            let islands = w.islands.count
            guard islands < w.count else { throw EquityError.unusableData("no pairs of areas are \(k) steps apart") }
            return Lag(order: k, moran: try Moran.global(y, weights: w.transformed(.R)), islands: islands)
        }
    }
}
