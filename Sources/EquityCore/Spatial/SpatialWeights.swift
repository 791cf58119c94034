/// Sparse spatial weights in compressed sparse row form: row i's neighbours are
/// `neighbours[offsets[i]..<offsets[i+1]]` with `weights` alongside — contiguous arrays, no
/// dictionaries, so statistics stream over them.
///
/// Transforms (always applied to the original weights): O original, B binary, R row-standardised
/// (rows sum to 1), D doubly standardised (all weights sum to 1), V variance-stabilising (rows
/// scaled by 1/√Σⱼw²ᵢⱼ, then all scaled to sum to n; Tiefelsdorf, Griffith & Boots 1999, as
/// libpysal's "V"). Islands (no neighbours) keep empty rows.
public struct SpatialWeights: Sendable {
    /// The weights transforms of libpysal/spdep.
    public enum Transform: String, Sendable, CaseIterable {
        case O, B, R, D, V
    }

    /// The areas, one per row.
    public let ids: [String]
    /// Row i's links are `offsets[i]..<offsets[i + 1]`.
    public let offsets: [Int]
    /// Each link's neighbour (row index).
    public let neighbours: [Int32]
    /// Each link's weight under `transform`.
    public let weights: [Double]
    /// The original (untransformed) weights.
    public let original: [Double]
    /// The transform applied.
    public let transform: Transform

    /// The number of areas.
    public var count: Int { ids.count }
    /// The number of directed links.
    public var linkCount: Int { neighbours.count }

    /// Symmetric binary weights from undirected pairs of row indices (0-based, each pair once in
    /// either order; repeats are merged). Indices out of range or an area paired with itself throw.
    ///
    /// ```swift
    /// let w = try SpatialWeights(ids: ["a", "b", "c", "d"], pairs: [(0, 1), (1, 2), (2, 3)])
    /// ```
    public init(ids: [String], pairs: [(Int, Int)]) throws {
        var seen = Set<Int>()
        var checked: [(Int32, Int32)] = []
        checked.reserveCapacity(pairs.count)
        for (a, b) in pairs {
            guard a >= 0, b >= 0, a < ids.count, b < ids.count else {
                throw EquityError.invalidArgument("pair (\(a), \(b)) is outside the \(ids.count) areas")
            }
            guard a != b else { throw EquityError.invalidArgument("area '\(ids[a])' is paired with itself") }
            if seen.insert(min(a, b) * ids.count + max(a, b)).inserted { checked.append((Int32(min(a, b)), Int32(max(a, b)))) }
        }
        self.init(ids: ids, indexPairs: checked)
    }

    /// Symmetric binary weights from pairs of ids (each pair once in either order). Ids not in
    /// `ids` or an area paired with itself throw.
    public init(ids: [String], idPairs: [(String, String)]) throws {
        let index = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        guard index.count == ids.count else { throw EquityError.invalidArgument("the ids are not unique") }
        try self.init(ids: ids, pairs: idPairs.map { a, b in
            guard let i = index[a] else { throw EquityError.invalidArgument("'\(a)' is not one of the areas") }
            guard let j = index[b] else { throw EquityError.invalidArgument("'\(b)' is not one of the areas") }
            return (i, j)
        })
    }

    /// The fast path: undirected pairs (a, b) of row indices, already checked and unique.
    package init(ids: [String], indexPairs pairs: [(Int32, Int32)]) {
        let n = ids.count
        var degree = [Int](repeating: 0, count: n + 1)
        for (a, b) in pairs { degree[Int(a) + 1] += 1; degree[Int(b) + 1] += 1 }
        for i in 0..<n { degree[i + 1] += degree[i] }
        var fill = Array(degree.prefix(n))
        var nb = [Int32](repeating: 0, count: degree[n])
        for (a, b) in pairs {
            nb[fill[Int(a)]] = b; fill[Int(a)] += 1
            nb[fill[Int(b)]] = a; fill[Int(b)] += 1
        }
        // Sort each row (deterministic order).
        for i in 0..<n { nb[degree[i]..<degree[i + 1]].sort() }
        self.init(ids: ids, offsets: degree, neighbours: nb, original: [Double](repeating: 1, count: nb.count), transform: .O)
    }

    /// General weights (possibly asymmetric, e.g. k nearest neighbours or inverse distance).
    public init(ids: [String], offsets: [Int], neighbours: [Int32], original: [Double], transform: Transform = .O) {
        self.ids = ids
        self.offsets = offsets
        self.neighbours = neighbours
        self.original = original
        self.transform = transform
        self.weights = SpatialWeights.apply(transform, offsets: offsets, original: original)
    }

    /// Whether any area is listed among its own neighbours (kernel weights include the diagonal).
    public var hasSelfLinks: Bool {
        (0..<count).contains { i in (offsets[i]..<offsets[i + 1]).contains { Int(neighbours[$0]) == i } }
    }

    /// Throws for weights with self-links (local statistics permute the neighbours' values).
    public func requireNoSelfLinks() throws {
        if hasSelfLinks {
            throw EquityError.invalidArgument("these weights list areas among their own neighbours (kernel weights include the diagonal); local statistics need weights without self-links")
        }
    }

    /// The same neighbours under another transform (computed from the original weights).
    public func transformed(_ t: Transform) -> SpatialWeights {
        SpatialWeights(ids: ids, offsets: offsets, neighbours: neighbours, original: original, transform: t)
    }

    static func apply(_ t: Transform, offsets: [Int], original w: [Double]) -> [Double] {
        let n = offsets.count - 1
        switch t {
        case .O: return w
        case .B: return w.map { $0 != 0 ? 1 : 0 }
        case .R:
            var out = w
            for i in 0..<n {
                let r = offsets[i]..<offsets[i + 1]
                let s = w[r].reduce(0, +)
                if s != 0 { for k in r { out[k] = w[k] / s } }
            }
            return out
        case .D:
            let s = w.reduce(0, +)
            return w.map { $0 / s }
        case .V:
            var out = w
            for i in 0..<n {
                let r = offsets[i]..<offsets[i + 1]
                let q = w[r].reduce(0) { $0 + $1 * $1 }.squareRoot()
                if q != 0 { for k in r { out[k] = w[k] / q } }
            }
            let total = out.reduce(0, +)
            let scale = Double(n) / total
            return out.map { $0 * scale }
        }
    }

    /// Rows with no neighbours.
    public var islands: [Int] { (0..<count).filter { offsets[$0] == offsets[$0 + 1] } }

    /// Connected components (union–find over the links): a component label per row and the count.
    public func components() -> (count: Int, label: [Int]) {
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for i in 0..<count {
            for k in offsets[i]..<offsets[i + 1] {
                let a = find(i), b = find(Int(neighbours[k]))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var label = [Int](repeating: -1, count: count)
        var next = 0
        var roots: [Int: Int] = [:]
        for i in 0..<count {
            let r = find(i)
            if let l = roots[r] { label[i] = l } else { roots[r] = next; label[i] = next; next += 1 }
        }
        return (next, label)
    }

    /// S0 = ΣΣw, S1 = ½ΣΣ(wᵢⱼ + wⱼᵢ)², S2 = Σ(wᵢ· + w·ᵢ)².
    public var moments: (s0: Double, s1: Double, s2: Double) {
        var s0 = 0.0
        var rowSum = [Double](repeating: 0, count: count), colSum = rowSum
        // wⱼᵢ lookup: rows are sorted, so binary search.
        var s1 = 0.0
        for i in 0..<count {
            for k in offsets[i]..<offsets[i + 1] {
                let j = Int(neighbours[k]), w = weights[k]
                s0 += w
                rowSum[i] += w
                colSum[j] += w
                let wji = weight(j, i)
                s1 += (w + wji) * (w + wji)
            }
        }
        // Pairs present only as (j, i) were counted from row j; ½Σ over ordered pairs of both.
        // The loop above adds (wᵢⱼ + wⱼᵢ)² once per stored wᵢⱼ; add the pairs stored only as wⱼᵢ.
        for i in 0..<count {
            for k in offsets[i]..<offsets[i + 1] {
                let j = Int(neighbours[k])
                if !hasLink(j, i) { s1 += weights[k] * weights[k] }
            }
        }
        s1 /= 2
        var s2 = 0.0
        for i in 0..<count { let t = rowSum[i] + colSum[i]; s2 += t * t }
        return (s0, s1, s2)
    }

    /// wᵢⱼ (0 when j is not a neighbour of i).
    public func weight(_ i: Int, _ j: Int) -> Double {
        linkIndex(i, j).map { weights[$0] } ?? 0
    }

    func hasLink(_ i: Int, _ j: Int) -> Bool { linkIndex(i, j) != nil }

    /// Position of link i → j in the CSR arrays (rows are sorted: binary search).
    func linkIndex(_ i: Int, _ j: Int) -> Int? {
        var lo = offsets[i], hi = offsets[i + 1]
        let target = Int32(j)
        while lo < hi {
            let mid = (lo + hi) / 2
            if neighbours[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets[i + 1] && neighbours[lo] == target ? lo : nil
    }

    /// The spatial lag Wz.
    public func lag(_ z: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count {
            var acc = 0.0
            for k in offsets[i]..<offsets[i + 1] { acc += weights[k] * z[Int(neighbours[k])] }
            out[i] = acc
        }
        return out
    }

    /// Number of neighbours of each row.
    public var cardinalities: [Int] { (0..<count).map { offsets[$0 + 1] - offsets[$0] } }

    /// The undirected pairs (i < j) present in either direction, sorted.
    public var undirectedPairs: [(Int, Int)] {
        var out: [(Int, Int)] = []
        for i in 0..<count {
            for k in offsets[i]..<offsets[i + 1] {
                let j = Int(neighbours[k])
                if i < j || (j < i && !hasLink(j, i)) { out.append((min(i, j), max(i, j))) }
            }
        }
        return out.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    }

    /// Whether every link i → j has a link j → i with the same original weight (contiguity,
    /// distance bands; not k nearest neighbours or adaptive kernels in general).
    public var isSymmetric: Bool {
        for i in 0..<count {
            for k in offsets[i]..<offsets[i + 1] {
                let j = Int(neighbours[k])
                guard let back = linkIndex(j, i), original[back] == original[k] else { return false }
            }
        }
        return true
    }

    /// The same weights with each area its own neighbour (original weight `selfWeight` on the
    /// diagonal), re-transformed — spdep's `include.self` and esda's `star`: under R each row of
    /// k neighbours gets 1/(k + 1) for every entry, the area itself included.
    public func includingSelf(weight selfWeight: Double = 1) -> SpatialWeights {
        var offs = [0], nb: [Int32] = [], w: [Double] = []
        nb.reserveCapacity(neighbours.count + count)
        w.reserveCapacity(neighbours.count + count)
        for i in 0..<count {
            var placed = false
            for k in offsets[i]..<offsets[i + 1] {
                let j = Int(neighbours[k])
                if j == i { nb.append(Int32(i)); w.append(original[k] + selfWeight); placed = true; continue }
                if !placed && j > i { nb.append(Int32(i)); w.append(selfWeight); placed = true }
                nb.append(neighbours[k]); w.append(original[k])
            }
            if !placed { nb.append(Int32(i)); w.append(selfWeight) }
            offs.append(nb.count)
        }
        return SpatialWeights(ids: ids, offsets: offs, neighbours: nb, original: w, transform: transform)
    }

    /// Restricted to a subset of rows (e.g. one local authority), keeping their order.
    public func subset(_ rows: [Int]) -> SpatialWeights {
        var index = [Int](repeating: -1, count: count)
        for (k, r) in rows.enumerated() { index[r] = k }
        var offs = [0], nb: [Int32] = [], w: [Double] = []
        var row: [(Int32, Double)] = []
        for r in rows {
            row.removeAll(keepingCapacity: true)
            for k in offsets[r]..<offsets[r + 1] where index[Int(neighbours[k])] >= 0 {
                row.append((Int32(index[Int(neighbours[k])]), original[k]))
            }
            // Rows stay sorted by neighbour (link look-ups binary-search them), also when `rows` reorders.
            row.sort { $0.0 < $1.0 }
            for (j, x) in row { nb.append(j); w.append(x) }
            offs.append(nb.count)
        }
        return SpatialWeights(ids: rows.map { ids[$0] }, offsets: offs, neighbours: nb, original: w, transform: transform)
    }
}
