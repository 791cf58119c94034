/// Population-weighted deprivation quantiles (deciles, quintiles …) of small areas.
///
/// Areas are ordered from most to least deprived and cut into `count` groups holding (as nearly
/// as their sizes allow) equal shares of the total weight, usually population: quantile 1 is the
/// most deprived. This is how PHE/OHID build "population-weighted deprivation deciles" of LSOAs
/// nationally or within a local authority (Fingertips' inequality breakdowns; PHE, *Technical
/// guide: inequality indicators*, 2017). With every weight 1 and `.cumulative`, it reproduces the
/// published IoD2019 deciles of the 32,844 LSOAs (decile = ⌈10·rank/N⌉), which the tests check.
///
/// Rules for an area whose cumulative weight straddles a cut:
/// - `.cumulative`: quantile ⌈count·Pᵢ/T⌉, Pᵢ the cumulative weight up to and including area i;
/// - `.midpoint`: quantile ⌊count·(Pᵢ − wᵢ/2)/T⌋ + 1, the quantile that holds the area's midpoint.
///
/// Areas with equal deprivation are one block: they share a quantile, placed by the block's
/// cumulative weight (or its midpoint), whatever their order in the input.
public struct DeprivationQuantiles: Sendable, Equatable {
    /// Which end of the deprivation measure is most deprived.
    public enum Direction: String, Sendable, CaseIterable {
        /// Scores (IMD score, income score): higher is more deprived.
        case higherIsMoreDeprived
        /// Ranks (IMD rank): rank 1 is the most deprived.
        case lowerIsMoreDeprived
    }

    /// How an area straddling a cut is placed.
    public enum Rule: String, Sendable, CaseIterable {
        /// By the cumulative weight including the area (⌈count·P/T⌉).
        case cumulative
        /// By the cumulative weight at the area's midpoint.
        case midpoint
    }

    /// Number of quantiles (2–100).
    public var count: Int
    /// Which end is most deprived.
    public var direction: Direction
    /// Placement of straddling areas.
    public var rule: Rule

    /// Quantiles of `count` groups; throws for fewer than 2 or more than 100.
    public init(count: Int = 10, direction: Direction = .higherIsMoreDeprived, rule: Rule = .cumulative) throws {
        guard (2...100).contains(count) else { throw EquityError.invalidArgument("the number of quantiles must be from 2 to 100 (got \(count))") }
        self.count = count
        self.direction = direction
        self.rule = rule
    }

    /// The quantile (1 = most deprived) of each area. `weights` nil weighs every area 1.
    /// Throws when a deprivation value or a weight is not finite, or a weight is negative, or the
    /// total weight is zero.
    public func assign(deprivation: [Double], weights: [Double]? = nil) throws(IndexedRowIssue) -> [Int] {
        try assign(deprivation: deprivation, weights: weights, rows: Array(0..<deprivation.count))
    }

    /// Quantiles assigned separately within each group (e.g. LSOAs within each local authority):
    /// `group[i]` is area i's group number (0-based, any order).
    public func assign(deprivation: [Double], weights: [Double]? = nil, within group: [Int]) throws(IndexedRowIssue) -> [Int] {
        precondition(group.count == deprivation.count, "one group per area")
        var members: [Int: [Int]] = [:]
        for (i, g) in group.enumerated() { members[g, default: []].append(i) }
        var out = [Int](repeating: 0, count: deprivation.count)
        for g in members.keys.sorted() {
            let rows = members[g]!
            let q = try assign(deprivation: deprivation, weights: weights, rows: rows)
            for (k, r) in rows.enumerated() { out[r] = q[k] }
        }
        return out
    }

    /// Quantiles of the areas `rows` (result in the order of `rows`).
    func assign(deprivation: [Double], weights: [Double]?, rows: [Int]) throws(IndexedRowIssue) -> [Int] {
        if let weights { precondition(weights.count == deprivation.count, "one weight per area") }
        var total = 0.0
        for r in rows {
            guard deprivation[r].isFinite else { throw IndexedRowIssue(index: r, issue: RowIssue(input: 0, reason: "deprivation is not a finite number")) }
            let w = weights?[r] ?? 1
            guard w.isFinite, w >= 0 else { throw IndexedRowIssue(index: r, issue: RowIssue(input: 1, reason: "weight must be zero or more")) }
            total += w
        }
        guard total > 0 else {
            throw IndexedRowIssue(index: rows.first ?? 0, issue: RowIssue(input: 1, reason: "the areas' total weight is zero: no quantiles"))
        }
        // Most deprived first; ties kept together (index order within a tie is irrelevant).
        let higher = direction == .higherIsMoreDeprived
        let order = (0..<rows.count).sorted { a, b in
            let x = deprivation[rows[a]], y = deprivation[rows[b]]
            if x != y { return higher ? x > y : x < y }
            return a < b
        }
        var out = [Int](repeating: 0, count: rows.count)
        let n = Double(count)
        var cumulative = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            let v = deprivation[rows[order[start]]]
            while end < order.count && deprivation[rows[order[end]]] == v { end += 1 }
            var block = 0.0
            for k in start..<end { block += weights?[rows[order[k]]] ?? 1 }
            let position: Double
            switch rule {
            case .cumulative:
                // ⌈n·P/T⌉ with a relative tolerance, so that exact cuts (P/T = k/n) stay in k.
                position = n * (cumulative + block) / total - 1e-9
            case .midpoint:
                position = n * (cumulative + block / 2) / total
            }
            var q = rule == .cumulative ? Int(position.rounded(.up)) : Int(position.rounded(.down)) + 1
            q = Swift.min(Swift.max(q, 1), count)
            for k in start..<end { out[order[k]] = q }
            cumulative += block
            start = end
        }
        return out
    }
}
