/// Lower and upper order statistics (0-based ranks kl ≤ ku): the upper one is searched only
/// above the lower one's position.
extension OrderStatistics {
    /// The kl-th and ku-th smallest values (0-based, kl ≤ ku), searching above kl for ku.
    public static func selectPair(_ values: UnsafeMutableBufferPointer<Double>, _ kl: Int, _ ku: Int) -> (Double, Double) {
        let lower = select(values, kl)
        let upper = ku == kl ? lower : select(values, ku, from: kl + 1)
        return (lower, upper)
    }
}

/// k-th smallest values without a full sort (Hoare's selection with median-of-three pivots),
/// in place — the Monte Carlo confidence limits need two order statistics of 100,000 draws.
public enum OrderStatistics {
    /// Rearranges `values` so that `values[k]` is the k-th smallest (0-based) and returns it.
    public static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        select(values, k, from: 0)
    }

    /// As `select(_:_:)`, searching only `values[from...]` (everything before `from` is known to be
    /// no larger — e.g. after selecting a lower order statistic).
    public static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int, from: Int) -> Double {
        precondition(k >= from && k < values.count)
        var lo = from, hi = values.count - 1
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            // Median of three as pivot.
            if values[mid] < values[lo] { values.swapAt(mid, lo) }
            if values[hi] < values[lo] { values.swapAt(hi, lo) }
            if values[hi] < values[mid] { values.swapAt(hi, mid) }
            let pivot = values[mid]
            var i = lo, j = hi
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return values[k] }
        }
        return values[k]
    }

    /// The 1-based positions PHE reads from sorted simulations for a two-sided level c:
    /// round(n(1 − cv)) and round(n·cv) with cv = c + (1 − c)/2, R's round-half-even.
    public static func phePositions(count n: Int, confidence c: Double) -> (lower: Int, upper: Int) {
        let cv = c + (1 - c) / 2
        let lower = (Double(n) * (1 - cv)).rounded(.toNearestOrEven)
        let upper = (Double(n) * cv).rounded(.toNearestOrEven)
        return (max(1, Int(lower)), min(n, max(1, Int(upper))))
    }
}
