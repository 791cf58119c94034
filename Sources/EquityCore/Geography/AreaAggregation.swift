/// Sums of small-area columns (counts, populations, age bands) over larger areas through a
/// lookup: small area → ward, MSOA, local authority, or LSOA 2011 → 2021 (ONS lookups).
///
/// A small area linked to one larger area goes to it whole (unchanged areas; merges sum several
/// small areas into one). A small area linked to several (a split, or an ONS "X" complex change)
/// is divided by the links' weights when `apportion` is set (e.g. the share of its population
/// in each part); without weights its parts cannot be known, so each larger area receiving
/// part of it is flagged incomplete and its sums are left missing rather than guessed.
public enum AreaAggregation {
    /// One link of a lookup.
    public struct Link: Sendable, Equatable {
        /// The small area (index into the columns' rows).
        public var source: Int
        /// The larger area (0-based).
        public var target: Int
        /// The share weight of this part (used with `apportion`).
        public var weight: Double

        /// A link.
        public init(source: Int, target: Int, weight: Double = 1) {
            self.source = source
            self.target = target
            self.weight = weight
        }
    }

    /// Sums per larger area.
    public struct Result: Sendable, Equatable {
        /// `sums[c][t]`: column c summed over larger area t (NaN when t is incomplete).
        public var sums: [[Double]]
        /// Number of small areas contributing (wholly or in part) to each larger area.
        public var areas: [Int]
        /// Small areas split between several larger areas without weights, per larger area.
        public var unapportioned: [[Int]]
        /// Small areas divided by weight into each larger area.
        public var apportioned: [[Int]]
    }

    /// Sums `columns` (each one value per small area) over `targetCount` larger areas. Every
    /// small area needs at least one link (throws otherwise, naming the first without one);
    /// a split's weights must be finite, zero or more, and not all zero.
    public static func aggregate(columns: [[Double]], links: [Link], targetCount: Int, apportion: Bool) throws -> Result {
        let n = columns.first?.count ?? 0
        for c in columns { precondition(c.count == n, "columns of equal length") }
        var bySource = [[Int]](repeating: [], count: n)
        for (k, l) in links.enumerated() {
            guard l.source >= 0 && l.source < n, l.target >= 0 && l.target < targetCount else {
                throw EquityError.invalidArgument("link \(k + 1) refers to area \(l.source + 1) → \(l.target + 1), outside the areas given")
            }
            bySource[l.source].append(k)
        }
        var sums = [[Double]](repeating: [Double](repeating: 0, count: targetCount), count: columns.count)
        var areas = [Int](repeating: 0, count: targetCount)
        var unapportioned = [[Int]](repeating: [], count: targetCount), apportioned = unapportioned
        for s in 0..<n {
            let ks = bySource[s]
            guard !ks.isEmpty else { throw EquityError.invalidArgument("area \(s + 1) has no link in the lookup") }
            if ks.count == 1 {
                let t = links[ks[0]].target
                areas[t] += 1
                for c in 0..<columns.count { sums[c][t] += columns[c][s] }
                continue
            }
            var total = 0.0
            for k in ks {
                let w = links[k].weight
                guard w.isFinite, w >= 0 else { throw EquityError.invalidArgument("area \(s + 1): a split's weight must be a number, zero or more") }
                total += w
            }
            for k in ks {
                let t = links[k].target
                areas[t] += 1
                if apportion {
                    guard total > 0 else { throw EquityError.invalidArgument("area \(s + 1): the weights of its parts sum to zero") }
                    let share = links[k].weight / total
                    apportioned[t].append(s)
                    for c in 0..<columns.count { sums[c][t] += columns[c][s] * share }
                } else {
                    unapportioned[t].append(s)
                }
            }
        }
        for t in 0..<targetCount where !unapportioned[t].isEmpty {
            for c in 0..<columns.count { sums[c][t] = .nan }
        }
        return Result(sums: sums, areas: areas, unapportioned: unapportioned, apportioned: apportioned)
    }
}
