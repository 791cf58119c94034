import Foundation
import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// Shared-draw conditional randomisation gives every site the permutation distribution of
/// per-site simulation: against exact enumeration, per-site simulation, and esda.
@Suite struct SharedDrawsTests {
    /// Fourteen sites, degrees 1 to 4, distinct values: each site's p_sim at 99,999 permutations
    /// agrees with its exact conditional-permutation p-value (every k-subset of the other 13
    /// values enumerated) within Monte Carlo error.
    @Test func agreesWithExactEnumeration() throws {
        let n = 14
        let pairs = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 10), (10, 11), (11, 12), (12, 13),
                     (1, 5), (2, 6), (2, 9), (6, 10), (3, 11)]
        let w = try SpatialWeights(ids: (0..<n).map { "s\($0)" }, pairs: pairs).transformed(.R)
        let y = (0..<n).map { (Double([2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43][$0])).squareRoot() * Double($0 % 3 + 1) }
        let r = 99_999
        let lisa = try LocalMoran.compute(y, weights: w, permutations: r, seed: 7)
        let z = lisa.z
        let factor = Double(n - 1) / z.reduce(0) { $0 + $1 * $1 }
        var degrees = Set<Int>()
        for i in 0..<n {
            let others = (0..<n).filter { $0 != i }
            let k = w.offsets[i + 1] - w.offsets[i]
            degrees.insert(k)
            var ge = 0, le = 0, total = 0
            func visit(_ start: Int, _ chosen: [Int]) {
                if chosen.count == k {
                    let sim = factor * z[i] * (chosen.reduce(0) { $0 + z[$1] } / Double(k))
                    total += 1
                    if sim >= lisa.values[i] { ge += 1 }
                    if sim <= lisa.values[i] { le += 1 }
                    return
                }
                if start == others.count { return }
                for a in start..<others.count { visit(a + 1, chosen + [others[a]]) }
            }
            visit(0, [])
            let f = Double(min(ge, le)) / Double(total)
            let want = (f * Double(r) + 1) / Double(r + 1)
            let se = (max(f * (1 - f), 1e-6) / Double(r)).squareRoot()
            #expect(abs(lisa.pSim[i] - want) <= 5 * se + 2 / Double(r), "site \(i), k \(k): \(lisa.pSim[i]) vs exact \(want)")
        }
        #expect(degrees == [1, 2, 3, 4])
    }

    static func luton() throws -> (values: [Double], weights: SpatialWeights, ids: [String]) {
        let layer = try GeoJSONReader.read(path: Fixtures.path("boundaries/luton_lsoa11_E06000032.geojson"))
        let ids = try SpatialInputs.ids(layer, property: "LSOA11CD")
        let values = try SpatialInputs.values(csv: Fixtures.path("deprivation/luton_lsoa11_iod2019.csv"), idColumn: "lsoa11cd",
                                              valueColumn: "income_score", ids: ids).values
        return (values, try SpatialWeights(layer: layer, ids: ids, rule: .contiguity(.queen)).transformed(.R), ids)
    }

    /// Two-sample Kolmogorov–Smirnov statistic.
    func ks(_ a: [Double], _ b: [Double]) -> Double {
        let x = a.sorted(), y = b.sorted()
        var i = 0, j = 0, d = 0.0
        while i < x.count && j < y.count {
            let v = min(x[i], y[j])
            while i < x.count && x[i] <= v { i += 1 }
            while j < y.count && y[j] <= v { j += 1 }
            d = max(d, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
        }
        return d
    }

    /// Against esda 2.9.0 `Moran_Local(permutations=9999)` (Fixtures/reference/lisa_esda_p_sim_9999.csv):
    /// every area within Monte Carlo error of esda's p_sim, and the two sets of p-values
    /// indistinguishable by a Kolmogorov–Smirnov test (α = 0.001); per-site simulation likewise.
    @Test func sameDistributionAsEsdaAndPerSite() throws {
        let ref = try Fixtures.table(fixture: "reference/lisa_esda_p_sim_9999.csv")
        let columbus = try GeoJSONReader.read(path: Fixtures.path("boundaries/columbus.geojson"))
        let cids = try SpatialInputs.ids(columbus, property: "POLYID")
        let cw = try SpatialWeights(layer: columbus, ids: cids, rule: .contiguity(.queen)).transformed(.R)
        let crime = try SpatialInputs.values(columbus, property: "CRIME", ids: cids)
        let lu = try Self.luton()
        for (name, values, w, ids) in [("columbus", crime, cw, cids.map { String(Int(Double($0)!)) }), ("luton", lu.values, lu.weights, lu.ids)] {
            let esda = ref.filter { $0["data"] == name }
            let want = Dictionary(uniqueKeysWithValues: zip(esda.column("id"), esda.doubles("p_sim")))
            let shared = try LocalMoran.compute(values, weights: w, permutations: 9999, seed: 3).pSim
            let perSite = try LocalMoran.compute(values, weights: w, permutations: 9999, seed: 3, draws: .perSite).pSim
            var theirs: [Double] = []
            for (i, id) in ids.enumerated() {
                let q = try #require(want[id], "\(name) \(id)")
                theirs.append(q)
                let pm = (shared[i] + q) / 2
                let se = (max(pm * (1 - pm), 1e-4) / 9999 * 2).squareRoot()
                #expect(abs(shared[i] - q) <= 4.5 * se, "\(name) \(id): shared \(shared[i]) vs esda \(q)")
                #expect(abs(perSite[i] - q) <= 4.5 * se, "\(name) \(id): per-site \(perSite[i]) vs esda \(q)")
            }
            let m = Double(ids.count)
            let critical = 1.95 * ((m + m) / (m * m)).squareRoot()
            #expect(ks(shared, theirs) <= critical, "\(name) KS \(ks(shared, theirs))")
            #expect(ks(shared, perSite) <= critical)
        }
    }

    @Test func sameOnAnyNumberOfThreadsAndSeedsMatter() throws {
        let lu = try Self.luton()
        let one = try LocalMoran.compute(lu.values, weights: lu.weights, permutations: 20_000, seed: 5, threads: 1).pSim
        let two = try LocalMoran.compute(lu.values, weights: lu.weights, permutations: 20_000, seed: 5, threads: 2).pSim
        let other = try LocalMoran.compute(lu.values, weights: lu.weights, permutations: 20_000, seed: 6, threads: 2).pSim
        #expect(one == two)
        #expect(one != other)
        // Weights that differ within a row fall back to per-site simulation for those sites.
        let binary = lu.weights.transformed(.B)
        let g = try GetisOrd.local(lu.values, weights: binary, star: false, permutations: 999, seed: 1)
        #expect(g.pSim.allSatisfy { $0 > 0 && $0 <= 1 })
    }
}
