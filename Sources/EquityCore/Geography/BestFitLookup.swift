/// A best-fit lookup from small areas to larger areas built from geometry, as ONS builds its
/// best-fit lookups (ONS, *Best-fit lookups methodology*): each small area goes wholly to the
/// larger area containing one representative point of it —
/// - its point on surface (a point guaranteed inside the polygon: the middle of the widest
///   interior stretch of the horizontal line through the middle of its largest part, as GEOS'
///   `PointOnSurface`), or
/// - a given point per small area, e.g. its population-weighted centroid (ONS: the OAs'
///   population-weighted centroids), which makes the fit population-weighted.
///
/// Small areas that straddle a boundary are reported: the share of their area lying farther than
/// `tolerance` (coordinate units) outside the assigned area (estimated on a 24 × 24 grid of
/// points over the area, so to about ±3%), and the other areas it reaches. Generalised boundaries of different sets (LSOA BGC vs ward BFC) disagree by
/// tens of metres, hence the tolerance.
public struct BestFitLookup: Sendable {
    /// One small area's assignment.
    public struct Assignment: Sendable, Equatable {
        /// The containing large area (index into the target layer), nil when the point is in none.
        public var target: Int?
        /// The representative point used.
        public var point: (x: Double, y: Double)
        /// Share of the small area's area beyond `tolerance` outside the target (0 = wholly inside), from grid points.
        public var outsideShare: Double
        /// Other large areas holding some of it, largest share first.
        public var others: [Int]

        /// Equal when every field is (the point compared coordinate by coordinate).
        public static func == (a: Assignment, b: Assignment) -> Bool {
            a.target == b.target && a.point.x == b.point.x && a.point.y == b.point.y && a.outsideShare == b.outsideShare && a.others == b.others
        }
    }

    /// How each small area's larger area is chosen.
    public enum Method: String, Sendable, CaseIterable {
        /// The larger area containing the point on surface (or the given point).
        case pointOnSurface = "point-on-surface"
        /// The larger area holding the largest share of the small area (grid points).
        case largestShare = "largest-share"
    }

    /// Distance (coordinate units) within which a point counts as on the boundary.
    public var tolerance: Double
    /// The assignment rule.
    public var method: Method

    /// A lookup builder with this boundary tolerance and rule.
    public init(tolerance: Double, method: Method = .pointOnSurface) {
        self.tolerance = tolerance
        self.method = method
    }

    /// Grid points (24 × 24 over the bounding box) inside feature f of `layer`.
    static func samples(_ layer: PolygonLayer, _ f: Int) -> [(x: Double, y: Double)] {
        let box = layer.boundingBox(f)
        let k = 24
        var out: [(x: Double, y: Double)] = []
        for gy in 0..<k {
            let sy = box.minY + (Double(gy) + 0.5) / Double(k) * (box.maxY - box.minY)
            for gx in 0..<k {
                let sx = box.minX + (Double(gx) + 0.5) / Double(k) * (box.maxX - box.minX)
                if layer.contains(feature: f, x: sx, y: sy) { out.append((sx, sy)) }
            }
        }
        return out
    }

    /// Assigns every feature of `sources` to a feature of `targets`; `points` (one per source
    /// feature) replaces the point on surface.
    public func assign(sources: PolygonLayer, targets: PolygonLayer, points: [(x: Double, y: Double)]? = nil) -> [Assignment] {
        if let points { precondition(points.count == sources.featureCount, "one point per small area") }
        let boxes = (0..<targets.featureCount).map { targets.boundingBox($0) }
        func containing(_ px: Double, _ py: Double, first: Int?) -> Int? {
            if let first, targets.contains(feature: first, x: px, y: py) { return first }
            for t in 0..<targets.featureCount where t != first {
                let b = boxes[t]
                if px < b.minX || px > b.maxX || py < b.minY || py > b.maxY { continue }
                if targets.contains(feature: t, x: px, y: py) { return t }
            }
            return nil
        }
        var out: [Assignment] = []
        out.reserveCapacity(sources.featureCount)
        var hint: Int? = nil
        for f in 0..<sources.featureCount {
            let p = points?[f] ?? sources.pointOnSurface(f)
            let grid = Self.samples(sources, f)
            var target = containing(p.x, p.y, first: hint)
            if method == .largestShare && points == nil && !grid.isEmpty {
                var counts: [Int: Int] = [:]
                var last = target
                for q in grid { if let t = containing(q.x, q.y, first: last) { counts[t, default: 0] += 1; last = t } }
                if let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) { target = best.key }
            }
            if target != nil { hint = target }
            // Area shares by sampling: a 24 × 24 grid over the small area's bounding box, the
            // points inside it classified by larger area (points within the tolerance of the
            // assigned area's boundary count as inside it).
            var outside = 0, total = 0
            var otherCounts: [Int: Int] = [:]
            for q in grid {
                total += 1
                if let target, targets.contains(feature: target, x: q.x, y: q.y) { continue }
                if let target, targets.distanceToBoundary(feature: target, x: q.x, y: q.y) <= tolerance { continue }
                outside += 1
                if let o = containing(q.x, q.y, first: nil), o != target { otherCounts[o, default: 0] += 1 }
            }
            let others = otherCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            out.append(Assignment(target: target, point: p, outsideShare: total == 0 ? 0 : Double(outside) / Double(total), others: others))
        }
        return out
    }
}

extension PolygonLayer {
    /// Bounding box of feature f.
    public func boundingBox(_ f: Int) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var b = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
        for v in vertexRange(f) {
            b.minX = Swift.min(b.minX, x[v]); b.maxX = Swift.max(b.maxX, x[v])
            b.minY = Swift.min(b.minY, y[v]); b.maxY = Swift.max(b.maxY, y[v])
        }
        return b
    }

    /// Whether (px, py) is inside feature f (even–odd over all its rings, so holes exclude).
    public func contains(feature f: Int, x px: Double, y py: Double) -> Bool {
        var inside = false
        for r in featureRingStart[f]..<featureRingStart[f + 1] {
            let s = ringStart[r], e = ringStart[r + 1]
            guard e - s >= 3 else { continue }
            var j = e - 1
            for i in s..<e {
                let yi = y[i], yj = y[j]
                if (yi > py) != (yj > py) {
                    let xc = x[i] + (py - yi) / (yj - yi) * (x[j] - x[i])
                    if px < xc { inside.toggle() }
                }
                j = i
            }
        }
        return inside
    }

    /// Shortest distance from (px, py) to any edge of feature f.
    public func distanceToBoundary(feature f: Int, x px: Double, y py: Double) -> Double {
        var best = Double.infinity
        for r in featureRingStart[f]..<featureRingStart[f + 1] {
            let s = ringStart[r], e = ringStart[r + 1]
            guard e - s >= 2 else { continue }
            for i in s..<(e - 1) {
                let ax = x[i], ay = y[i], dx = x[i + 1] - ax, dy = y[i + 1] - ay
                let len2 = dx * dx + dy * dy
                var t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0
                t = Swift.min(Swift.max(t, 0), 1)
                let ex = ax + t * dx - px, ey = ay + t * dy - py
                best = Swift.min(best, ex * ex + ey * ey)
            }
        }
        return best.squareRoot()
    }

    /// A point inside feature f: on the horizontal line through the middle of the bounding box of
    /// its largest part (by absolute ring area), the midpoint of the widest stretch inside the
    /// feature (GEOS `PointOnSurface`'s approach). Falls back to the centroid for degenerate shapes.
    public func pointOnSurface(_ f: Int) -> (x: Double, y: Double) {
        // The largest exterior ring's vertical middle.
        var bestRing = -1, bestArea = -1.0
        for r in featureRingStart[f]..<featureRingStart[f + 1] where !(r < ringIsHole.count && ringIsHole[r]) {
            let s = ringStart[r], e = ringStart[r + 1]
            guard e - s >= 3 else { continue }
            var a = 0.0
            let ox = x[s], oy = y[s]
            for i in s..<(e - 1) { a += (x[i] - ox) * (y[i + 1] - oy) - (x[i + 1] - ox) * (y[i] - oy) }
            if abs(a) > bestArea { bestArea = abs(a); bestRing = r }
        }
        guard bestRing >= 0, bestArea > 0 else { return centroid(f) }
        var lo = Double.infinity, hi = -Double.infinity
        for v in ringStart[bestRing]..<ringStart[bestRing + 1] { lo = Swift.min(lo, y[v]); hi = Swift.max(hi, y[v]) }
        var py = (lo + hi) / 2
        // Avoid a line through a vertex (crossings would be ambiguous): nudge off any vertex's y.
        let span = hi - lo
        for attempt in 0..<8 {
            var clash = false
            for v in vertexRange(f) where y[v] == py { clash = true; break }
            if !clash { break }
            py = (lo + hi) / 2 + span * 1e-6 * Double(attempt + 1)
        }
        var xs: [Double] = []
        for r in featureRingStart[f]..<featureRingStart[f + 1] {
            let s = ringStart[r], e = ringStart[r + 1]
            guard e - s >= 3 else { continue }
            for i in s..<(e - 1) {
                let y0 = y[i], y1 = y[i + 1]
                if (y0 > py) != (y1 > py) { xs.append(x[i] + (py - y0) / (y1 - y0) * (x[i + 1] - x[i])) }
            }
        }
        xs.sort()
        var best = (width: -1.0, x: 0.0)
        var k = 0
        while k + 1 < xs.count {
            let w = xs[k + 1] - xs[k]
            if w > best.width { best = (w, (xs[k] + xs[k + 1]) / 2) }
            k += 2
        }
        return best.width > 0 ? (best.x, py) : centroid(f)
    }
}
