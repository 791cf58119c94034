/// Contiguity from polygons: queen (share at least one vertex) or rook (share a stretch of
/// boundary of positive length), with exact coordinate equality by default (as libpysal; spdep's
/// `poly2nb` agrees) or, with a snap tolerance, vertices within that distance treated as one.
///
/// One pass: every vertex gets a key (its exact coordinates, or its snapped cluster), keys —
/// vertex keys for queen, unordered key pairs for rook — are radix-sorted with their polygon,
/// and polygons sharing a key become neighbours. Pairs are deduplicated the same way.
///
/// Rook also finds edges that one polygon subdivides: where A runs straight from p to q and B
/// has a vertex r between them (p→r→q), no edge is identical, yet the two share the boundary
/// p–q. At every shared vertex, an edge of A and an edge of B leaving it in the same direction
/// (collinear within 1e-9 of the shorter edge's length, or within the snap tolerance) overlap
/// along a stretch of positive length, so A and B are rook neighbours. This is spdep's answer
/// (`poly2nb(queen = FALSE)`: 376 pairs on spData's auckland, where identical edges alone —
/// libpysal's `Rook` — give 353).
public enum Contiguity: String, Sendable, CaseIterable {
    case queen, rook

    /// The neighbouring pairs (i < j) of a regular grid of `rows` × `columns` cells numbered row by
    /// row (cell r·columns + c): rook cells share an edge, queen cells an edge or a corner. As
    /// libpysal's `lat2W(rows, columns, rook:)` and spdep's `cell2nb(rows, columns, type:)`, for
    /// simulations and scale tests.
    public func latticePairs(rows: Int, columns: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        pairs.reserveCapacity(max(0, rows * columns * (self == .queen ? 4 : 2)))
        for r in 0..<max(rows, 0) {
            for c in 0..<max(columns, 0) {
                let i = r * columns + c
                if c + 1 < columns { pairs.append((i, i + 1)) }
                guard r + 1 < rows else { continue }
                if self == .queen && c > 0 { pairs.append((i, i + columns - 1)) }
                pairs.append((i, i + columns))
                if self == .queen && c + 1 < columns { pairs.append((i, i + columns + 1)) }
            }
        }
        return pairs
    }

    /// Undirected neighbour pairs (a < b) of the layer's features, sorted.
    public func pairs(_ layer: PolygonLayer, snap: Double? = nil) -> [(Int, Int)] {
        indexPairs(layer, snap: snap).map { (Int($0.0), Int($0.1)) }
    }

    /// The same as compact indices (the weights' fast path).
    package func indexPairs(_ layer: PolygonLayer, snap: Double? = nil) -> [(Int32, Int32)] {
        let nv = layer.x.count
        // Feature of each vertex.
        var feature = [Int32](repeating: 0, count: nv)
        for f in 0..<layer.featureCount {
            for v in layer.vertexRange(f) { feature[v] = Int32(f) }
        }
        // Canonical vertex identity: exact bits, or a snapped representative.
        var vx = layer.x.map { ($0 == 0 ? 0.0 : $0).bitPattern }
        var vy = layer.y.map { ($0 == 0 ? 0.0 : $0).bitPattern }
        if let snap, snap > 0 {
            let rep = Contiguity.snapRepresentatives(layer, tolerance: snap)
            for v in 0..<nv { vx[v] = layer.x[rep[v]].bitPattern; vy[v] = layer.y[rep[v]].bitPattern }
        }
        var keys: [UInt64] = []
        var payload: [UInt32] = []
        switch self {
        case .queen:
            keys.reserveCapacity(nv)
            payload.reserveCapacity(nv)
            for v in 0..<nv {
                keys.append(RadixSort.mix(vx[v], vy[v]))
                payload.append(UInt32(v))
            }
        case .rook:
            for r in 0..<(layer.ringStart.count - 1) {
                let s = layer.ringStart[r], e = layer.ringStart[r + 1]
                guard e - s >= 2 else { continue }
                for v in s..<(e - 1) {
                    let a = RadixSort.mix(vx[v], vy[v]), b = RadixSort.mix(vx[v + 1], vy[v + 1])
                    if a == b { continue }
                    keys.append(RadixSort.mix(min(a, b), max(a, b)))
                    payload.append(UInt32(v))
                }
            }
        }
        RadixSort.sort(keys: &keys, payload: &payload)
        // Runs of equal keys: check exact identity, collect distinct features, pair them.
        var pairKeys: [UInt64] = []
        var run: [Int] = []
        var i = 0
        let m = keys.count
        func sameKey(_ p: Int, _ q: Int) -> Bool {
            switch self {
            case .queen:
                return vx[p] == vx[q] && vy[p] == vy[q]
            case .rook:
                let a0 = (vx[p], vy[p]), a1 = (vx[p + 1], vy[p + 1]), b0 = (vx[q], vy[q]), b1 = (vx[q + 1], vy[q + 1])
                return (a0 == b0 && a1 == b1) || (a0 == b1 && a1 == b0)
            }
        }
        while i < m {
            var j = i + 1
            while j < m && keys[j] == keys[i] { j += 1 }
            if j - i > 1 {
                // Within a hash run, split by exact identity (collisions are vanishingly rare).
                var remaining = Array(i..<j)
                while !remaining.isEmpty {
                    let head = Int(payload[remaining[0]])
                    run.removeAll(keepingCapacity: true)
                    var rest: [Int] = []
                    for k in remaining {
                        if sameKey(head, Int(payload[k])) { run.append(Int(feature[Int(payload[k])])) } else { rest.append(k) }
                    }
                    remaining = rest
                    run.sort()
                    var distinct: [Int] = []
                    for f in run where distinct.last != f { distinct.append(f) }
                    if distinct.count > 1 {
                        for a in 0..<(distinct.count - 1) {
                            for b in (a + 1)..<distinct.count {
                                pairKeys.append(UInt64(distinct[a]) << 32 | UInt64(distinct[b]))
                            }
                        }
                    }
                }
            }
            i = j
        }
        if self == .rook {
            Contiguity.collinearAtSharedVertices(layer, vx: vx, vy: vy, feature: feature, snap: snap ?? 0, into: &pairKeys)
        }
        var dummy = [UInt32](repeating: 0, count: pairKeys.count)
        RadixSort.sort(keys: &pairKeys, payload: &dummy)
        var out: [(Int32, Int32)] = []
        out.reserveCapacity(pairKeys.count / 2)
        var last: UInt64 = .max
        for k in pairKeys where k != last {
            out.append((Int32(k >> 32), Int32(k & 0xFFFF_FFFF)))
            last = k
        }
        return out
    }

    /// Rook pairs whose shared boundary one of them subdivides: polygons meeting at a vertex
    /// with an edge each leaving it in the same direction (see the type's documentation).
    /// Appends `a << 32 | b` (a < b) keys to `pairKeys`.
    static func collinearAtSharedVertices(_ layer: PolygonLayer, vx: [UInt64], vy: [UInt64], feature: [Int32],
                                          snap: Double, into pairKeys: inout [UInt64]) {
        let nv = vx.count
        // The vertices before and after each one along its ring (closed rings wrap past the
        // repeated first vertex).
        var next = [Int32](repeating: -1, count: nv), previous = next
        for r in 0..<(layer.ringStart.count - 1) {
            let s = layer.ringStart[r], e = layer.ringStart[r + 1]
            guard e - s >= 2 else { continue }
            let closed = vx[s] == vx[e - 1] && vy[s] == vy[e - 1]
            let c = closed ? e - s - 1 : e - s
            guard c >= 2 else { continue }
            for v in s..<e {
                let i = closed && v == e - 1 ? 0 : v - s
                next[v] = Int32(s + (i + 1) % c)
                previous[v] = Int32(s + (i + c - 1) % c)
            }
        }
        var keys = (0..<nv).map { RadixSort.mix(vx[$0], vy[$0]) }
        var payload = (0..<nv).map { UInt32($0) }
        RadixSort.sort(keys: &keys, payload: &payload)
        @inline(__always) func point(_ v: Int) -> (Double, Double) { (Double(bitPattern: vx[v]), Double(bitPattern: vy[v])) }
        // Edges p→a of one polygon and q→b of another, p and q the same point: the same direction?
        func overlap(_ p: Int, _ a: Int, _ q: Int, _ b: Int) -> Bool {
            let (px, py) = point(p), (ax, ay) = point(a), (bx, by) = point(b)
            let ux = ax - px, uy = ay - py, tx = bx - px, ty = by - py
            let lu = (ux * ux + uy * uy).squareRoot(), lt = (tx * tx + ty * ty).squareRoot()
            guard lu > 0, lt > 0, ux * tx + uy * ty > 0 else { return false }
            // Distance of the shorter edge's far end from the longer edge's line.
            let distance = abs(ux * ty - uy * tx) / max(lu, lt)
            return distance <= max(snap, 1e-9 * min(lu, lt))
        }
        var i = 0
        var group: [Int] = []
        while i < nv {
            var j = i + 1
            while j < nv && keys[j] == keys[i] { j += 1 }
            if j - i > 1 {
                group.removeAll(keepingCapacity: true)
                for k in i..<j { group.append(Int(payload[k])) }
                for x in 0..<(group.count - 1) {
                    let p = group[x]
                    guard next[p] >= 0 else { continue }
                    for y in (x + 1)..<group.count {
                        let q = group[y]
                        let fp = feature[p], fq = feature[q]
                        guard fp != fq, next[q] >= 0, vx[p] == vx[q], vy[p] == vy[q] else { continue }
                        let (pn, pp, qn, qp) = (Int(next[p]), Int(previous[p]), Int(next[q]), Int(previous[q]))
                        if overlap(p, pn, q, qn) || overlap(p, pn, q, qp) || overlap(p, pp, q, qn) || overlap(p, pp, q, qp) {
                            pairKeys.append(UInt64(UInt32(min(fp, fq))) << 32 | UInt64(UInt32(max(fp, fq))))
                        }
                    }
                }
            }
            i = j
        }
    }

    /// For each vertex, the index of a representative vertex within `tolerance` (clusters by
    /// union–find over a grid of cell size `tolerance`, so chains of close vertices merge).
    static func snapRepresentatives(_ layer: PolygonLayer, tolerance t: Double) -> [Int] {
        let nv = layer.x.count
        var parent = Array(0..<nv)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        struct Cell: Hashable { let i: Int64; let j: Int64 }
        var grid: [Cell: [Int]] = [:]
        for v in 0..<nv {
            let c = Cell(i: Int64((layer.x[v] / t).rounded(.down)), j: Int64((layer.y[v] / t).rounded(.down)))
            grid[c, default: []].append(v)
        }
        let t2 = t * t
        for (cell, members) in grid {
            for di in -1...1 {
                for dj in -1...1 {
                    guard let other = grid[Cell(i: cell.i + Int64(di), j: cell.j + Int64(dj))] else { continue }
                    for a in members {
                        for b in other where b > a {
                            let dx = layer.x[a] - layer.x[b], dy = layer.y[a] - layer.y[b]
                            if dx * dx + dy * dy <= t2 {
                                let ra = find(a), rb = find(b)
                                if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
                            }
                        }
                    }
                }
            }
        }
        return (0..<nv).map { find($0) }
    }
}
