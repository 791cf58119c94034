import Testing
@testable import EquityCore
import EquityTestSupport
import Equity

/// LISA against PySAL esda 2.9.0 reference outputs in `Fixtures/reference/`.
@Suite struct LocalMoranTests {
    @Test func columbusLocalValues() throws {
        let (layer, w) = try GlobalStatisticsTests.columbus()
        let crime = try GlobalStatisticsTests.values(layer, "CRIME")
        let lisa = try LocalMoran.compute(crime, weights: w.transformed(.R))
        let ref = try Fixtures.table(Fixtures.path("reference/columbus_local_moran_reference.csv"))
        let ii = ref.doubles("Ii_queen_r"), q = ref.column("q")
        #expect(ii.count == 49)
        for k in 0..<49 {
            #expect(close(lisa.values[k], ii[k], relative: 1e-9, absolute: 1e-12), "obs \(k + 1)")
            #expect(try lisa.quadrant[k] == integer(q[k]), "obs \(k + 1)")
        }
        #expect(close(lisa.values[0], 0.7217813786, relative: 1e-9))
        #expect(close(lisa.values[2], 0.0919354204, relative: 1e-9))
        // spdep's scale is n/(n − 1) times esda's.
        let spdep = try LocalMoran.compute(crime, weights: w.transformed(.R), scale: .spdep)
        #expect(close(spdep.values[0], lisa.values[0] * 49 / 48, relative: 1e-12))
    }

    @Test func lutonAgainstEsda() throws {
        let (ids, values) = try SpatialInputs.values(csv: Fixtures.path("deprivation/luton_lsoa11_iod2019.csv"),
                                                     idColumn: "lsoa11cd", valueColumn: "income_score", ids: nil)
        let w = try SpatialInputs.adjacency(csv: Fixtures.path("adjacency/luton_lsoa11_bgc_queen_edges.csv"), ids: ids)
        let lisa = try LocalMoran.compute(values, weights: w.transformed(.R), permutations: 999, seed: 3, threads: 4)
        let ref = try Fixtures.table(Fixtures.path("reference/luton_lisa_reference_queen_r.csv"))
        let refIds = ref.column("lsoa11cd"), z = ref.doubles("z"), lag = ref.doubles("lag_z"), ii = ref.doubles("Ii"), q = ref.column("q_pysal")
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        #expect(refIds.count == 121)
        for k in 0..<refIds.count {
            let i = try #require(index[refIds[k]])
            #expect(close(lisa.z[i], z[k], relative: 1e-9))
            #expect(close(lisa.lag[i], lag[k], relative: 1e-9, absolute: 1e-12))
            #expect(close(lisa.values[i], ii[k], relative: 1e-9, absolute: 1e-12))
            #expect(try lisa.quadrant[i] == integer(q[k]))
        }
        // methods.md: quadrant counts (HH, LH, LL, HL) = 39, 24, 42, 16.
        #expect((1...4).map { q in lisa.quadrant.filter { $0 == q }.count } == [39, 24, 42, 16])
        // Seeded and thread-independent.
        let again = try LocalMoran.compute(values, weights: w.transformed(.R), permutations: 999, seed: 3, threads: 1)
        #expect(again.pSim == lisa.pSim)
        let labels = lisa.clusters(alpha: 0.05).map(\.rawValue)
        #expect(labels.filter { $0 != "Not significant" }.count > 20)
        let fdr = lisa.clusters(alpha: 0.05, correction: .fdr).map(\.rawValue)
        let bonf = lisa.clusters(alpha: 0.05, correction: .bonferroni).map(\.rawValue)
        #expect(fdr.filter { $0 != "Not significant" }.count <= labels.filter { $0 != "Not significant" }.count)
        #expect(bonf.filter { $0 != "Not significant" }.count <= fdr.filter { $0 != "Not significant" }.count)
    }

    /// Conditional randomisation: p-values near their analytic counterparts for a strongly
    /// clustered site, and islands never significant.
    @Test func islandsAreNeverSignificant() throws {
        let w = try SpatialWeights(ids: ["a", "b", "c", "d", "e"], pairs: [(0, 1), (1, 2), (2, 3)]) // e is an island
        let lisa = try LocalMoran.compute([1, 2, 3, 4, 10], weights: w.transformed(.R), permutations: 99, seed: 1)
        #expect(lisa.isIsland[4])
        #expect(lisa.values[4] == 0)
        #expect(lisa.pSim[4].isNaN)
        #expect(lisa.clusters(alpha: 0.99)[4] == .island)
    }
    /// Issue 9, item 8: an area whose value equals the mean (zᵢ = 0, Iᵢ = 0) ties with every
    /// draw; it was labelled a significant cluster with p_sim = 1/(R + 1), even with Bonferroni.
    /// Ties now count against significance: p = 1, "Not significant".
    @Test func areaAtTheMeanIsNotSignificant() throws {
        // 5 × 5 rook lattice with values 1…25: the centre cell (13) is the mean.
        var pairs: [(Int, Int)] = []
        for r in 0..<5 {
            for c in 0..<5 {
                let i = r * 5 + c
                if c < 4 { pairs.append((i, i + 1)) }
                if r < 4 { pairs.append((i, i + 5)) }
            }
        }
        let w = try SpatialWeights(ids: (1...25).map(String.init), pairs: pairs).transformed(.R)
        let values = (1...25).map(Double.init)
        let lisa = try LocalMoran.compute(values, weights: w, permutations: 999, seed: 3)
        #expect(lisa.z[12] == 0)
        #expect(lisa.pSim[12] == 1)
        for correction in LocalMoran.Correction.allCases {
            #expect(lisa.clusters(alpha: 0.05, correction: correction)[12] == .notSignificant)
        }
    }
}
