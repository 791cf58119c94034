/// Choropleth classes as mapclassify (PySAL) names and computes them: each scheme gives upper
/// bounds `bins` (ascending, the last the maximum or above), and a value goes to the first class
/// whose bound it does not exceed (mapclassify `bin1d`: class i holds bins[i−1] < y ≤ bins[i]).
///
/// - `quantiles(k)`: bins at the 100/k, 200/k … 100th percentiles by linear interpolation
///   (`scipy.stats.scoreatpercentile`), repeated bins dropped (mapclassify `Quantiles`);
/// - `equalInterval(k)`: min + width·i, the last the maximum (`EqualInterval`);
/// - `fisherJenks(k)`: the classes minimising the within-class sum of squared deviations
///   (Fisher 1958; Jenks' natural breaks — mapclassify `FisherJenks`), solved exactly by dynamic
///   programming on the distinct values with their multiplicities; above 5,000 distinct values
///   on 5,000 evenly spaced order statistics (as `FisherJenksSampled`, but deterministic);
/// - `boxPlot(hinge)`: lower fence, quartiles, upper fence and maximum (`BoxPlot`, hinge 1.5);
/// - `percentiles(p)`: the given percentiles, default 1, 10, 50, 90, 99, 100 (`Percentiles`);
/// - `userDefined(bins)`: the given bounds, the maximum added above the last (`UserDefined`).
public enum MapClassification: Sendable, Equatable {
    /// k quantile classes.
    case quantiles(Int)
    /// k classes of equal width.
    case equalInterval(Int)
    /// k natural-break classes (Fisher–Jenks).
    case fisherJenks(Int)
    /// Box-plot classes with this hinge (1.5 or 3.0).
    case boxPlot(hinge: Double)
    /// Classes at these percentiles (0–100, ascending).
    case percentiles([Double])
    /// Classes with these upper bounds.
    case userDefined([Double])

    /// The upper bounds of the classes for the finite values of `values` (NaN ignored).
    /// Throws when no value is finite, k < 1, or bounds are not ascending.
    public func bins(_ values: [Double]) throws -> [Double] {
        let y = values.filter { $0.isFinite }.sorted()
        guard let lo = y.first, let hi = y.last else { throw EquityError.unusableData("no values to classify") }
        switch self {
        case let .quantiles(k):
            guard k >= 1 else { throw EquityError.invalidArgument("the number of classes must be at least 1") }
            let w = 100.0 / Double(k)
            var bins: [Double] = []
            for i in 1...k {
                let q = Self.percentile(y, min(w * Double(i), 100))
                if bins.last != q { bins.append(q) }
            }
            return Array(Set(bins)).sorted()
        case let .equalInterval(k):
            guard k >= 1 else { throw EquityError.invalidArgument("the number of classes must be at least 1") }
            let width = (hi - lo) / Double(k)
            var bins = (0..<k).map { lo + width + Double($0) * width }
            bins[k - 1] = hi
            return bins
        case let .fisherJenks(k):
            guard k >= 1 else { throw EquityError.invalidArgument("the number of classes must be at least 1") }
            return Self.fisherJenks(y, k)
        case let .boxPlot(hinge):
            guard hinge > 0, hinge.isFinite else { throw EquityError.invalidArgument("the hinge must be a positive number") }
            var bins = [25.0, 50, 75, 100].map { Self.percentile(y, $0) }
            let iqr = bins[2] - bins[0]
            let left = bins[0] - hinge * iqr, right = bins[2] + hinge * iqr
            if right < bins[3] { bins.insert(right, at: 3) } else { bins[3] = right }
            bins.insert(left, at: 0)
            return bins
        case let .percentiles(p):
            guard !p.isEmpty, p.allSatisfy({ $0 >= 0 && $0 <= 100 }), zip(p, p.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw EquityError.invalidArgument("percentiles must be ascending numbers from 0 to 100")
            }
            return p.map { Self.percentile(y, $0) }
        case let .userDefined(b):
            guard !b.isEmpty, b.allSatisfy({ $0.isFinite }), zip(b, b.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw EquityError.invalidArgument("breaks must be ascending numbers")
            }
            return b.last! < hi ? b + [hi] : b
        }
    }

    /// The class (0-based) of each value given `bins`; nil for NaN.
    public static func classify(_ values: [Double], bins: [Double]) -> [Int?] {
        values.map { v in
            guard v.isFinite else { return nil }
            var lo = 0, hi = bins.count
            while lo < hi { let mid = (lo + hi) / 2; if v <= bins[mid] { hi = mid } else { lo = mid + 1 } }
            return min(lo, bins.count - 1)
        }
    }

    /// The p-th percentile of ascending `y` by linear interpolation (scipy `scoreatpercentile`).
    public static func percentile(_ y: [Double], _ p: Double) -> Double {
        let h = p / 100 * Double(y.count - 1)
        let i = Int(h.rounded(.down))
        if i + 1 >= y.count { return y[y.count - 1] }
        return y[i] + (h - Double(i)) * (y[i + 1] - y[i])
    }

    /// Fisher's exact optimal partition of ascending `y` into at most k classes; upper bounds.
    static func fisherJenks(_ sortedValues: [Double], _ k: Int) -> [Double] {
        // Distinct values with multiplicities (or evenly spaced order statistics beyond 5,000).
        var v: [Double] = [], w: [Double] = []
        for x in sortedValues { if v.last == x { w[w.count - 1] += 1 } else { v.append(x); w.append(1) } }
        if v.count > 5000 {
            let n = sortedValues.count
            v = []; w = []
            for i in 0..<5000 {
                let x = sortedValues[i * (n - 1) / 4999]
                if v.last == x { w[w.count - 1] += 1 } else { v.append(x); w.append(1) }
            }
        }
        let n = v.count
        let classes = min(k, n)
        // Prefix sums for the weighted within-class sum of squares of v[a...b].
        var sw = [Double](repeating: 0, count: n + 1), sx = sw, sxx = sw
        for i in 0..<n {
            sw[i + 1] = sw[i] + w[i]
            sx[i + 1] = sx[i] + w[i] * v[i]
            sxx[i + 1] = sxx[i] + w[i] * v[i] * v[i]
        }
        func ssd(_ a: Int, _ b: Int) -> Double {  // inclusive a...b
            let ww = sw[b + 1] - sw[a], s = sx[b + 1] - sx[a]
            return max(0, (sxx[b + 1] - sxx[a]) - s * s / ww)
        }
        // cost[c][j]: best cost of v[0...j] in c+1 classes; start[c][j]: first index of the last class.
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: classes)
        var start = [[Int]](repeating: [Int](repeating: 0, count: n), count: classes)
        for j in 0..<n { cost[0][j] = ssd(0, j) }
        if classes > 1 {
            for c in 1..<classes {
                for j in c..<n {
                    var best = Double.infinity, at = c
                    for i in c...j {
                        let x = cost[c - 1][i - 1] + ssd(i, j)
                        if x < best { best = x; at = i }
                    }
                    cost[c][j] = best
                    start[c][j] = at
                }
            }
        }
        var bounds = [Double](repeating: 0, count: classes)
        var j = n - 1
        for c in stride(from: classes - 1, through: 0, by: -1) {
            bounds[c] = v[j]
            if c > 0 { j = start[c][j] - 1 }
        }
        return bounds
    }
}
