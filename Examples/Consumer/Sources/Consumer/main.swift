import EquityCore

// Wilson limits for arrays of counts (PHEindicatormethods' phe_proportion), as percentages.
let smoking = Proportion(confidence: try ConfidenceLevels([0.95]), multiplier: 100)
for r in try smoking.results(numerators: [81, 5, 120], denominators: [100, 50, 400]) {
    print("proportion", r.value, "95% CI", r.lower[0], r.upper[0])
}

// Queen contiguity from polygons held in memory: a 4 × 4 grid of unit squares.
func square(_ x: Double, _ y: Double) -> Polygon {
    Polygon(exterior: [Point(x, y), Point(x + 1, y), Point(x + 1, y + 1), Point(x, y + 1)])
}
let cells = (0..<16).map { [square(Double($0 % 4), Double($0 / 4))] }
let ids = (1...16).map { "cell\($0)" }
let weights = try SpatialWeights(layer: PolygonLayer(features: cells), ids: ids, rule: .contiguity(.queen))

// Moran's I and LISA clusters of a value high in the north-east corner (999 seeded permutations).
let y: [Double] = [1, 2, 1, 2, 2, 1, 3, 2, 1, 2, 8, 9, 2, 3, 9, 10]
let moran = try Moran.global(y, weights: weights.transformed(.R), permutations: 999, seed: 1)
print("Moran's I", moran.value, "z", moran.zRandomisation, "p_sim", moran.pSim)
let lisa = try LocalMoran.compute(y, weights: weights.transformed(.R), permutations: 999, seed: 1)
for (id, cluster) in zip(ids, lisa.clusters(alpha: 0.05)) { print(id, cluster.rawValue) }
