#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local neighbour match test (Anselin & Li 2020, *Tobler's law in a multivariate world*;
/// GeoDa, pygeoda `neighbor_match_test`): for each area, how many of its k nearest neighbours in
/// geographic space (centroids) are also among its k nearest in attribute space (the variables
/// standardised, Euclidean distance), and the probability of exactly that many by chance,
/// C(k, v)·C(n − 1 − k, k − v)/C(n − 1, k) (NaN for v = 0, as GeoDa).
///
/// Attribute neighbours are found by exhaustive search, O(n²·m): a few seconds at 30,000 areas.
public enum NeighbourMatch {
    /// One area's result.
    public struct Result: Sendable, Equatable {
        /// Common neighbours v.
        public var cardinality: [Int]
        /// The probability of exactly v common neighbours.
        public var probability: [Double]
    }

    /// The test with k neighbours; `geographic` gives the geographic kNN (binary weights, e.g.
    /// `DistanceWeights.knn`).
    public static func compute(_ variables: [[Double]], geographic: SpatialWeights, k: Int) throws -> Result {
        guard let first = variables.first else { throw EquityError.invalidArgument("give at least one variable") }
        let n = first.count
        guard k >= 1, k < n else { throw EquityError.invalidArgument("k must be from 1 to n − 1") }
        guard geographic.count == n else { throw EquityError.invalidArgument("the weights have \(geographic.count) areas, the data \(n)") }
        let z: [[Double]] = variables.map { v in
            guard v.count == n, v.allSatisfy({ $0.isFinite }) else { return [] }
            let m = v.reduce(0, +) / Double(n)
            let sd = (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
            return v.map { sd > 0 ? ($0 - m) / sd : 0 }
        }
        guard z.allSatisfy({ $0.count == n }) else { throw EquityError.invalidArgument("every variable needs n finite values") }
        // log C(a, b) by lgamma.
        func logChoose(_ a: Int, _ b: Int) -> Double {
            guard b >= 0, b <= a else { return -.infinity }
            let x: Double = lgamma(Double(a + 1)), y: Double = lgamma(Double(b + 1)), w: Double = lgamma(Double(a - b + 1))
            return x - y - w
        }
        var out = Result(cardinality: [], probability: [])
        var d = [(Double, Int)](repeating: (0, 0), count: n - 1)
        for i in 0..<n {
            var c = 0
            for j in 0..<n where j != i {
                var s = 0.0
                for v in 0..<z.count { let t = z[v][i] - z[v][j]; s += t * t }
                d[c] = (s, j); c += 1
            }
            d.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            let attribute = Set(d.prefix(k).map(\.1))
            var common = 0
            for q in geographic.offsets[i]..<geographic.offsets[i + 1] where attribute.contains(Int(geographic.neighbours[q])) { common += 1 }
            out.cardinality.append(common)
            out.probability.append(common == 0 ? .nan : exp(logChoose(k, common) + logChoose(n - 1 - k, k - common) - logChoose(n - 1, k)))
        }
        return out
    }
}
